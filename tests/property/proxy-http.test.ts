import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { rawRequest } from "../support/raw-http";
import { startStack, type Stack } from "../support/stack";

const [ONE] = TEST_TAXPAYERS;
let stack: Stack;
let cookie: string;
beforeAll(async () => {
  stack = await startStack();
  cookie = `__Host-session=${(await stack.signIn(ONE.msisdn)).sessionId}`;
});
afterAll(() => stack?.stop());

// Only these upstream URLs can ever be reached by a GET through the gateway.
const ALLOWED = [/^\/api\/ussd\/buyer-initiated\/fetch\/254700000001\?page=1&page_size=20&actor=buyer&source=whatsapp$/, /^\/public\/etims\/invoice\/[A-Z0-9]{4,32}\/[A-Za-z0-9]{8,64}$/];
const segment = fc.oneof(
  fc.constantFrom("buyer-initiated", "fetch", "public", "etims", "invoice", "INVABCDEFG", "KEY0123456789ABCD", "post-sale", "..", ".", "%2e%2e", "%2F", "%5C", "%00", "%252f", "", "ussd", "api"),
  fc.stringMatching(/^[\w.%~:@!$&'()*+,;=-]{0,10}$/),
);

// Allowlisted GETs mixed in, so "refuse everything" cannot pass: each of these must be forwarded once.
const validTarget = fc.oneof(
  fc.constant("/api/buyer-initiated/fetch"),
  fc.tuple(fc.stringMatching(/^[A-Z0-9]{4,32}$/), fc.stringMatching(/^[A-Za-z0-9]{8,64}$/))
    .map(([invoice, key]) => `/api/public/etims/invoice/${invoice}/${key}`),
);
const upstreamUrlOf = (target: string) => target.startsWith("/api/public/")
  ? target.slice("/api".length)
  : "/api/ussd/buyer-initiated/fetch/254700000001?page=1&page_size=20&actor=buyer&source=whatsapp";
const randomTarget = fc.tuple(fc.array(segment, { maxLength: 6 }), fc.oneof(fc.constant(""), fc.stringMatching(/^\?[\w=&%.-]{0,16}$/)))
  .map(([parts, query]) => `/api/${parts.join("/")}${query}`);

describe("the proxy over real HTTP (fast-check)", () => {
  it("for any request target under /api, the upstream receives nothing or exactly one allowlisted URL", async () => {
    let forwarded = 0;
    let valid = 0;
    await fc.assert(fc.asyncProperty(fc.oneof(randomTarget, validTarget.map((target) => ({ target }))), async (generated) => {
      stack.upstream.clearReceived();
      const target = typeof generated === "string" ? generated : generated.target;
      const response = await rawRequest(stack.gateway.port, `GET ${target} HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
      expect(response.status).not.toBe(500);
      expect(response.status).toBeGreaterThan(0);
      const received = stack.upstream.received.filter((r) => !r.path.endsWith("/init"));
      expect(received.length).toBeLessThanOrEqual(1);
      for (const request of received) expect(ALLOWED.some((pattern) => pattern.test(request.url)), request.url).toBe(true);
      forwarded += received.length;
      if (typeof generated === "string") return;
      valid += 1;
      expect(received.map((r) => r.url), target).toEqual([upstreamUrlOf(target)]);
    }), { numRuns: 300 });
    expect(valid).toBeGreaterThan(50);
    expect(forwarded).toBeGreaterThanOrEqual(valid);
  }, 120_000);
});
