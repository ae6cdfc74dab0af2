// What a real upstream answer may carry besides the fields the UI shows: notes,
// credentials and other taxpayers' numbers. Every tax-API answer of the
// simulator carries these, so the gateway's response policies are tested
// against them on every rule (tests/integration/response-policy.test.ts).

export const INTERNAL_NOTE = "internal: reconcile manually, do not show";
export const INTERNAL_TOKEN = "eyJhbGciOiJIUzI1NiJ9.internal-service-token.c2lnbmF0dXJl";
/** Another taxpayer's full number, which must never reach the browser. */
export const THIRD_PARTY_MSISDN = "254711000099";

export function withInternals<T extends object>(value: T) {
  return { ...value, internal_note: INTERNAL_NOTE, service_token: INTERNAL_TOKEN, requested_by_msisdn: THIRD_PARTY_MSISDN };
}
