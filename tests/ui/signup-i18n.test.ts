import { describe, expect, it } from "vitest";
import { en } from "../../components/i18n/en";
import { returnsEn } from "../../components/i18n/returns-en";
import { signupEn } from "../../components/i18n/signup-en";
import { signupSw } from "../../components/i18n/signup-sw";
import { ERROR_CATALOG } from "../../server/shared/error-codes";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// The sign-up and PIN pages' own catalogue (components/i18n/signup-*.ts), held to the main catalogue's rules.
describe("sign-up and PIN services: English and Kiswahili", () => {
  it("have the same keys, none shared with the other catalogues, the same placeholders and different text", () => {
    expect(Object.keys(signupSw).sort()).toEqual(Object.keys(signupEn).sort());
    for (const [key, text] of Object.entries(signupEn)) {
      const swahili = signupSw[key as keyof typeof signupEn];
      expect(Object.hasOwn(en, key) || Object.hasOwn(returnsEn, key), key).toBe(false);
      expect(swahili.trim(), key).not.toBe("");
      expect(swahili, key).not.toBe(text);
      expect(placeholders(swahili), key).toEqual(placeholders(text));
    }
  });

  it("every refusal of these routes has generic text in both languages", () => {
    for (const code of ["identity_mismatch", "vat_registered", "pin_exists", "pin_not_found", "registration_refused", "pin_applicant_required"] as const) {
      expect(ERROR_CATALOG[code].en).not.toMatch(/\{/);
      expect(ERROR_CATALOG[code].sw).not.toBe(ERROR_CATALOG[code].en);
    }
  });
});
