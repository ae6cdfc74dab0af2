import { describe, expect, it } from "vitest";
import { en } from "../../components/i18n/en";
import { returnsEn } from "../../components/i18n/returns-en";
import { returnsFormsEn } from "../../components/i18n/returns-forms-en";
import { returnsFormsSw } from "../../components/i18n/returns-forms-sw";
import { returnsSw } from "../../components/i18n/returns-sw";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// The returns pages' own catalogues (components/i18n/returns-*.ts: the returns page's, and the forms'),
// held to the main catalogue's rules.
describe.each([
  ["returns", returnsEn, returnsSw, returnsFormsEn],
  ["returns forms", returnsFormsEn, returnsFormsSw, returnsEn],
] as [string, Record<string, string>, Record<string, string>, Record<string, string>][])("%s: English and Kiswahili", (_, english, swahiliCatalog, other) => {
  it("have the same keys, none shared with the main catalogue or the other returns one, the same placeholders and different text", () => {
    expect(Object.keys(swahiliCatalog).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(english)) {
      const swahili = swahiliCatalog[key];
      expect(Object.hasOwn(en, key), key).toBe(false);
      expect(Object.hasOwn(other, key), key).toBe(false);
      expect(text.trim(), key).not.toBe("");
      expect(swahili.trim(), key).not.toBe("");
      expect(swahili, key).not.toBe(text);
      expect(placeholders(swahili), key).toEqual(placeholders(text));
    }
  });
});
