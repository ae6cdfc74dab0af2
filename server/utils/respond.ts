import { getRequestHeader, type H3Event } from "h3";

/** A script's fetch asks for JSON; a plain HTML form post does not and gets redirects and pages. */
export function wantsJson(event: H3Event): boolean {
  const accept = getRequestHeader(event, "accept") ?? "";
  const type = getRequestHeader(event, "content-type") ?? "";
  return accept.includes("application/json") || type.startsWith("application/json");
}
