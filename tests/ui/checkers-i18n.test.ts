import { describe, expect, it } from "vitest";
import { en } from "../../components/i18n/en";
import { checkersEn } from "../../components/i18n/checkers-en";
import { checkersSw } from "../../components/i18n/checkers-sw";
import { returnsEn } from "../../components/i18n/returns-en";
import { TCC_REASONS } from "../../server/shared/checkers-schemas";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// The checkers and TCC pages' own catalogue (components/i18n/checkers-*.ts), held to the main catalogue's rules.
describe("checkers and TCC: English and Kiswahili", () => {
  it("have the same keys, none shared with the other catalogues, the same placeholders and different text", () => {
    expect(Object.keys(checkersSw).sort()).toEqual(Object.keys(checkersEn).sort());
    for (const [key, text] of Object.entries(checkersEn)) {
      const swahili = checkersSw[key as keyof typeof checkersEn];
      expect(Object.hasOwn(en, key) || Object.hasOwn(returnsEn, key), key).toBe(false);
      expect(text.trim(), key).not.toBe("");
      expect(swahili.trim(), key).not.toBe("");
      expect(swahili, key).not.toBe(text);
      expect(placeholders(swahili), key).toEqual(placeholders(text));
    }
  });

  it("name every reason the TCC application may send", () => {
    for (const reason of TCC_REASONS) expect(Object.hasOwn(checkersEn, `tcc.reason.${reason}`), reason).toBe(true);
  });
});
