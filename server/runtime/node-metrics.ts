// prom-client metrics, created only when the admin listener is on. Each labelled
// child is looked up once and kept, so recording a request is two map lookups and
// an increment, with no label object hashed per call.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { GatewayMetrics } from "./contract";

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const m = defineMetrics(registry);
  const requestCount = keptChildren((key: string) => m.requests.labels(...(key.split(" ") as [string, string])));
  const requestDuration = keptChildren((route: string) => m.requestDuration.labels(route));
  const upstreamDuration = keptChildren((rule: string) => m.upstreamDuration.labels(rule));
  const statusKeys = keptChildren((_route: string) => new Map<number, string>());
  return {
    countRequest(route, status, seconds) {
      const keys = statusKeys(route);
      let key = keys.get(status);
      if (key === undefined) keys.set(status, (key = `${route} ${status}`));
      requestCount(key).inc();
      requestDuration(route).observe(seconds);
    },
    timeUpstream: (rule, seconds) => upstreamDuration(rule).observe(seconds),
    countUpstreamFailure: (rule, kind) => m.upstreamFailures.labels(rule, kind).inc(),
    countSessionCreated: (mode) => m.sessions.labels(mode).inc(),
    countOtpCheck: (outcome) => m.otpChecks.labels(outcome).inc(),
    countRateLimited: (limit) => m.rateLimited.labels(limit).inc(),
    countStoreError: () => m.storeErrors.inc(),
    countFlowRequest(flow, action, status, seconds) {
      m.flowRequests.labels(flow, action, String(status)).inc();
      m.flowDuration.labels(flow, action).observe(seconds);
    },
    render: async () => ({ contentType: registry.contentType, text: await registry.metrics() }),
  };
}

/** The metrics the issue names (README: Operators), registered in `registry` only. */
function defineMetrics(registry: Registry) {
  const registers = [registry];
  const counter = (name: string, help: string, labelNames: string[]) => new Counter({ name, help, labelNames, registers });
  const histogram = (name: string, help: string, labelNames: string[]) =>
    new Histogram({ name, help, labelNames, buckets: DURATION_BUCKETS, registers });
  return {
    requests: counter("gateway_requests_total", "Requests answered, by route and status", ["route", "status"]),
    requestDuration: histogram("gateway_request_duration_seconds", "Time to answer a request, by route", ["route"]),
    upstreamDuration: histogram("gateway_upstream_duration_seconds", "Upstream call time, by proxy rule", ["rule"]),
    upstreamFailures: counter("gateway_upstream_failures_total", "Upstream calls that failed, by proxy rule and kind", ["rule", "kind"]),
    sessions: counter("gateway_sessions_created_total", "Sessions created, by identity mode", ["mode"]),
    otpChecks: counter("gateway_otp_checks_total", "OTP codes checked, by outcome", ["outcome"]),
    rateLimited: counter("gateway_rate_limited_total", "Requests refused by a rate limit, by limit", ["limit"]),
    storeErrors: counter("gateway_store_errors_total", "Session store operations that failed", []),
    flowRequests: counter("gateway_flow_requests_total", "WhatsApp Flows requests, by Flow, action and status", ["flow", "action", "status"]),
    flowDuration: histogram("gateway_flow_request_duration_seconds", "Time to answer a WhatsApp Flows request, by Flow and action", ["flow", "action"]),
  };
}

/** One child per label value, made on first use and kept (labels are bounded by the callers). */
function keptChildren<T>(make: (label: string) => T): (label: string) => T {
  const kept = new Map<string, T>();
  return (label) => {
    let child = kept.get(label);
    if (!child) kept.set(label, (child = make(label)));
    return child;
  };
}
