import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { businessErrorAnswer } from "../../server/proxy/policies/policy";
import { proxyRules } from "../../server/proxy/rules";
import { compileFilter, REJECT } from "../../server/proxy/compile-filter";
import { filterUpstreamText, UPSTREAM_TEXT_MAX } from "../../server/shared/upstream-text";

// Issue 18, item 9: upstream text reaches the browser only through filterUpstreamText, on every rule.
const SECRETS = ["A123456789Z", "P051234567X", "0712 345 678", "+254712345678", "254112345678", "0712345678", "john.doe@example.com", "12345678", "9876543210"];
const HOSTILE = `Taxpayer ${SECRETS[0]} (agent ${SECRETS[1]}), phone ${SECRETS[2]} or ${SECRETS[3]} / ${SECRETS[4]} / ${SECRETS[5]}, `
  + `mail ${SECRETS[6]}, ID ${SECRETS[7]}, account ${SECRETS[8]}. ${"x".repeat(400)}`;

function expectClean(label: string, output: unknown): void {
  const text = JSON.stringify(output);
  for (const secret of SECRETS) expect([label, text.includes(secret)]).toEqual([label, false]);
  for (const digits of text.match(/\d+/g) ?? []) expect([label, digits.length < 6]).toEqual([label, true]);
  JSON.parse(text, (_key, value) => {
    if (typeof value === "string") expect([label, value.length <= UPSTREAM_TEXT_MAX]).toEqual([label, true]);
    return value;
  });
}

describe("filterUpstreamText", () => {
  it("masks PINs, phone numbers, emails and runs of 6+ digits, then caps at 200 characters", () => {
    const filtered = filterUpstreamText(HOSTILE);
    expect(filtered.length).toBe(UPSTREAM_TEXT_MAX);
    expectClean("text", filtered);
    expect(filtered.startsWith("Taxpayer *** (agent ***), phone *** or *** / *** / ***, mail ***, ID ***, account ***.")).toBe(true);
  });

  it("leaves the gateway's ordinary sentences alone (codes, dates, amounts under six digits)", () => {
    for (const sentence of ["Special Obligation cannot be Autopopulated", "Return for 01/10/2025 - 31/10/2025 filed", "Invalid amount 1500", "Invoice BI-TXWXPB not found"]) {
      expect(filterUpstreamText(sentence)).toBe(sentence);
    }
  });

  it("masks phone numbers and IDs written with separators, but keeps dates", () => {
    for (const value of ["0712 34 56 78", "0712.345.678", "254 7 1234 5678", "+254 7 1234 5678", "30 000 005", "3000-0005", "0712-34-56-78"]) {
      const filtered = filterUpstreamText(`Taxpayer ${value} refused`);
      expect([value, filtered]).toEqual([value, "Taxpayer *** refused"]);
    }
    expect(filterUpstreamText("Period 2025-10-01 to 31.10.2025")).toBe("Period 2025-10-01 to 31.10.2025");
  });

  it("leaves no half value from the read cut in what it keeps", () => {
    // Masking shrinks the text, so what lay at the read cut (1000 characters) can end up inside the kept 200.
    const prefix = `${"9".repeat(994)} `; // 995 characters that mask to 4: the value straddles the cut at 1000
    for (const value of ["0712 34 56 78", "30000005", "0712.345.678"]) {
      const filtered = filterUpstreamText(`${prefix}${value} end`);
      expect([value, filtered.replace(/\*\*\*/g, "").match(/\d/g)]).toEqual([value, null]);
    }
  });

  it("does not leave half a value at the cap", () => {
    const filtered = filterUpstreamText(`${"y".repeat(UPSTREAM_TEXT_MAX - 4)} ${SECRETS[0]}`);
    expect(filtered).not.toMatch(/A12/);
  });
});

describe("every JSON rule's policy, by zod and by the compiled filter", () => {
  const hostileBody = {
    code: 4, message: HOSTILE, Message: HOSTILE, ErrorCode: HOSTILE, errors: { detail: HOSTILE }, ResponseMsg: HOSTILE, Status: "FAILED",
  };
  const jsonRules = proxyRules.filter((rule) => rule.response.kind === "json");

  it.each(jsonRules.map((rule) => [rule.id, rule] as const))("%s: a hostile refusal reaches the browser filtered", (id, rule) => {
    const response = rule.response as { schema: ZodType; errors?: ZodType };
    for (const [label, schema] of [["errors", response.errors ?? businessErrorAnswer], ["schema", response.schema]] as const) {
      const parsed = schema.safeParse(hostileBody);
      if (label === "errors") expect([id, parsed.success]).toEqual([id, true]); // every rule can pass a refusal on
      if (parsed.success) expectClean(`${id} ${label} zod`, parsed.data);
      const fast = compileFilter(schema)?.(hostileBody);
      if (fast !== undefined && fast !== REJECT) expectClean(`${id} ${label} filter`, fast);
    }
  });

  // A short sentence fits any length cap, so a field that is capped but not filtered would let it through.
  const SHORT = `ID ${SECRETS[7]}, ${SECRETS[5]}`;
  const shortBody = Object.fromEntries(
    ["message", "Message", "ErrorCode", "ResponseMsg", "description", "desc"].map((key) => [key, SHORT] as const),
  );

  it.each(jsonRules.map((rule) => [rule.id, rule] as const))("%s: a short hostile sentence in any text field reaches the browser filtered", (id, rule) => {
    const response = rule.response as { schema: ZodType; errors?: ZodType };
    for (const [label, schema] of [["errors", response.errors ?? businessErrorAnswer], ["schema", response.schema]] as const) {
      const parsed = schema.safeParse({ code: 4, ...shortBody, errors: { detail: SHORT } });
      if (parsed.success) expectClean(`${id} ${label} zod`, parsed.data);
      const fast = compileFilter(schema)?.({ code: 4, ...shortBody, errors: { detail: SHORT } });
      if (fast !== undefined && fast !== REJECT) expectClean(`${id} ${label} filter`, fast);
    }
  });
});
