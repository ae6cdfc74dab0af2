import type { H3Event } from "h3";
import { isServiceName, SERVICE_NAMES, type ServiceName } from "../shared/services";
import { gatewayError } from "./errors";
import { useGateway } from "./gateway";

// The paused state lives in the store (every instance sees an operator's change);
// each instance keeps what it read for a second, so the request path rarely waits on it.
const CACHE_MS = 1_000;
const PAUSED_RETRY_AFTER_SECONDS = 300;

let cached: { paused: ReadonlySet<ServiceName>; readAt: number } | undefined;
let reading: Promise<ReadonlySet<ServiceName>> | undefined;

/** 503 `service_paused` (with Retry-After) when operators paused `service`; no await while the cached state is fresh. */
export function requireServiceRunning(event: H3Event, service: ServiceName): void | Promise<void> {
  if (cached && performance.now() - cached.readAt < CACHE_MS) return refuseIfPaused(cached.paused, service);
  return readPausedServices().then((paused) => refuseIfPaused(paused, service));
}

function refuseIfPaused(paused: ReadonlySet<ServiceName>, service: ServiceName): void {
  if (paused.has(service)) throw gatewayError("service_paused", { retryAfter: PAUSED_RETRY_AFTER_SECONDS });
}

/** The paused services, read through the one-second cache; while the store is down, the last state read (or the start state). */
export function readPausedServices(): Promise<ReadonlySet<ServiceName>> {
  if (cached && performance.now() - cached.readAt < CACHE_MS) return Promise.resolve(cached.paused);
  reading ??= fetchPaused().finally(() => (reading = undefined));
  return reading;
}

async function fetchPaused(): Promise<ReadonlySet<ServiceName>> {
  const { config, store } = useGateway();
  let paused: ReadonlySet<ServiceName>;
  try {
    paused = toServiceSet(await store.readPausedServices()) ?? new Set(config.pausedServices);
  } catch {
    paused = cached?.paused ?? new Set(config.pausedServices);
  }
  cached = { paused, readAt: performance.now() };
  return paused;
}

function toServiceSet(stored: unknown): Set<ServiceName> | null {
  const list = (stored as { paused?: unknown } | null)?.paused;
  return Array.isArray(list) ? new Set(list.filter(isServiceName)) : null;
}

/** Stores a new paused list for every instance; this one sees it at once. Returns it in SERVICE_NAMES order. */
export async function writePausedServices(paused: ReadonlySet<ServiceName>): Promise<ServiceName[]> {
  const list = SERVICE_NAMES.filter((name) => paused.has(name));
  await useGateway().store.writePausedServices(list);
  cached = { paused: new Set(list), readAt: performance.now() };
  return list;
}
