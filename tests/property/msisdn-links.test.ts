import { createHmac } from "node:crypto";
import fc from "fast-check";
import * as max from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { normalizeMsisdn } from "../../server/shared/msisdn";
import { LINK_MAX_AHEAD_SECONDS, signLink, verifyLink } from "../../server/utils/signed-link";

const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(""));
const kenyanLooking = fc.oneof(
  digits(8).map((d) => `07${d}`), digits(8).map((d) => `01${d}`), digits(8).map((d) => `02${d}`),
  digits(8).map((d) => `2547${d}`), digits(8).map((d) => `+2541${d}`), digits(8).map((d) => `7${d}`),
  digits(9).map((d) => `+254 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6)}`),
  fc.integer({ min: 6, max: 14 }).chain(digits), digits(9).map((d) => `+255${d}`),
);

/** libphonenumber-js's own verdict with its full metadata: a valid Kenyan mobile number. */
function isKenyanMobile(input: string): boolean {
  const phone = max.parsePhoneNumberFromString(input.replace(/[ -]/g, ""), "KE");
  return !!phone && phone.country === "KE" && phone.isValid() && ["MOBILE", "FIXED_LINE_OR_MOBILE"].includes(phone.getType() ?? "");
}

describe("MSISDN normalisation (fast-check)", () => {
  it("accepts exactly the Kenyan mobile numbers libphonenumber-js accepts, as 254XXXXXXXXX", () => {
    fc.assert(fc.property(kenyanLooking, (input) => {
      const normalized = normalizeMsisdn(input);
      expect(normalized !== null).toBe(isKenyanMobile(input));
      if (normalized) expect(normalized).toMatch(/^254[17]\d{8}$/);
    }), { numRuns: 5000 });
  });

  it("is idempotent", () => {
    fc.assert(fc.property(fc.oneof(kenyanLooking, fc.string({ maxLength: 20 })), (input) => {
      const once = normalizeMsisdn(input);
      if (once) expect(normalizeMsisdn(once)).toBe(once);
    }), { numRuns: 3000 });
  });
});

describe("signed links (fast-check)", () => {
  const secret = "property-test-secret-0123456789abcdef";
  const now = 1_800_000_000;
  const link = fc.record({
    phone: fc.oneof(kenyanLooking, fc.string({ minLength: 1, maxLength: 16 })),
    exp: fc.integer({ min: now + 1, max: now + LINK_MAX_AHEAD_SECONDS }).map(String),
    nonce: fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
  });
  // Well-formed replacements only, so every changed link gets as far as the HMAC comparison.
  const replacement = {
    phone: kenyanLooking,
    exp: fc.integer({ min: now + 1, max: now + LINK_MAX_AHEAD_SECONDS }).map(String),
    nonce: fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
    sig: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
  };
  const change = fc.constantFrom("phone", "exp", "nonce", "sig" as const)
    .chain((name) => replacement[name].map((value) => ({ name, value })));

  it("accepts an untouched link and refuses it with bad_signature after any change to phone, exp, nonce or sig", async () => {
    await fc.assert(fc.asyncProperty(link, change, async (fields, { name, value }) => {
      const sig = await signLink(secret, fields.phone, fields.exp, fields.nonce);
      const original = { ...fields, sig };
      expect(await verifyLink([secret], original, now)).toBe("valid");
      fc.pre(original[name] !== value);
      expect(await verifyLink([secret], { ...original, [name]: value }, now)).toBe("bad_signature");
    }), { numRuns: 2000 });
  });

  it("accepts a link signed with node:crypto by the README's formula, and only with that secret", async () => {
    await fc.assert(fc.asyncProperty(link, async ({ phone, exp, nonce }) => {
      const readmeSig = (key: string) => createHmac("sha256", key).update(`v1\n${phone}\n${exp}\n${nonce}`).digest("base64url");
      const sig = readmeSig(secret);
      expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await verifyLink([secret], { phone, exp, nonce, sig }, now)).toBe("valid");
      expect(await verifyLink([secret], { phone, exp, nonce, sig: readmeSig(`${secret}x`) }, now)).toBe("bad_signature");
    }), { numRuns: 300 });
  });
});
