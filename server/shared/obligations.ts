// The obligations the gateway knows, by KRA's ids: no import, so a page's first scripts can
// hold them without the answers' readers (returns.ts, which parse with zod).

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
