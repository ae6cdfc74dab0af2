import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TAXPAYERS } from "../upstream";
import { onNode } from "../support/gateway";
import { startStack, type Stack } from "../support/stack";

// Limits and single-use links hold under concurrency on every runtime. On
// workerd the sessions live in Workers KV, which cannot count atomically; its
// nonces and counters live in the GatewayCounter Durable Object instead.
const [ONE, TWO] = TEST_TAXPAYERS;
const json = { headers: { accept: "application/json" } };
const CONCURRENT = 20;

describe("concurrent entries", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NITRO_RATE_LIMIT_OTP_SEND_MSISDN: "3/3600" } });
  });
  afterAll(() => stack?.stop());

  it("20 links for one number at once send at most the per-number OTP limit of SMS", async () => {
    const links = await Promise.all(Array.from({ length: CONCURRENT }, () => stack.signedLink(ONE.msisdn)));
    stack.upstream.clearReceived();
    const statuses = await Promise.all(links.map(async (link) => (await stack.client().enter(link, json)).status));
    expect(stack.upstream.receivedOn("/api/ussd/otp")).toHaveLength(3);
    expect(statuses.filter((status) => status === 303)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(CONCURRENT - 3);
  });

  it("20 uses of one signed link at once: exactly one enters, the rest are told it was used", async () => {
    const link = await stack.signedLink(TWO.msisdn);
    stack.upstream.clearReceived();
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, async () => {
      const response = await stack.client().enter(link, json);
      return response.status === 303 ? "entered" : ((await response.json()) as { error: string }).error;
    }));
    expect(answers.filter((answer) => answer === "entered")).toHaveLength(1);
    expect(answers.filter((answer) => answer === "link_used")).toHaveLength(CONCURRENT - 1);
    expect(stack.upstream.receivedOn("/api/ussd/init")).toHaveLength(1);
  });
});

describe.runIf(!onNode)("kv: storage without its Durable Object binding", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NITRO_COUNTER_DURABLE_OBJECT: "NO_SUCH_BINDING" } });
  });
  afterAll(() => stack?.stop());

  it("refuses to serve (503), and the log names the variable and the reason", async () => {
    const response = await stack.client().enter(await stack.signedLink(ONE.msisdn), json);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toBe("service_unavailable");
    expect(stack.upstream.received).toEqual([]);
    const problem = stack.gateway.logLines().find((line) => String(line.msg).includes("NITRO_COUNTER_DURABLE_OBJECT"));
    expect(problem).toMatchObject({ level: "error" });
    expect(String(problem!.msg)).toMatch(/Durable Object binding named NO_SUCH_BINDING/);
    expect(String(problem!.msg)).toMatch(/cannot count atomically/);
  });
});
