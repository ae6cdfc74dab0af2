import type { H3Event } from "h3";
import { RuntimeFailure, type GatewayMetrics } from "../runtime/contract";
import { isGatewayPath } from "../shared/gateway-paths";

// Off (one optional call per request) unless the admin listener is on and the
// plugin installs the runtime's prom-client metrics here.
let metrics: GatewayMetrics | undefined;

export function installMetrics(installed: GatewayMetrics): void {
  metrics = installed;
}

export function renderMetrics(): Promise<{ contentType: string; text: string }> | undefined {
  return metrics?.render();
}

/** Routes are rule ids, the gateway's own paths, or `page` (UI): never a path a client chose. */
export function recordRequest(event: H3Event, status: number, started: number | undefined): void {
  if (!metrics || started === undefined) return;
  metrics.countRequest(requestRoute(event), status, (performance.now() - started) / 1000);
}

// The gateway's own handlers by path; other gateway paths are one label each way.
export const GATEWAY_ROUTES: ReadonlySet<string> = new Set([
  "/entry", "/session", "/session/otp", "/session/otp/resend", "/session/logout", "/healthz", "/readyz", "/favicon.ico", "/robots.txt", "/language",
  "/session/signup/etims", "/session/pin/retrieve", "/session/pin/applicant", "/session/pin/register", "/session/whatsapp/send",
  "/whatsapp/flows", "/whatsapp/webhook",
]);

function requestRoute(event: H3Event): string {
  if (event.context.routeId) return event.context.routeId as string;
  const path = event.path.split("?")[0];
  if (GATEWAY_ROUTES.has(path)) return path;
  if (path.startsWith("/api/")) return "api.unmatched";
  return isGatewayPath(path) ? "gateway.other" : "page";
}

/** One upstream call's time; a failure by its sign (timeout, reset, 5xx, html, too_large, unauthorized, bad_status, bad_type). */
export function recordUpstream(rule: string, started: number, failure?: unknown): void {
  if (!metrics) return;
  metrics.timeUpstream(rule, (performance.now() - started) / 1000);
  if (failure !== undefined) metrics.countUpstreamFailure(rule, failure instanceof RuntimeFailure ? failure.sign : "reset");
}

export function countSessionCreated(mode: string): void {
  metrics?.countSessionCreated(mode);
}

export function countOtpCheck(outcome: "right" | "wrong" | "exhausted"): void {
  metrics?.countOtpCheck(outcome);
}

export function countRateLimited(limit: string): void {
  metrics?.countRateLimited(limit);
}

/** One WhatsApp Flows request (gateway_flow_requests_total{flow,action,status} and its latency): bounded labels only. */
export function countFlowRequest(flow: string, action: string, status: number, started: number): void {
  metrics?.countFlowRequest(flow, action, status, (performance.now() - started) / 1000);
}

export function countStoreError(): void {
  metrics?.countStoreError();
}
