import { defineEventHandler, setResponseStatus } from "h3";
import { useGateway, type Gateway } from "../utils/gateway";

interface Readiness { status: "ready" | "unavailable"; checks: { config: "ok" | "invalid"; store: "ok" | "down" | "unknown" } }

// Ready when the configuration validated and the session store answers (within the store timeout); else 503.
export default defineEventHandler(async (event) => {
  const readiness = await checkReadiness();
  if (readiness.status !== "ready") setResponseStatus(event, 503);
  return readiness;
});

async function checkReadiness(): Promise<Readiness> {
  let gateway: Gateway;
  try {
    gateway = useGateway();
  } catch {
    return { status: "unavailable", checks: { config: "invalid", store: "unknown" } };
  }
  try {
    await gateway.store.ping();
    return { status: "ready", checks: { config: "ok", store: "ok" } };
  } catch {
    return { status: "unavailable", checks: { config: "ok", store: "down" } };
  }
}
