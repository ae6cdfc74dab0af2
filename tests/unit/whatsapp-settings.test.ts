import { describe, expect, it } from "vitest";
import { loadGatewayConfig } from "../../server/utils/config";

// "Send to my WhatsApp" is off unless both its settings are set; half a configuration stops the start.
const required = {
  NITRO_IDENTITY_BASE_URL: "https://identity.example/api", NITRO_UPSTREAM_BASE_URL: "https://tax.example/api/ussd",
  NITRO_UPSTREAM_API_KEY: "k".repeat(32), NITRO_ENTRY_LINK_SECRET: "s".repeat(32),
  NITRO_PUBLIC_ORIGIN: "https://whatsapp.kra.go.ke", NITRO_SESSION_ENCRYPTION_KEY: "a".repeat(64),
};
const TOKEN = "EAAG-secret-token-0123456789";
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadGatewayConfig({ ...required, ...env }, {});
  } catch (error) {
    return (error as { problems: string[] }).problems;
  }
  return [];
};

describe("NITRO_WHATSAPP_*", () => {
  it("is off when neither is set", () => {
    expect(loadGatewayConfig(required, {}).whatsapp).toBeNull();
  });

  it("is on with both, on the Graph API by default", () => {
    expect(loadGatewayConfig({ ...required, NITRO_WHATSAPP_PHONE_NUMBER_ID: "106540352242922", NITRO_WHATSAPP_ACCESS_TOKEN: TOKEN }, {}).whatsapp)
      .toEqual({ baseUrl: "https://graph.facebook.com/v21.0", phoneNumberId: "106540352242922", accessToken: TOKEN, timeoutMs: 15000 });
  });

  it("stops the start when only one is set, naming the missing variable and never the token", () => {
    expect(problemsOf({ NITRO_WHATSAPP_PHONE_NUMBER_ID: "106540352242922" })).toEqual([
      expect.stringMatching(/^NITRO_WHATSAPP_ACCESS_TOKEN: required when NITRO_WHATSAPP_PHONE_NUMBER_ID is set/),
    ]);
    const problems = problemsOf({ NITRO_WHATSAPP_ACCESS_TOKEN: TOKEN });
    expect(problems).toEqual([expect.stringMatching(/^NITRO_WHATSAPP_PHONE_NUMBER_ID: required when NITRO_WHATSAPP_ACCESS_TOKEN is set/)]);
    expect(problems.join("\n")).not.toContain(TOKEN);
  });

  it("refuses a weak token, a phone number id that is not digits and a base URL with credentials", () => {
    const problems = problemsOf({
      NITRO_WHATSAPP_PHONE_NUMBER_ID: "12ab", NITRO_WHATSAPP_ACCESS_TOKEN: "short", NITRO_WHATSAPP_API_BASE_URL: "https://u:p@graph.example",
    });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^NITRO_WHATSAPP_PHONE_NUMBER_ID: /), expect.stringMatching(/^NITRO_WHATSAPP_ACCESS_TOKEN: too weak/),
      expect.stringMatching(/^NITRO_WHATSAPP_API_BASE_URL: /),
    ]));
  });
});
