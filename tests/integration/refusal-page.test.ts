import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack";

// The HTML refusal page for plain form posts carries one inline <style>; its own
// Content-Security-Policy must allow exactly that style (by hash), nothing else.
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

describe("the refusal page's content security policy", () => {
  it("allows its inline style by SHA-256 and no other style, script or connection", async () => {
    const response = await stack.client().enter({ phone: "0700000001" });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    const styles = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((match) => match[1]);
    expect(styles).toHaveLength(1);
    const hash = createHash("sha256").update(styles[0]).digest("base64");
    const directives = Object.fromEntries((response.headers.get("content-security-policy") ?? "").split(";")
      .map((directive) => directive.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives["style-src"]).toEqual([`'sha256-${hash}'`]);
    expect(directives["default-src"]).toEqual(["'none'"]);
    expect(directives["script-src"]).toBeUndefined();
    expect(html).not.toMatch(/<script|style="/);
  });
});

// One language rule (server/shared/language.ts) for the refusal page and the UI's pages.
describe("the refusal page's language", () => {
  it.each([
    ["the lang cookie's choice over Accept-Language", { cookie: "lang=en", "accept-language": "sw-KE,sw;q=0.9" }, "en"],
    ["the lang cookie among others", { cookie: "other=1; lang=sw", "accept-language": "en" }, "sw"],
    ["Accept-Language without a choice", { "accept-language": "sw" }, "sw"],
    ["English otherwise", { cookie: "lang=fr" }, "en"],
  ])("follows %s, as the UI's pages do", async (_, headers, language) => {
    const response = await stack.client().enter({ phone: "0700000001" }, { headers });
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain(`<html lang="${language}">`);
  });
});
