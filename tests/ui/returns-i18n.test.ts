import { describe, expect, it } from "vitest";
import { en } from "../../components/i18n/en";
import { returnsEn } from "../../components/i18n/returns-en";
import { returnsSw } from "../../components/i18n/returns-sw";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// The returns pages' own catalogue (components/i18n/returns-*.ts), held to the main catalogue's rules.
describe("returns and payments: English and Kiswahili", () => {
  it("have the same keys, none shared with the main catalogue, the same placeholders and different text", () => {
    expect(Object.keys(returnsSw).sort()).toEqual(Object.keys(returnsEn).sort());
    for (const [key, text] of Object.entries(returnsEn)) {
      const swahili = returnsSw[key as keyof typeof returnsEn];
      expect(Object.hasOwn(en, key), key).toBe(false);
      expect(text.trim(), key).not.toBe("");
      expect(swahili.trim(), key).not.toBe("");
      expect(swahili, key).not.toBe(text);
      expect(placeholders(swahili), key).toEqual(placeholders(text));
    }
  });
});
