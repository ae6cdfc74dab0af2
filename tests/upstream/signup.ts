import type { RequestContext } from "./context";
import { normalizeMsisdn } from "./msisdn";
import { businessError, jsonReply, type Reply } from "./reply";
import { SIGNUP_NUMBERS, SIGNUP_PEOPLE, type SignupPerson } from "./signup-fixtures";
import type { UpstreamState } from "./state";

const INVALID_ID = () => businessError(4, "Invalid ID Number");

/** POST /id-lookup (UPSTREAM.md §3.4, the inferred current shape): name, yob, pin and has_vat. */
export function idLookup({ body, state }: RequestContext): Reply {
  const person = findPerson(body.id_number, body.type);
  if (!person) return INVALID_ID();
  return jsonReply(200, {
    code: 3, message: "Valid ID Number", id_number: person.idNumber, name: person.name, yob: person.yob,
    pin: pinOf(state, person) ?? null, has_vat: person.hasVat,
  });
}

/** POST /register-tax-payer (§3.5): per number code 22, "etims inactive", or code 5 (then /init knows the number). */
export function registerTaxPayer({ body, state }: RequestContext): Reply {
  const person = findPerson(body.id_number, undefined);
  const msisdn = normalizeMsisdn(body.msisdn);
  if (!person || !/^2547\d{8}$/.test(msisdn)) return INVALID_ID();
  if (msisdn === SIGNUP_NUMBERS.inProgress) return jsonReply(200, { code: 22, message: "Registration in progress" });
  registerPerson(state, msisdn, person);
  if (msisdn === SIGNUP_NUMBERS.etimsInactive) return businessError(6, "Tax Payer etims inactive");
  return jsonReply(200, { code: 5, message: "Registration Successful" });
}

/** POST /pin-registration (§7.10): a PIN and a receipt for a known person without a PIN. */
export function registerPin({ body, state }: RequestContext): Reply {
  const type = body.type === "resident" ? "alien" : body.type === "citizen" ? "citizen" : undefined;
  const person = type ? findPerson(body.id_number, type) : undefined;
  const fieldsOk = typeof body.email === "string" && body.email.includes("@") && /^2547\d{8}$/.test(normalizeMsisdn(body.msisdn));
  if (!person || !fieldsOk) return businessError(4, "Invalid ID Number");
  if (pinOf(state, person)) return businessError(24, "Tax Payer already has a PIN");
  const serial = String(state.issuedPins.size + 1).padStart(8, "0");
  const pin = `A5${serial}P`;
  state.issuedPins.set(person.idNumber, pin);
  return jsonReply(200, { code: 1, message: "PIN Registration Successful", pin, receipt_number: `KRA2026${serial}` });
}

function findPerson(idNumber: unknown, type: unknown): SignupPerson | undefined {
  const person = SIGNUP_PEOPLE.find((candidate) => candidate.idNumber === String(idNumber ?? "").trim());
  if (!person) return undefined;
  return Boolean(person.resident) === (type === "alien") ? person : undefined;
}

function pinOf(state: UpstreamState, person: SignupPerson): string | undefined {
  return person.pin ?? state.issuedPins.get(person.idNumber);
}

function registerPerson(state: UpstreamState, msisdn: string, person: SignupPerson): void {
  const pin = pinOf(state, person);
  if (state.taxpayers.findRegistered(msisdn) || !pin) return;
  state.taxpayers.registerParty({ msisdn, name: person.name, pin, idNumber: person.idNumber });
}
