import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyFlowToken } from "../../server/features/flows/token";
import { verifyLink } from "../../server/utils/signed-link";
import { ROOT } from "../support/gateway";

// `npm run sign-link`: an entry link, or with --flow a flow token alone on its last line; anything else is refused.
const secret = randomBytes(32).toString("base64url");
const env = { ...process.env, NITRO_ENTRY_LINK_SECRET: secret, NITRO_PUBLIC_ORIGIN: "https://whatsapp.kra.go.ke" };

function signLink(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["--import", "tsx", `${ROOT}server/cli/sign-link.ts`, ...args], { env, encoding: "utf8", cwd: ROOT });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
const lastLine = (text: string) => text.trim().split("\n").at(-1)!;

describe("npm run sign-link", () => {
  it("prints a signed entry link for a number", async () => {
    const run = signLink("0712345678", "300");
    expect(run.status).toBe(0);
    const link = new URL(lastLine(run.stdout));
    const fields = Object.fromEntries(link.searchParams) as { phone: string; exp: string; nonce: string; sig: string };
    expect(fields.phone).toBe("254712345678");
    expect(await verifyLink([secret], fields, Math.floor(Date.now() / 1000))).toBe("valid");
  });

  it.each(["pin-checker", "nil-return", "what-i-owe"])("prints a flow token for --flow %s, alone on its last line", async (flow) => {
    const run = signLink("+254 712 345 678", "--flow", flow, "--lang", "sw");
    expect(run.status).toBe(0);
    const claims = await verifyFlowToken([secret], lastLine(run.stdout));
    expect(claims).toMatchObject({ flow, language: "sw", msisdn: "254712345678" });
  });

  it("leaves the Flow's language to the number's last web choice unless --lang says", async () => {
    const claims = await verifyFlowToken([secret], lastLine(signLink("0712345678", "--flow", "what-i-owe").stdout));
    expect(claims).toMatchObject({ flow: "what-i-owe", language: "web" });
  });

  it.each([
    ["an unknown option", ["0712345678", "--ttl", "300"]],
    ["an unknown Flow", ["0712345678", "--flow", "pay-now"]],
    ["a stray argument", ["0712345678", "300", "extra"]],
    ["a ttl that is not a number", ["0712345678", "soon"]],
    ["no number", []],
    ["an unknown language", ["0712345678", "--flow", "pin-checker", "--lang", "fr"]],
    ["an option without its value", ["0712345678", "--flow"]],
  ])("refuses %s with the usage line and exit code 2", (_, args) => {
    const run = signLink(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("usage: npm run sign-link -- <Kenyan mobile number>");
    expect(run.stdout).toBe("");
  });
});
