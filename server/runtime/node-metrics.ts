// prom-client metrics, created only when the admin listener is on. Each labelled
// child is looked up once and kept, so recording a request is a map lookup and an
// increment, with no label object hashed per call.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { GatewayMetrics } from "./contract";

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new Counter({ name: "gateway_requests_total", help: "Requests answered, by route and status", labelNames: ["route", "status"], registers });
  const requestDuration = new Histogram({
    name: "gateway_request_duration_seconds", help: "Time to answer a request, by route", labelNames: ["route"], buckets: DURATION_BUCKETS, registers,
  });
  const upstreamDuration = new Histogram({
    name: "gateway_upstream_duration_seconds", help: "Upstream call time, by proxy rule", labelNames: ["rule"], buckets: DURATION_BUCKETS, registers,
  });
  const upstreamFailures = new Counter({
    name: "gateway_upstream_failures_total", help: "Upstream calls that failed, by proxy rule and kind", labelNames: ["rule", "kind"], registers,
  });
  const sessions = new Counter({ name: "gateway_sessions_created_total", help: "Sessions created, by identity mode", labelNames: ["mode"], registers });
  const otpChecks = new Counter({ name: "gateway_otp_checks_total", help: "OTP codes checked, by outcome", labelNames: ["outcome"], registers });
  const rateLimited = new Counter({ name: "gateway_rate_limited_total", help: "Requests refused by a rate limit, by limit", labelNames: ["limit"], registers });
  const storeErrors = new Counter({ name: "gateway_store_errors_total", help: "Session store operations that failed", registers });

  const requestChildren = new Map<string, { count: Map<number, Counter.Internal>; duration: Histogram.Internal<string> }>();
  const requestChild = (route: string) => {
    let child = requestChildren.get(route);
    if (!child) requestChildren.set(route, (child = { count: new Map(), duration: requestDuration.labels(route) }));
    return child;
  };
  const upstreamChildren = keptChildren((rule: string) => upstreamDuration.labels(rule));

  return {
    countRequest(route, status, seconds) {
      const child = requestChild(route);
      let count = child.count.get(status);
      if (!count) child.count.set(status, (count = requests.labels(route, String(status))));
      count.inc();
      child.duration.observe(seconds);
    },
    timeUpstream: (rule, seconds) => upstreamChildren(rule).observe(seconds),
    countUpstreamFailure: (rule, kind) => upstreamFailures.labels(rule, kind).inc(),
    countSessionCreated: (mode) => sessions.labels(mode).inc(),
    countOtpCheck: (outcome) => otpChecks.labels(outcome).inc(),
    countRateLimited: (limit) => rateLimited.labels(limit).inc(),
    countStoreError: () => storeErrors.inc(),
    render: async () => ({ contentType: registry.contentType, text: await registry.metrics() }),
  };
}

function keptChildren<T>(make: (label: string) => T): (label: string) => T {
  const kept = new Map<string, T>();
  return (label) => {
    let child = kept.get(label);
    if (!child) kept.set(label, (child = make(label)));
    return child;
  };
}
