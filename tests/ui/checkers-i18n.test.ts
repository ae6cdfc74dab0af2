import { describe, expect, it } from "vitest";
import { bulkEn } from "../../components/i18n/bulk-en";
import { bulkSw } from "../../components/i18n/bulk-sw";
import { checkersEn } from "../../components/i18n/checkers-en";
import { checkersSw } from "../../components/i18n/checkers-sw";
import { en } from "../../components/i18n/en";
import { returnsEn } from "../../components/i18n/returns-en";
import { TCC_REASONS } from "../../server/shared/checkers-schemas";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Issue 11's own catalogues (checkers and TCC pages; the bulk decision), held to the main catalogue's rules.
describe.each([
  ["checkers and TCC", checkersEn, checkersSw as Record<string, string>],
  ["bulk decision", bulkEn, bulkSw as Record<string, string>],
])("%s: English and Kiswahili", (_, english: Record<string, string>, swahili: Record<string, string>) => {
  it("have the same keys, none shared with another catalogue, the same placeholders and different text", () => {
    expect(Object.keys(swahili).sort()).toEqual(Object.keys(english).sort());
    const others = [en, returnsEn, checkersEn, bulkEn].filter((catalog) => catalog !== english);
    for (const [key, text] of Object.entries(english)) {
      expect(others.some((catalog) => Object.hasOwn(catalog, key)), key).toBe(false);
      expect(text.trim(), key).not.toBe("");
      expect(swahili[key].trim(), key).not.toBe("");
      expect(swahili[key], key).not.toBe(text);
      expect(placeholders(swahili[key]), key).toEqual(placeholders(text));
    }
  });
});

describe("TCC reasons", () => {
  it("each key the application may send has a name in the catalogue", () => {
    for (const reason of TCC_REASONS) expect(Object.hasOwn(checkersEn, `tcc.reason.${reason}`), reason).toBe(true);
  });
});
