import { parsePhoneNumberFromString } from "libphonenumber-js/mobile";

// Shared with the UI: no server-only imports here.
const ALLOWED_INPUT = /^\+?[0-9][0-9 -]{6,18}$/;

/**
 * Normalises a Kenyan mobile number to `254XXXXXXXXX`, or returns null.
 * Accepts 07…, 01…, 7…, +254…, 254…, with spaces and dashes. libphonenumber-js's
 * mobile metadata decides which ranges are mobile.
 */
export function normalizeMsisdn(input: string): string | null {
  const trimmed = input.trim();
  if (!ALLOWED_INPUT.test(trimmed)) return null;
  const phone = parsePhoneNumberFromString(trimmed.replace(/[ -]/g, ""), "KE");
  if (!phone || phone.country !== "KE" || !phone.isValid()) return null;
  return phone.number.slice(1);
}
