import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { proxyRules } from "../../server/proxy/rules";
import { matchProxyRoute } from "../../server/proxy/request";
import { upstreamHeaders, upstreamTarget } from "../../server/proxy/request";
import { CONFIG, fakeEvent, SESSION } from "./support";

// Written out by hand from the README's proxy table: not derived from the rules under test.
const EXPECTED: Record<string, string> = {
  "POST /api/buyer-initiated/lookup": "https://tax.internal/api/ussd/buyer-initiated/lookup",
  "POST /api/post-sale": "https://tax.internal/api/ussd/post-sale",
  "POST /api/buyer-initiated/submit/invoice": "https://tax.internal/api/ussd/buyer-initiated/submit/invoice",
  "GET /api/buyer-initiated/fetch": "https://tax.internal/api/ussd/buyer-initiated/fetch/254700000001",
  "POST /api/buyer-initiated/action/submit": "https://tax.internal/api/ussd/buyer-initiated/action/submit",
  "POST /api/search/credit-note": "https://tax.internal/api/ussd/search/credit-note",
  "POST /api/submit/credit-note": "https://tax.internal/api/ussd/submit/credit-note",
  "POST /api/submit/partial-credit-note": "https://tax.internal/api/ussd/submit/partial-credit-note",
  "GET /api/tax-payer-obligations": "https://tax.internal/api/ussd/tax-payer-obligations/A000000001A",
  "POST /api/obligation-filling-period": "https://tax.internal/api/ussd/obligation-filling-period",
  "POST /api/file-return": "https://tax.internal/api/ussd/file-return",
  "GET /api/tax-payer-liabilities": "https://tax.internal/api/ussd/tax-payer-liabilities",
  "GET /api/properties/lookup": "https://itax.internal/api/properties/lookup/A000000001A",
  "POST /api/generate-prn": "https://tax.internal/api/ussd/generate-prn",
  "POST /api/make-payment": "https://tax.internal/api/ussd/make-payment",
  // Issue 11's fixed table: checkers on A (iTax), the TCC application on U.
  "GET /api/taxpayer/pin-checker": "https://itax.internal/api/taxpayer/pin-checker",
  "GET /api/taxpayer/staff-checker": "https://itax.internal/api/taxpayer/staff-checker",
  "GET /api/itax/validate-tcc": "https://itax.internal/api/itax/validate-tcc",
  "GET /api/taxpayer/import-certificate": "https://itax.internal/api/taxpayer/import-certificate",
  "GET /api/invoice-number-checker": "https://itax.internal/api/invoice-number-checker",
  "POST /api/tcc-application": "https://tax.internal/api/ussd/tcc-application",
  // Issue 23's fixed table: the employment-income ITR on A.
  "GET /api/itr/filing-period": "https://itax.internal/api/obligation-filling-period",
  "GET /api/itr/employment-income": "https://itax.internal/api/tax-return/itr-employment-details",
  "GET /api/itr/limits": "https://itax.internal/api/settings/itr/config",
  "POST /api/itr/returns": "https://itax.internal/api/tax-return/itr-create",
};
/** The ITR calls on one return: `{id}` a return id as the upstream writes them. */
const ITR_SUMMARY = /^\/api\/itr\/returns\/([A-Za-z0-9-]{1,40})\/summary$/;
const ITR_FILE = /^\/api\/itr\/returns\/([A-Za-z0-9-]{1,40})\/file$/;
const DOCUMENT = /^\/api\/public\/etims\/invoice\/([A-Z0-9]{4,32})\/([A-Za-z0-9]{8,64})$/;

function expectedUpstream(method: string, target: string): string | undefined {
  const document = method === "GET" ? DOCUMENT.exec(target) : null;
  if (document) return `https://docs.internal/public/etims/invoice/${document[1]}/${document[2]}`;
  const summary = method === "GET" ? ITR_SUMMARY.exec(target) : null;
  if (summary) return `https://itax.internal/api/tax-return/itr-summary/${summary[1]}`;
  if (method === "POST" && ITR_FILE.test(target)) return "https://itax.internal/api/tax-return/create";
  return EXPECTED[`${method} ${target}`];
}

