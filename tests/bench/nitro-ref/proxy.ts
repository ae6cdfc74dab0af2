// The reference: the least a Nitro handler can do to forward a call with undici.
import { defineEventHandler, getRequestURL, readRawBody, setResponseHeader, setResponseStatus } from "h3";
import { Pool } from "undici";

const upstream = new Pool(process.env.REF_UPSTREAM_ORIGIN!, { connections: 64, pipelining: 1, keepAliveTimeout: 60_000 });
// REF_REENCODE=1: the floor of any JSON response policy, the answer parsed and encoded again, nothing checked.
const reencode = process.env.REF_REENCODE === "1";
// REF_BATCH=1: each upstream request sent from a setImmediate, with the others of the same event-loop turn, as the gateway does.
const batch = process.env.REF_BATCH === "1";
const fixedHeaders = { authorization: `Bearer ${process.env.REF_UPSTREAM_TOKEN}`, "x-api-key": process.env.REF_UPSTREAM_API_KEY! };

export default defineEventHandler(async (event) => {
  const url = getRequestURL(event);
  if (url.pathname === "/healthz") return "ok";
  const method = event.method;
  const body = method === "GET" || method === "HEAD" ? undefined : await readRawBody(event, false);
  if (batch) await new Promise((resolve) => setImmediate(resolve));
  const answer = await upstream.request({
    path: url.pathname + url.search, method, body,
    headers: { ...fixedHeaders, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) },
  });
  setResponseStatus(event, answer.statusCode);
  setResponseHeader(event, "content-type", String(answer.headers["content-type"] ?? "application/json"));
  const bytes = Buffer.from(await answer.body.arrayBuffer());
  return reencode ? JSON.stringify(JSON.parse(bytes.toString())) : bytes;
});
