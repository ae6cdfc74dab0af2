import type { NitroErrorHandler } from "nitropack";
import { sendGatewayError } from "./utils/error-response";

// The one place error responses are shaped (JSON, or a page/redirect for plain form posts).
const errorHandler: NitroErrorHandler = (error, event) => sendGatewayError(event, error);

export default errorHandler;
