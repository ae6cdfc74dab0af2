/** The identity service did not answer within the deadline (both runtimes throw this). */
export class JsonCallTimeout extends Error {}

/** An identity answer is a few hundred bytes; anything past this is refused unread. */
export const JSON_ANSWER_MAX_BYTES = 64 * 1024;

/** The answer passed JSON_ANSWER_MAX_BYTES; reading stopped there. */
export class JsonAnswerTooLarge extends Error {}
