import { maskMsisdn } from "../../server/shared/mask";

// Presentation only: the gateway normalises numbers itself with libphonenumber-js,
// which stays out of the browser bundle.

/**
 * The link's number, masked for display (`2547******02`), or null. Presentation
 * only: the gateway normalises numbers itself and decides at POST /entry.
 */
export function maskedLinkNumber(phone: string | undefined): string | null {
  const digits = (phone ?? "").replace(/[^\d]/g, "");
  const national = /^0?([17]\d{8})$/.exec(digits)?.[1] ?? /^254([17]\d{8})$/.exec(digits)?.[1];
  return national ? maskMsisdn(`254${national}`) : null;
}

/** 07XXXXXXXX / 01XXXXXXXX / +254… → 254XXXXXXXXX, as the gateway's schema wants; anything else unchanged (the schema refuses it). */
export function toMsisdn(phone: string): string {
  const digits = phone.replace(/[\s-]/g, "").replace(/^\+/, "");
  if (/^0[17]\d{8}$/.test(digits)) return `254${digits.slice(1)}`;
  if (/^[17]\d{8}$/.test(digits)) return `254${digits}`;
  return digits;
}
