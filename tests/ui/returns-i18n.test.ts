import { describe, expect, it } from "vitest";
import { en } from "../../components/i18n/en";
import { eslipForm } from "../../components/i18n/form-eslip";
import { levyForm } from "../../components/i18n/form-levy";
import { mriForm } from "../../components/i18n/form-mri";
import { nilForm } from "../../components/i18n/form-nil";
import { oweForm } from "../../components/i18n/form-owe";
import { totForm } from "../../components/i18n/form-tot";
import { returnsEn } from "../../components/i18n/returns-en";
import { returnsFormsEn } from "../../components/i18n/returns-forms-en";
import { returnsFormsSw } from "../../components/i18n/returns-forms-sw";
import { returnsListEn } from "../../components/i18n/returns-list-en";
import { returnsListSw } from "../../components/i18n/returns-list-sw";
import { returnsSw } from "../../components/i18n/returns-sw";

type Catalog = Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function expectTranslated(english: Catalog, swahiliCatalog: Catalog): void {
  expect(Object.keys(swahiliCatalog).sort()).toEqual(Object.keys(english).sort());
  for (const [key, text] of Object.entries(english)) {
    const swahili = swahiliCatalog[key];
    expect(Object.hasOwn(en, key), key).toBe(false);
    expect(text.trim(), key).not.toBe("");
    expect(swahili.trim(), key).not.toBe("");
    expect(swahili, key).not.toBe(text);
    expect(placeholders(swahili), key).toEqual(placeholders(text));
  }
}

// The returns pages' own catalogues (components/i18n/returns-*.ts: what every returns page loads, the returns
// page's list, and the forms' later steps), held to the main catalogue's rules.
describe.each([
  ["returns", returnsEn, returnsSw, [returnsFormsEn, returnsListEn]],
  ["returns forms' later steps", returnsFormsEn, returnsFormsSw, [returnsEn, returnsListEn]],
  ["returns list", returnsListEn, returnsListSw, [returnsEn, returnsFormsEn]],
] as [string, Catalog, Catalog, Catalog[]][])("%s: English and Kiswahili", (_, english, swahiliCatalog, others) => {
  it("have the same keys, none shared with the main catalogue or another returns one, the same placeholders and different text", () => {
    expectTranslated(english, swahiliCatalog);
    for (const key of Object.keys(english)) for (const other of others) expect(Object.hasOwn(other, key), key).toBe(false);
  });
});

// Each form's first step (components/i18n/form-*.ts, issue 22's budgets) copies the few texts it shares with the
// later steps or the returns page's list (a title, "Back to returns and payments"): a copy must not drift.
describe.each([["nil", nilForm], ["tot", totForm], ["mri", mriForm], ["owe", oweForm], ["eslip", eslipForm], ["levy", levyForm]] as [string, { en: Catalog; sw: Catalog }][])(
  "the %s form's first step: English and Kiswahili",
  (_, form) => {
    it("are translated like the other catalogues, none of its keys in the returns catalogue", () => {
      expectTranslated(form.en, form.sw);
      for (const key of Object.keys(form.en)) expect(Object.hasOwn(returnsEn, key), key).toBe(false);
    });

    it("say what the later steps and the returns page's list say, in both languages, for a key they share", () => {
      for (const [shared, english, swahili] of [["later steps", returnsFormsEn, returnsFormsSw], ["list", returnsListEn, returnsListSw]] as [string, Catalog, Catalog][]) {
        for (const key of Object.keys(form.en).filter((name) => Object.hasOwn(english, name))) {
          expect(form.en[key], `${shared}: ${key}`).toBe(english[key]);
          expect(form.sw[key], `${shared}: ${key}`).toBe(swahili[key]);
        }
      }
    });
  },
);
