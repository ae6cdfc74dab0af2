// Shared with the UI; kept apart from msisdn.ts so logging never loads libphonenumber-js.

/** `254712345678` → `2547******78`: enough for support, useless to an attacker. */
export function maskMsisdn(msisdn: string): string {
  if (msisdn.length < 8) return "*".repeat(msisdn.length);
  return msisdn.slice(0, 4) + "*".repeat(msisdn.length - 6) + msisdn.slice(-2);
}
