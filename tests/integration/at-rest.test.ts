import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onNode } from "../support/gateway";
import { startStack, type Stack } from "../support/stack";
import { TEST_TAXPAYERS } from "../upstream";

// What a copy of Workers KV would give away: nothing usable. Session keys are the SHA-256
// of the cookie, records are sealed (AES-256-GCM); counters and nonces live in the Durable
// Object under HMAC'd names. (The same check on Redis: tests/cluster/session-store.test.ts.)
const [ONE] = TEST_TAXPAYERS;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

describe.skipIf(onNode)("at rest in Workers KV", () => {
  it("holds no token, number, name, PIN or cookie in clear, and no bare SHA-256 of a number or address", async () => {
    const signedIn = await stack.signIn(ONE.msisdn);
    expect((await signedIn.get("/session")).status).toBe(200);
    const { keys, values } = await stack.gateway.storedItems!();
    expect(keys.length).toBeGreaterThan(0);
    const everything = [...keys, ...values].join("\n");
    const tokens = stack.upstream.tokensIssued();
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) for (const part of token.split(".")) expect(everything).not.toContain(part);
    for (const forbidden of [ONE.msisdn, ONE.msisdn.slice(3), ONE.name, ONE.pin, signedIn.sessionId!]) expect(everything).not.toContain(forbidden);
    for (const subject of [ONE.msisdn, "127.0.0.1", "::1"]) {
      for (const encoding of ["hex", "base64url", "base64"] as const) {
        expect(everything).not.toContain(createHash("sha256").update(subject).digest(encoding));
      }
    }
    keys.forEach((key, i) => {
      const value = JSON.parse(values[i]);
      // The per-number session index (under the number's HMAC): session store keys and their expiry, nothing else.
      if (/:i:/.test(key)) expect(Object.values(value).every((expiresAt) => typeof expiresAt === "number")).toBe(true);
      else expect(Object.keys(value).sort()).toEqual(["box", "v"]);
    });
    expect(keys.filter((key) => /:i:/.test(key))).toHaveLength(1);
  });
});
