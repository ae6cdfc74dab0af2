import { defineEventHandler } from "h3";
import { assertSameOrigin } from "../utils/csrf";
import { useGateway } from "../utils/gateway";

export default defineEventHandler((event) => {
  if (event.method === "GET" || event.method === "HEAD") return;
  assertSameOrigin(event, useGateway().config.publicOrigin);
});
