import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { startStack, type Stack } from "../support/stack";

// CF-Connecting-IP is a header like any other unless Cloudflare sets it: only a
// deployment that says it runs behind Cloudflare may count clients by it.
const [ONE] = TEST_TAXPAYERS;
const from = (ip: string) => ({ headers: { accept: "application/json", "cf-connecting-ip": ip } });
let counter = 0;
const freshAddress = () => `198.51.100.${(counter += 1)}`;

async function enterFrom(stack: Stack, ip: string): Promise<number> {
  return (await stack.client().enter(await stack.signedLink(ONE.msisdn), from(ip))).status;
}

describe("without NITRO_TRUST_CF_CONNECTING_IP", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NITRO_RATE_LIMIT_ENTRY_IP: "3/3600" } });
  });
  afterAll(() => stack?.stop());

  it("a client rotating CF-Connecting-IP stays under one per-address limit", async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push(await enterFrom(stack, freshAddress()));
    expect(statuses).toEqual([303, 303, 303, 429, 429, 429]);
  });
});

describe("with NITRO_TRUST_CF_CONNECTING_IP=true (behind Cloudflare)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NITRO_RATE_LIMIT_ENTRY_IP: "2/3600", NITRO_TRUST_CF_CONNECTING_IP: "true" } });
  });
  afterAll(() => stack?.stop());

  it("counts each client by the address Cloudflare gives", async () => {
    const [first, second] = [freshAddress(), freshAddress()];
    expect([await enterFrom(stack, first), await enterFrom(stack, first), await enterFrom(stack, first)]).toEqual([303, 303, 429]);
    expect(await enterFrom(stack, second)).toBe(303);
  });

  it("counts an IPv6 client by its /64: cycling through its own addresses earns no new budget", async () => {
    const network = `2001:db8:${(counter += 1).toString(16)}:1`;
    const statuses = [];
    for (const host of ["::1", ":0:0:0:2", ":ffff:ffff:ffff:ffff"]) statuses.push(await enterFrom(stack, `${network}${host}`));
    expect(statuses).toEqual([303, 303, 429]);
    expect(await enterFrom(stack, `2001:db8:${counter.toString(16)}:2::1`)).toBe(303); // the next /64 is someone else
  });
});
