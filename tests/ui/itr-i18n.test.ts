import { describe, expect, it } from "vitest";
import { en } from "../../components/i18n/en";
import { itrEn } from "../../components/i18n/itr-en";
import { itrSw } from "../../components/i18n/itr-sw";
import { returnsEn } from "../../components/i18n/returns-en";
import { SUMMARY_LINES } from "../../server/shared/itr";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// The ITR pages' own catalogue (components/i18n/itr-*.ts, issue 23), held to the main catalogue's rules.
describe("income tax return: English and Kiswahili", () => {
  it("have the same keys, none shared with the main or returns catalogue, the same placeholders and different text", () => {
    expect(Object.keys(itrSw).sort()).toEqual(Object.keys(itrEn).sort());
    for (const [key, text] of Object.entries(itrEn)) {
      const swahili = itrSw[key as keyof typeof itrEn];
      expect(Object.hasOwn(en, key) || Object.hasOwn(returnsEn, key), key).toBe(false);
      expect(swahili.trim(), key).not.toBe("");
      expect(swahili, key).not.toBe(text);
      expect(placeholders(swahili), key).toEqual(placeholders(text));
    }
  });

  it("name every line of KRA's summary", () => {
    for (const line of SUMMARY_LINES) expect(Object.hasOwn(itrEn, `itr.line.${line}`), line).toBe(true);
  });
});