const hitUrls = new Set<string>();
const segment = fc.oneof(
  fc.constantFrom(...new Set(proxyRules.flatMap((rule) => rule.path.split("/").filter(Boolean)))),
  fc.constantFrom("..", ".", "%2e%2e", "%2f", "%5c", "%00", "%252f", "", "\\", "api", "ussd", "INVABCDEFG", "KEY0123456789ABCD"),
  fc.stringMatching(/^[\w.%~:@!$&'()*+,;=\\-]{0,12}$/),
  fc.string({ maxLength: 8 }),
);
const randomPath = fc.array(segment, { maxLength: 7 }).map((parts) => `/api/${parts.join("/")}`);
// Valid calls mixed in, so the property sees every rule forward and not only refusals.
const validCall = fc.oneof(
  fc.constantFrom(...Object.keys(EXPECTED)).map((key) => key.split(" ") as [string, string]),
  fc.tuple(fc.stringMatching(/^[A-Z0-9]{4,32}$/), fc.stringMatching(/^[A-Za-z0-9]{8,64}$/))
    .map(([invoice, key]) => ["GET", `/api/public/etims/invoice/${invoice}/${key}`] as [string, string]),
  fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/).map((id) => ["GET", `/api/itr/returns/${id}/summary`] as [string, string]),
  fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/).map((id) => ["POST", `/api/itr/returns/${id}/file`] as [string, string]),
);
const call = fc.oneof(fc.tuple(fc.constantFrom("GET", "POST", "PUT", "DELETE"), randomPath), validCall);
const query = fc.oneof(fc.constant(""), fc.string({ maxLength: 20 }).map((text) => `?${text}`));

describe("the proxy's route and upstream URL (fast-check)", () => {
  it("either refuses a path or forwards to exactly the upstream URL of one rule, under the configured base", () => {
    fc.assert(fc.property(call, ([method, target]) => {
      const expected = expectedUpstream(method, target);
      let route;
      try {
        route = matchProxyRoute(fakeEvent(method, target));
      } catch (error) {
        expect([400, 404, 405]).toContain((error as { statusCode: number }).statusCode);
        expect(expected, `${method} ${target} is an allowlisted call`).toBeUndefined();
        return;
      }
      const { origin, path: upstreamPath } = upstreamTarget(route, SESSION, CONFIG);
      expect(origin + upstreamPath).toBe(expected);
      expect(route.rule.method).toBe(method);
      hitUrls.add(`${method} ${expected!.replace(/invoice\/[^/]+\/[^/]+$/, "invoice/:invoice/:key").replace(/itr-summary\/[^/]+$/, "itr-summary/:id")}`);
    }), { numRuns: 3000 });
    expect(hitUrls.size).toBe(Object.keys(EXPECTED).length + 3);
    expect(hitUrls.size).toBe(proxyRules.length);
  });

  it("never lets the query string change the route: same rule, or refused", () => {
    fc.assert(fc.property(fc.constantFrom(...proxyRules.filter((r) => !r.params)), query, (rule, search) => {
      try {
        expect(matchProxyRoute(fakeEvent(rule.method, `/api${rule.path}${search}`)).rule.id).toBe(rule.id);
      } catch (error) {
        expect((error as { data: { code: string } }).data.code).toBe("bad_path");
        expect(search).toMatch(/#/);
      }
    }), { numRuns: 1000 });
  });
});

const FORBIDDEN = /^(cookie|authorization|proxy-authorization|forwarded|x-forwarded-.*|x-real-ip|host|connection|transfer-encoding|te|upgrade|keep-alive|x-source-for|x[-_]?api[-_]?key)$/i;
const headerName = fc.oneof(
  fc.constantFrom("cookie", "Cookie", "authorization", "AUTHORIZATION", "x-api-key", "X-Api-Key", "x_api_key", "X-API_KEY", "forwarded",
    "x-forwarded-for", "X-Forwarded-Host", "host", "connection", "transfer-encoding", "x-source-for", "accept", "accept-language", "if-none-match", "x-request-id"),
  fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,20}$/),
);

describe("the header policy (fast-check)", () => {
  it("for any request headers, nothing forbidden passes and every injected header has exactly its configured value", () => {
    fc.assert(fc.property(fc.dictionary(headerName, fc.string({ maxLength: 40 }), { maxKeys: 12 }), fc.boolean(), (headers, hasBody) => {
      const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
      const sent = upstreamHeaders(fakeEvent("GET", "/api/x", lower), SESSION, CONFIG, hasBody);
      for (const name of Object.keys(sent)) {
        expect(["accept", "accept-language", "if-none-match", "content-type", "x-request-id", "x-source-for", "authorization", "x-api-key"]).toContain(name);
      }
      expect(sent.authorization).toBe(`Bearer ${SESSION.record.token}`);
      expect(sent["x-api-key"]).toBe(CONFIG.upstream.apiKey);
      expect(sent["x-source-for"]).toBe("whatsapp");
      expect(sent["x-request-id"]).toBe("prop-request-0001");
      expect(sent["content-type"]).toBe(hasBody ? "application/json" : undefined);
      for (const [name, value] of Object.entries(lower)) {
        if (!FORBIDDEN.test(name) && ["accept", "accept-language", "if-none-match"].includes(name) && value.length <= 256) expect(sent[name]).toBe(value);
      }
    }), { numRuns: 3000 });
  });
});
