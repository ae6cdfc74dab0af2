import { useGateway } from "./gateway";

export interface Readiness { status: "ready" | "unavailable"; checks: { config: "ok" | "invalid"; store: "ok" | "down" | "unknown" } }

/** Ready when the configuration validated and the session store answers (within the store timeout). */
export async function checkReadiness(): Promise<Readiness> {
  let gateway;
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
