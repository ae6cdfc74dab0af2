import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { IMPORT_CERTIFICATES, KRA_STAFF, SEEDED_TCCS, TEST_TAXPAYERS } from "../upstream";
import { expectFitsPhone, newPhone, openPage, screenshot, signInThroughChat, useBrowserStack, visible } from "./support";

// Issue 21, item 1: a checker's verdict follows the record's status. Every staff record, TCC and
// import certificate the simulator knows (active, exited, expired, cancelled, suspended, "Active"
// past its expiry date, and statuses no page knows), in English and Kiswahili, at 360 px.

type Standing = "good" | "ended" | "suspended" | "unknown";
interface Case { name: string; path: string; expected: Standing; status: { en: string; sw: string } }

const KRA_WORD = { en: (raw: string) => `“${raw}” (KRA's word)`, sw: (raw: string) => `“${raw}” (neno la KRA)` };
const EXPIRED = { en: "Expired", sw: "Muda wake umekwisha" };
const CANCELLED = { en: "Cancelled", sw: "Imefutwa" };
const SUSPENDED = { en: "Suspended", sw: "Imesimamishwa" };

// The expected verdicts are written out here, not derived from the code under test.
const STAFF: [Standing, Case["status"]][] = [
  ["good", { en: "Active", sw: "Hai" }],
  ["ended", { en: "Exited", sw: "Ameacha kazi" }],
  ["suspended", SUSPENDED],
  ["unknown", { en: KRA_WORD.en("ON SECONDMENT"), sw: KRA_WORD.sw("ON SECONDMENT") }],
];
const TCCS: [Standing, Case["status"]][] = [["good", { en: "Active", sw: "Hai" }], ["ended", EXPIRED], ["ended", CANCELLED], ["suspended", SUSPENDED], ["ended", EXPIRED]];
const CERTIFICATES: [Standing, Case["status"]][] = [
  ["good", { en: "Valid", sw: "Halali" }], ["ended", CANCELLED], ["ended", EXPIRED], ["suspended", SUSPENDED],
  ["unknown", { en: KRA_WORD.en("PENDING VERIFICATION"), sw: KRA_WORD.sw("PENDING VERIFICATION") }],
];

const CASES: Case[] = [
  ...KRA_STAFF.map((staff, i) => ({ name: `staff-${staff.STATUS}`, path: `/checkers/staff?national_id=${staff.IDNUMBER}`, expected: STAFF[i][0], status: STAFF[i][1] })),
  ...SEEDED_TCCS.map((tcc, i) => ({
    name: `tcc-${tcc.tccNo}`, path: `/checkers/tcc?kra_pin=${tcc.kraPin}&tcc_number=${tcc.tccNo}`, expected: TCCS[i][0], status: TCCS[i][1],
  })),
  ...IMPORT_CERTIFICATES.map((certificate, i) => ({
    name: `import-${certificate.certiNo}`, path: `/checkers/import-certificate?certificate_no=${certificate.certiNo}`, expected: CERTIFICATES[i][0], status: CERTIFICATES[i][1],
  })),
];

const CLASS: Record<Standing, string> = { good: "alert ok", ended: "alert error", suspended: "alert error", unknown: "alert warn" };
// The first words of each verdict, per language: what a person checking reads first.
const OPENING: Record<"en" | "sw", Record<Standing, RegExp>> = {
  en: { good: /^(This person works for KRA|KRA issued this certificate and it is valid|KRA knows this certificate and it is valid)/, ended: /^Warning: /, suspended: /^Warning: .*suspended/, unknown: /^Be careful: / },
  sw: { good: /^(Mtu huyu anafanya kazi KRA|KRA ilitoa cheti hiki na ni halali|KRA inakitambua cheti hiki na ni halali)/, ended: /^Tahadhari: /, suspended: /^Tahadhari: .*imesimamishwa/, unknown: /^Kuwa mwangalifu: / },
};

const env = useBrowserStack();

async function verdictOf(page: Page, path: string): Promise<{ standing: string; className: string; text: string; table: string }> {
  await openPage(page, `${env.stack.origin}${path}`);
  const verdict = page.getByTestId("checker-verdict");
  await visible(verdict, 20_000);
  return {
    standing: (await verdict.getAttribute("data-standing")) ?? "",
    className: (await verdict.getAttribute("class")) ?? "",
    text: (await verdict.textContent()) ?? "",
    table: (await page.getByTestId("checker-result").locator("table").textContent()) ?? "",
  };
}

describe.each([
  ["en", TEST_TAXPAYERS[0].msisdn, "en-KE"],
  ["sw", TEST_TAXPAYERS[2].msisdn, "sw-KE"],
] as const)("checker verdicts in %s", (language, msisdn, locale) => {
  it("green only for an active or valid record; amber or red, in plain words, for every other status", async () => {
    const page = await (await newPhone(env.browser, { locale })).newPage();
    await signInThroughChat(page, env.stack, msisdn);
    expect(CASES.map((entry) => entry.expected)).toEqual(expect.arrayContaining(["good", "ended", "suspended", "unknown"]));
    for (const entry of CASES) {
      const seen = await verdictOf(page, entry.path);
      expect({ name: entry.name, standing: seen.standing, className: seen.className }).toEqual({ name: entry.name, standing: entry.expected, className: CLASS[entry.expected] });
      expect(seen.text, entry.name).toMatch(OPENING[language][entry.expected]);
      if (entry.expected !== "good") expect(seen.text, entry.name).toContain(entry.status[language]);
      expect(seen.table, entry.name).toContain(entry.status[language]);
      // Dates as the rest of the app writes them, never ISO.
      expect(seen.table, entry.name).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      if (language === "sw") expect(`${seen.text} ${seen.table}`, entry.name).not.toMatch(/\b(EXITED|Expired|EXPIRED|Cancelled|CANCELED|SUSPENDED|Suspended|Active|Valid)\b/);
      await expectFitsPhone(page);
      await screenshot(page, `c21-verdict-${language}-${entry.name.replace(/[^A-Za-z0-9-]/g, "_")}`);
    }
    await page.context().close();
  }, 180_000);
});
