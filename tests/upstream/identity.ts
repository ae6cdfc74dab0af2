import type { RequestContext } from "./context";
import { normalizeMsisdn } from "./msisdn";
import { businessError, jsonReply, type Reply } from "./reply";
import type { UpstreamState } from "./state";

const NOT_REGISTERED = "Tax Payer not registered";

/** POST /init (README: Upstream API, identity); with directTokens also the seed's one-call token. */
export function init({ body, state }: RequestContext): Reply {
  const taxpayer = state.taxpayers.findRegistered(body.msisdn);
  if (!taxpayer) return jsonReply(200, { code: 0, message: NOT_REGISTERED });
  const answer = { code: 1, message: "Tax Payer registered", name: taxpayer.name, ...entityFields(state, taxpayer.pin) };
  if (!state.settings.directTokens) return jsonReply(200, answer);
  return jsonReply(200, { ...answer, token: state.issueToken(normalizeMsisdn(body.msisdn)) });
}

/** POST /otp (README: Upstream API, identity): any Kenyan mobile number, as the apps' sign-up page sends it. */
export function sendOtp({ body, state }: RequestContext): Reply {
  const msisdn = normalizeMsisdn(body.msisdn);
  if (!/^2547\d{8}$|^2541\d{8}$/.test(msisdn)) return businessError(0, NOT_REGISTERED);
  state.otpRequested.add(msisdn);
  return jsonReply(200, { message: "OTP sent successfully" });
}

/**
 * POST /validate-otp (README: Upstream API, identity): the only place a token comes from in otp mode.
 * An unregistered number that asked for a code gets a token too (INFERENCE: the apps' sign-up page
 * sends register-tax-payer "if-cookie" right after it); the gateway must not use it.
 */
export function validateOtp({ body, state }: RequestContext): Reply {
  const msisdn = normalizeMsisdn(body.msisdn);
  const otpMatches = String(body.otp ?? "").trim().toUpperCase() === state.settings.otp.toUpperCase();
  if (!otpMatches || !state.otpRequested.has(msisdn)) return jsonReply(200, { code: 0, message: "Invalid OTP" });
  return jsonReply(200, { code: 1, message: "OTP verified", token: state.issueToken(msisdn) });
}

/** The newer /init fields the apps read (UPSTREAM.md §3.1): `has_vat`, `has_etims`, `entities[0].pin`. */
function entityFields(state: UpstreamState, pin: string) {
  const { party, profile } = state.taxpayers.findByPin(pin)!;
  const entities = profile.initShowsPin ? [{ name: party.name, pin: party.pin }] : [];
  return { has_etims: profile.hasEtims, has_vat: profile.hasVat, entities };
}
