import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INTERNAL_NOTE, THIRD_PARTY_MSISDN } from "./internals";
import { KRA_STAFF, SEEDED_INVOICE, SEEDED_TCCS, startSimulatedUpstream, TEST_SELLER, TEST_TAXPAYERS, type SimulatedUpstream } from "./index";

// The checkers and the TCC application of the simulated upstream (UPSTREAM.md rows 17–21 and 30, §7.1, §7.9).

const [ONE, , , FOUR] = TEST_TAXPAYERS;
const API_KEY = "checkers-test-key";
let up: SimulatedUpstream;

async function send(url: string, init: RequestInit & { token?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-api-key": API_KEY };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(url, { ...init, headers });
  return { status: response.status, json: await response.json() };
}
const check = (path: string) => send(`${up.itaxBaseUrl}${path}`);
const apply = (body: unknown, msisdn = FOUR.msisdn) =>
  send(`${up.upstreamBaseUrl}/tcc-application`, { method: "POST", body: JSON.stringify(body), token: up.issueToken(msisdn) });

beforeAll(async () => {
  up = await startSimulatedUpstream({ apiKey: API_KEY });
});
afterAll(() => up.close());

describe("checkers: iTax GETs without a token", () => {
  it("pin-checker: the name, the station and the rest of the record", async () => {
    const answer = await check(`/taxpayer/pin-checker?pin_number=${TEST_SELLER.pin}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ TaxpayerName: TEST_SELLER.name, Station: "Thika", pin: TEST_SELLER.pin, IdNumber: TEST_SELLER.idNumber });
    expect(answer.json.internal_note).toBe(INTERNAL_NOTE);
  });

  it.each([
    ["/taxpayer/pin-checker?pin_number=A00000001", "PIN must be 11 characters"],
    ["/taxpayer/pin-checker?pin_number=A999999999Z", "Invalid PIN Number"],
    ["/taxpayer/staff-checker?national_id=29999999", "No KRA staff member found with this ID number"],
    [`/itax/validate-tcc?kra_pin=${ONE.pin}&tcc_number=${SEEDED_TCCS[1].tccNo}`, "Invalid TCC Number"],
    ["/taxpayer/import-certificate?certificate_no=IC0", "Import certificate not found"],
    ["/invoice-number-checker?invoice_number=KRASRN000006245/9999", "Invalid invoice number"],
  ])("%s: 422 with a message and no record", async (path, message) => {
    const answer = await check(path);
    expect(answer.status).toBe(422);
    expect(answer.json).toMatchObject({ message });
  });

  it("staff, TCC, certificate and invoice records carry contacts and notes besides", async () => {
    expect((await check(`/taxpayer/staff-checker?national_id=${KRA_STAFF[1].IDNUMBER}`)).json).toMatchObject({ STATUS: "EXITED", MOBILE: THIRD_PARTY_MSISDN });
    const tcc = await check(`/itax/validate-tcc?kra_pin=${SEEDED_TCCS[0].kraPin}&tcc_number=${SEEDED_TCCS[0].tccNo}`);
    expect(tcc.json.TCCDATA).toMatchObject({ ...SEEDED_TCCS[0], officerRemarks: INTERNAL_NOTE });
    const certificate = await check("/taxpayer/import-certificate?certificate_no=ic2026000001");
    expect(certificate.json.importCertificate_Dtls.importCertDtls[0]).toMatchObject({ certiNo: "IC2026000001", remarks: INTERNAL_NOTE });
    const invoice = await check(`/invoice-number-checker?invoice_number=${encodeURIComponent(SEEDED_INVOICE.number)}`);
    expect(invoice.json.data).toMatchObject({ controlUnitInvoiceNumber: SEEDED_INVOICE.number, totalTaxAmount: 1600, supplierMsisdn: THIRD_PARTY_MSISDN });
  });

  it("finds invoices issued through post-sale", async () => {
    const sale = await send(`${up.upstreamBaseUrl}/post-sale`, {
      method: "POST", token: up.issueToken(ONE.msisdn),
      body: JSON.stringify({ msisdn: ONE.msisdn, total_amount: 232, items: [{ item_name: "Tea", taxable_amount: 116, quantity: 2 }] }),
    });
    const answer = await check(`/invoice-number-checker?invoice_number=${encodeURIComponent(sale.json.invoice_no)}`);
    expect(answer.json.data).toMatchObject({ supplierName: ONE.name, totalInvoiceAmount: 232, totalTaxableAmount: 200, totalTaxAmount: 32 });
  });
});

describe("tcc-application", () => {
  it("issues a TCC that validate-tcc then finds", async () => {
    const answer = await apply({ tax_payer_pin: FOUR.pin, reason_for_tcc: "TENDER" });
    expect(answer).toMatchObject({ status: 200, json: { Status: "OK", TaxpayerName: FOUR.name, TCCNumber: expect.stringMatching(/^KRATCC\d{10}$/) } });
    const found = await check(`/itax/validate-tcc?kra_pin=${FOUR.pin}&tcc_number=${answer.json.TCCNumber}`);
    expect(found.json.TCCDATA).toMatchObject({ kraPin: FOUR.pin, tccStatus: "Active" });
  });

  it("refuses a taxpayer who owes tax, an unknown reason, and (Phoenix 500) a body without its keys", async () => {
    expect(await apply({ tax_payer_pin: ONE.pin, reason_for_tcc: "LOAN" }, ONE.msisdn)).toMatchObject({ status: 422, json: { Status: "NOK", Message: expect.stringMatching(/unpaid tax/) } });
    expect(await apply({ tax_payer_pin: FOUR.pin, reason_for_tcc: "Loan" })).toMatchObject({ status: 422, json: { Message: "Invalid reason for TCC" } });
    expect((await apply({ reason_for_tcc: "LOAN" })).status).toBe(500);
  });

  it("wants the token like every tax route", async () => {
    const response = await fetch(`${up.upstreamBaseUrl}/tcc-application`, {
      method: "POST", headers: { "content-type": "application/json", "x-api-key": API_KEY }, body: JSON.stringify({ tax_payer_pin: FOUR.pin, reason_for_tcc: "LOAN" }),
    });
    expect(response.status).toBe(401);
  });
});
