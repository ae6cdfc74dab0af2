import type { NitroErrorHandler } from "nitropack";
import { setResponseHeader, setResponseStatus } from "h3";

const handler: NitroErrorHandler = (error, event) => {
  setResponseStatus(event, error.statusCode || 500);
  setResponseHeader(event, "content-type", "application/json");
  return event.node.res.end(JSON.stringify({ error: "x", message: error.statusMessage }));
};
export default handler;
