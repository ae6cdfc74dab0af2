// No import, so the ITR page's first scripts can hold it without the answers' readers (itr.ts, which parse with zod).

/** The last year a return can be filed for: the one that ended in Nairobi (UTC+3, no daylight saving). */
export const lastReturnYear = (now = new Date()) => new Date(now.getTime() + NAIROBI_OFFSET_MS).getUTCFullYear() - 1;
const NAIROBI_OFFSET_MS = 3 * 60 * 60 * 1000;
