import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTHER_PARTIES, TEST_TAXPAYERS } from "../upstream";
import { onNode } from "../support/gateway";
import { OTP, startStack, type Stack } from "../support/stack";

const [ONE] = TEST_TAXPAYERS;
let stack: Stack;
const sessionIds: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  const client = stack.client();
  await client.enter(await stack.signedLink(ONE.msisdn));
  sessionIds.push(client.sessionId!);
  await client.submitOtp("WRONG9");
  await client.submitOtp(OTP);
  sessionIds.push(client.sessionId!);
  await client.api("POST", "/buyer-initiated/lookup", { json: { pin_or_id: OTHER_PARTIES[0].idNumber } });
  const sale = await (await client.api("POST", "/post-sale", {
    json: { total_amount: 10, items: [{ item_name: "Tea", taxable_amount: 10, quantity: 1 }] },
  })).json();
  await client.api("GET", new URL(sale.invoice_pdf_url).pathname);
  await client.api("GET", "/nope");
  for (const path of ["/healthz", "/readyz", "/healthz"]) expect((await fetch(stack.gateway.url + path)).status).toBe(200);
  await client.post("/session/logout");
  // Lines are written as responses finish: wait for the last one (bounded), not a fixed time.
  const deadline = Date.now() + 10_000;
  while (!stack.gateway.logLines().some((line) => line.path === "/session/logout") && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});
afterAll(() => stack?.stop());

describe("request logs", () => {
  it("writes one JSON line per request with id, route, status, duration and a masked number", () => {
    const lines = stack.gateway.logLines().filter((line) => line.requestId && line.type !== "audit");
    expect(lines.map((line) => `${line.method} ${line.path} ${line.status}`)).toEqual([
      "POST /entry 303",
      "POST /session/otp 303",
      "POST /session/otp 303",
      "POST /api/buyer-initiated/lookup 200",
      "POST /api/post-sale 200",
      "GET /api/public/etims/invoice/:invoice/:key 200",
      "GET /api/* 404",
      "POST /session/logout 303",
    ]);
    for (const line of lines) {
      expect(line.level).toMatch(/^(info|warn|error)$/);
      expect(Date.parse(line.time as string)).not.toBeNaN();
      expect(line.requestId).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
      expect(typeof line.durationMs).toBe("number");
    }
    expect(lines[0].msisdn).toBe("2547******01");
    expect(lines[1]).toMatchObject({ error: "invalid_otp", msisdn: "2547******01" });
    expect(lines[4]).toMatchObject({ route: "sales-invoice.submit", msisdn: "2547******01" });
  });

  it("does not log successful health checks", () => {
    const health = stack.gateway.logLines().filter((line) => line.path === "/healthz" || line.path === "/readyz");
    expect(health).toEqual([]);
    expect(stack.gateway.logLines().some((line) => line.path === "/session/logout")).toBe(true);
  });

  it("never contains a token, cookie, secret, OTP, national ID or full phone number", () => {
    const output = stack.gateway.output.join("\n");
    const forbidden = [
      ...stack.upstream.tokensIssued(),
      ...sessionIds,
      stack.apiKey,
      stack.linkSecret,
      OTP,
      "WRONG9",
      OTHER_PARTIES[0].idNumber,
      ONE.msisdn,
      ONE.msisdn.slice(3),
      ONE.name,
    ];
    for (const value of forbidden) expect(output, `log contains ${value.slice(0, 6)}…`).not.toContain(value);
    expect(output).not.toMatch(/KEY[A-Z0-9]{10,}|\/INV[A-Z]{7}\//);
  });

  it("counts a form post answered with the next page once: no line for the page the gateway rendered for it", async () => {
    const before = stack.gateway.logLines().length;
    const client = stack.client();
    const navigation = { "sec-fetch-dest": "document" };
    const entry = await client.enter({ ...(await stack.signedLink(ONE.msisdn)), js: "1" }, { headers: navigation });
    const home = await client.post("/session/otp", { form: { otp: OTP, js: "1" }, headers: navigation });
    // Answered with the pages themselves on Node (workerd renders none: 303s there).
    expect([entry.status, home.status]).toEqual(onNode ? [200, 200] : [303, 303]);
    const deadline = Date.now() + 10_000;
    const fresh = () => stack.gateway.logLines().slice(before).filter((line) => line.requestId && line.type !== "audit");
    while (fresh().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fresh().map((line) => `${line.method} ${line.path} ${line.status}`)).toEqual([
      `POST /entry ${entry.status}`, `POST /session/otp ${home.status}`,
    ]);
  });
});
