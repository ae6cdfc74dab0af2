// The obligations the gateway knows, by KRA's ids: no import, so a page's first scripts can
// hold them without the answers' readers (returns-read.ts, which load beside the calls).

/** The obligation ids the gateway's rules accept (returns-schemas.ts); others are not offered. */
export const KNOWN_OBLIGATIONS = new Set(["1", "2", "7", "8", "33", "41", "42"]);
/** Obligations a NIL return can be filed for here; VAT's period cannot be autopopulated (the upstream says so). */
export const NIL_OBLIGATIONS = new Set(["1", "2", "7", "8", "33"]);
/** Obligations with their own journey. */
export const VAT = "1";
export const ITR = "2";
export const TOT = "8";
export const MRI = "33";
export const AHL = "41";
export const NITA = "42";

/** PRN dates: the filing period's DD/MM/YYYY becomes DD-MM-YYYY for AHL and NITA (41, 42). */
export function prnDate(obligationId: string, date: string): string {
  return obligationId === AHL || obligationId === NITA ? date.replace(/\//g, "-") : date.replace(/-/g, "/");
}
