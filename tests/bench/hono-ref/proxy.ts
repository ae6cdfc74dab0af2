// The contender a team would write instead of the gateway: Hono 4 on @hono/node-server, `hono/proxy`
// forwarding every /api/* call to the upstream with the token and API key added, checking nothing.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { proxy } from "hono/proxy";

const upstream = process.env.REF_UPSTREAM_ORIGIN!;
const authorization = `Bearer ${process.env.REF_UPSTREAM_TOKEN}`;
const apiKey = process.env.REF_UPSTREAM_API_KEY!;

const app = new Hono();
app.get("/healthz", (c) => c.text("ok"));
app.all("/api/*", (c) => {
  const { pathname, search } = new URL(c.req.url);
  return proxy(`${upstream}${pathname}${search}`, {
    ...c.req,
    headers: { ...c.req.header(), host: undefined, cookie: undefined, authorization, "x-api-key": apiKey },
  });
});

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: process.env.HOST });
