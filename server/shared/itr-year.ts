// No import, so the ITR page's first scripts can hold it without the answers' readers (itr.ts, which parse with zod).

/** The last year a return can be filed for: the one that ended. */
export const lastReturnYear = (now = new Date()) => now.getUTCFullYear() - 1;
