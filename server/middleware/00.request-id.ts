import { defineEventHandler, getRequestHeader } from "h3";
import { nextRequestId } from "../utils/request-id";

// An id from KRA's load balancer is kept when it is plain; anything else is replaced.
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{8,64}$/;

export default defineEventHandler((event) => {
  const incoming = getRequestHeader(event, "x-request-id");
  const requestId = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : nextRequestId();
  event.context.requestId = requestId;
  event.node.res.setHeader("x-request-id", requestId);
});
