import { z } from "zod";

/**
 * The one way an upstream sentence (`message`, `Message`, `ErrorCode`, `errors.detail`, `ResponseMsg`,
 * `description`, `desc`)
 * reaches the browser (README: "Proxy", response bodies). If iTax ever puts record data in its text,
 * it does not leak: anything shaped like a KRA PIN, a phone number, an email address or a run of six
 * or more digits (however separated) is masked, and the sentence is capped at UPSTREAM_TEXT_MAX characters. Known codes
 * keep the gateway's own English and Kiswahili text in the UI; this is only what it shows otherwise.
 */
export const UPSTREAM_TEXT_MAX = 200;
const MASK = "***";
/** Read at most this much before masking, so a long answer costs bounded work. */
const READ_MAX = 1000;
/** A calendar date (2025-10-31, 31.10.2025, 31-10-2025) is not a number to hide. */
const DATE = /^(?:\d{4}([.-])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|[12]\d|3[01])([.-])(?:0[1-9]|1[0-2])\2\d{4})$/;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// Every shape but the email needs a digit (the email an `@`): most sentences ("Success") have neither,
// and skip the replaces (the email's Unicode pattern showed in profiles of every proxied call).
const DIGIT_SHAPES: [RegExp, (match: string) => string][] = [
  [/\b[A-Za-z]\d{9}[A-Za-z]\b/g, () => MASK],
  [/(?:\+|\b)(?:254|0)?[\s-]?[17]\d{2}[\s-]?\d{3}[\s-]?\d{3}\b/g, () => MASK],
  // Six or more digits, however separated (0712 34 56 78, 0712.345.678, 30 000 005, 3000-0005).
  [/\+?\d(?:[\s.-]?\d){5,}/g, (match) => (DATE.test(match) ? match : MASK)],
];
const A_DIGIT = /\d/;

export function filterUpstreamText(text: string): string {
  let filtered = text.length > READ_MAX ? dropPartialToken(text.slice(0, READ_MAX)) : text;
  if (filtered.includes("@")) filtered = filtered.replace(EMAIL, MASK);
  if (A_DIGIT.test(filtered)) for (const [shape, mask] of DIGIT_SHAPES) filtered = filtered.replace(shape, mask);
  return filtered.slice(0, UPSTREAM_TEXT_MAX);
}

/**
 * A cut at READ_MAX may fall inside a value, and a half value is too short to be masked: drop the
 * last word and any digits and separators before it (half of `0712 34 56 78` is more than one word).
 */
function dropPartialToken(cut: string): string {
  return cut.replace(/\S*$/, "").replace(/[\d\s.+-]*$/, "");
}

/** A response-policy field for upstream text: any string, filtered. */
export const upstreamText = () => z.string().transform(filterUpstreamText);
