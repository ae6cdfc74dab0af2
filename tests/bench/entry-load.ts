// Load generator for POST /entry (direct mode): every request carries a new signed link.
import { createHmac, randomBytes } from "node:crypto";
import autocannon from "autocannon";

const options = JSON.parse(process.argv[2]) as { url: string; origin: string; secret: string; seconds?: number; amount?: number; connections: number };
const PHONES = ["254700000001", "254700000002", "254700000003", "254700000004", "254700000005"];
const exp = String(Math.floor(Date.now() / 1000) + 840);
const count = options.amount ?? Math.max(50_000, (options.seconds ?? 10) * 6_000);

// Links are signed before the clock starts, so signing costs nothing during the measurement.
const bodies = Array.from({ length: count }, (_, i) => {
  const phone = PHONES[i % PHONES.length];
  const nonce = randomBytes(16).toString("base64url");
  const sig = createHmac("sha256", options.secret).update(`v1\n${phone}\n${exp}\n${nonce}`).digest("base64url");
  return new URLSearchParams({ phone, exp, nonce, sig }).toString();
});
let next = 0;

const result = await autocannon({
  url: `${options.url}/entry`,
  connections: options.connections,
  ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
  requests: [{
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: options.origin, "sec-fetch-site": "same-origin" },
    setupRequest: (request: Record<string, unknown>) => ({ ...request, body: bodies[next++ % bodies.length] }),
  }],
});
const redirects = result.statusCodeStats?.["303"]?.count ?? 0;
process.stdout.write(JSON.stringify({
  rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
  non2xx: result.requests.total - redirects, errors: result.errors + result.timeouts, requests: result.requests.total,
}));
