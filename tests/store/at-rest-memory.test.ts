import { createHash, randomBytes } from "node:crypto";
import type { H3Event } from "h3";
import { describe, expect, it } from "vitest";
import type { StoreBackend } from "../../server/runtime/stores/contract";
import { initGateway } from "../../server/utils/gateway";
import { enforceRateLimit } from "../../server/utils/rate-limit";
import { createGatewayStore } from "../../server/utils/store";
import { createMemoryBackend } from "../../server/runtime/stores/memory";

// The memory store (one instance) keeps what the other stores keep: rate-limit subjects as
// HMACs, never a number, an address or a bare SHA-256 of either. Every key the gateway hands
// the real memory backend is recorded on its way in. (Redis: tests/cluster/session-store.test.ts;
// Workers KV: tests/integration/at-rest.test.ts.)
const MSISDN = "254700000001";
const ADDRESS = "127.0.0.1";

function recording(backend: StoreBackend, keys: string[]): StoreBackend {
  return new Proxy(backend, {
    get: (target, name: keyof StoreBackend) => {
      const member = target[name];
      if (typeof member !== "function") return member;
      return (key: string, ...rest: unknown[]) => {
        keys.push(key);
        return (member as (...args: unknown[]) => unknown).call(target, key, ...rest);
      };
    },
  });
}

describe("at rest in the memory store", () => {
  it("keys rate limits by HMAC: no number, address or bare SHA-256 of either", async () => {
    const gateway = initGateway({}, {
      NITRO_IDENTITY_BASE_URL: "https://identity.example/api", NITRO_UPSTREAM_BASE_URL: "https://tax.example/api/ussd",
      NITRO_UPSTREAM_API_KEY: randomBytes(16).toString("hex"), NITRO_ENTRY_LINK_SECRET: randomBytes(32).toString("hex"),
      NITRO_PUBLIC_ORIGIN: "https://whatsapp.kra.go.ke", NITRO_SESSION_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    });
    const keys: string[] = [];
    gateway.store = createGatewayStore(recording(createMemoryBackend(100), keys));
    const event = {} as H3Event; // the limit reads only its name and subject
    await enforceRateLimit(event, "entryMsisdn", MSISDN);
    await enforceRateLimit(event, "otpVerifyIp", ADDRESS);

    expect(keys.length).toBeGreaterThanOrEqual(4); // two buckets read or counted per limit
    const everything = keys.join("\n");
    for (const subject of [MSISDN, MSISDN.slice(3), ADDRESS]) {
      expect(everything).not.toContain(subject);
      for (const encoding of ["hex", "base64url", "base64"] as const) {
        expect(everything).not.toContain(createHash("sha256").update(subject).digest(encoding));
      }
    }
  });
});
