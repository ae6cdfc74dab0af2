import { z } from "zod";

/**
 * The one way an upstream sentence (`message`, `Message`, `ErrorCode`, `errors.detail`, `ResponseMsg`,
 * `description`, `desc`)
 * reaches the browser (README: "Proxy", response bodies). If iTax ever puts record data in its text,
 * it does not leak: anything shaped like a KRA PIN, a phone number, an email address or a run of six
 * or more digits is masked, and the sentence is capped at UPSTREAM_TEXT_MAX characters. Known codes
 * keep the gateway's own English and Kiswahili text in the UI; this is only what it shows otherwise.
 */
export const UPSTREAM_TEXT_MAX = 200;
const MASK = "***";
/** Read at most this much before masking, so a long answer costs bounded work and no cut leaves half a value. */
const READ_MAX = 1000;

const SHAPES: RegExp[] = [
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu,
  /\b[A-Za-z]\d{9}[A-Za-z]\b/g,
  /(?:\+|\b)(?:254|0)?[\s-]?[17]\d{2}[\s-]?\d{3}[\s-]?\d{3}\b/g,
  /\d{6,}/g,
];

export function filterUpstreamText(text: string): string {
  let filtered = text.slice(0, READ_MAX);
  for (const shape of SHAPES) filtered = filtered.replace(shape, MASK);
  return filtered.slice(0, UPSTREAM_TEXT_MAX);
}

/** A response-policy field for upstream text: any string, filtered. */
export const upstreamText = () => z.string().transform(filterUpstreamText);
