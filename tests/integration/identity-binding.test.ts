import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { proxyRules, type ProxyRule } from "../../server/proxy/rules";
import { OTHER_PARTIES, SEEDED_PRNS, TEST_SELLER, TEST_TAXPAYERS } from "../upstream";
import type { GatewayClient } from "../support/client";
import { startStack, type Stack } from "../support/stack";

// Issue 18, item 11: identity binding as a table over the rule table. Every rule that takes the
// taxpayer's number or PIN has a valid sample call here (a new binding rule fails the first test until
// it has one). The sample must reach the upstream carrying the session's own number or PIN, and the
// same call with another taxpayer's number and PIN in every identity field never carries them upstream.
const [ONE, TWO] = TEST_TAXPAYERS;

interface Sample { method: "GET" | "POST"; path: string; body?: Record<string, unknown>; query?: string }

const SAMPLES: Record<string, Sample> = {
  "sales-invoice.submit": {
    method: "POST", path: "/post-sale",
    body: { customer_pin: OTHER_PARTIES[1].pin, customer_name: OTHER_PARTIES[1].name, total_amount: 250, items: [{ item_name: "Maize flour 2kg", taxable_amount: 125, quantity: 2 }] },
  },
  "buyer-initiated.submit": {
    method: "POST", path: "/buyer-initiated/submit/invoice",
    body: { seller_pin: TEST_SELLER.pin, seller_msisdn: TEST_SELLER.msisdn, total_amount: 300, items: [{ item_name: "Transport", taxable_amount: 300, quantity: 1 }] },
  },
  "buyer-initiated.list": { method: "GET", path: "/buyer-initiated/fetch", query: "status=awaiting_approval&page=1&page_size=10" },
  "buyer-initiated.action": { method: "POST", path: "/buyer-initiated/action/submit", body: { action: "accept", invoice: "BI-0001" } },
  "credit-note.search": { method: "POST", path: "/search/credit-note", body: { invoice_no: "1004" } },
  "credit-note.full": { method: "POST", path: "/submit/credit-note", body: { invoice_no: 1004, reason: "refund" } },
  "credit-note.partial": { method: "POST", path: "/submit/partial-credit-note", body: { invoice_no: 1004, reason: "damaged", items: [{ item_id: 1, quantity: 1 }] } },
  "returns.obligations": { method: "GET", path: "/tax-payer-obligations" },
  "returns.filling-period": { method: "POST", path: "/obligation-filling-period", body: { obligation_id: "7" } },
  "returns.file": {
    method: "POST", path: "/file-return",
    body: { kra_obligation_id: "2", obligation_code: "2", returnPeriod: "01/01/2024 - 31/12/2024", returnType: "nil_return", has_rental_property: "N" },
  },
  "returns.liabilities": { method: "GET", path: "/tax-payer-liabilities", query: "obligation_id=7" },
  "returns.properties": { method: "GET", path: "/properties/lookup" },
  "payments.prn": { method: "POST", path: "/generate-prn", body: { obligation_id: "41", tax_period_from: "01-10-2025", tax_period_to: "31-10-2025", amount: "250" } },
  "payments.mpesa": { method: "POST", path: "/make-payment", body: { prn: SEEDED_PRNS[0].prn } },
  "tcc.apply": { method: "POST", path: "/tcc-application", body: { reason_for_tcc: "TENDER" } },
  "itr.filing-period": { method: "GET", path: "/itr/filing-period" },
  "itr.employment-income": { method: "GET", path: "/itr/employment-income", query: `return_year=${new Date().getUTCFullYear() - 1}` },
};

const bindsIdentity = (rule: ProxyRule) => Boolean(rule.bindMsisdn || rule.bind || /:(msisdn|pin)\b/.test(rule.upstream));
const binding = proxyRules.filter(bindsIdentity);
/** Every field name a client might try to name someone else with. */
const FOREIGN = { msisdn: TWO.msisdn, pin: TWO.pin, tax_payer_pin: TWO.pin, employee_pin: TWO.pin, phone: TWO.msisdn };

let stack: Stack;
let client: GatewayClient;

beforeAll(async () => {
  stack = await startStack();
  client = await stack.signIn(ONE.msisdn);
});
afterAll(() => stack?.stop());
beforeEach(() => stack.upstream.clearReceived());

function call(sample: Sample, extra: Record<string, string> = {}) {
  if (sample.method === "POST") return client.api("POST", sample.path, { json: { ...sample.body, ...extra } });
  const query = [sample.query, new URLSearchParams(extra).toString()].filter(Boolean).join("&");
  return client.api("GET", query ? `${sample.path}?${query}` : sample.path);
}

/** What the upstream saw: every request's target and body, as one text. */
const upstreamText = () => stack.upstream.receivedOn("/").map((request) => `${request.url}\n${request.body}`).join("\n");

it("every rule that takes the taxpayer's number or PIN has a sample call, and no other rule does", () => {
  expect(binding.map((rule) => rule.id).sort()).toEqual(Object.keys(SAMPLES).sort());
});

describe.each(binding.map((rule) => [rule.id, rule] as const))("%s", (id, rule) => {
  const sample = SAMPLES[id];

  it("reaches the upstream with the session's own number or PIN where the rule binds it", async () => {
    await call(sample);
    const [request] = stack.upstream.receivedOn("/");
    expect(request, "the sample call was not forwarded").toBeDefined();
    const seen = `${request.url}\n${request.body}`;
    if (rule.bindMsisdn || rule.bind?.msisdn) expect(JSON.parse(request.body).msisdn).toBe(ONE.msisdn);
    if (rule.bind?.pin) {
      const fields = rule.method === "GET" ? request.query : JSON.parse(request.body);
      expect(fields[rule.bind.pin]).toBe(ONE.pin);
    }
    if (rule.upstream.includes(":msisdn")) expect(request.path).toContain(ONE.msisdn);
    if (rule.upstream.includes(":pin")) expect(request.path).toContain(ONE.pin);
    expect(seen).not.toContain(TWO.msisdn);
  });

  it("never forwards another taxpayer's number or PIN sent in any identity field", async () => {
    for (const [field, value] of Object.entries(FOREIGN)) {
      const response = await call(sample, { [field]: value });
      expect([field, response.status]).not.toEqual([field, 500]);
      expect(upstreamText(), field).not.toContain(value);
    }
  });
});
