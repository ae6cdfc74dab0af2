import { defineEventHandler, setResponseStatus } from "h3";
import { checkReadiness } from "../utils/readiness";

export default defineEventHandler(async (event) => {
  const readiness = await checkReadiness();
  if (readiness.status !== "ready") setResponseStatus(event, 503);
  return readiness;
});
