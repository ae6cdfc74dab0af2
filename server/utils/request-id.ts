import { randomToken } from "./crypto";

// Request ids correlate log lines; they guard nothing, so a random prefix per
// process (drawn on first use: workerd allows no randomness at start) and a
// counter do, with no random bytes drawn per request.
let prefix: string | undefined;
let counter = 0;

export function nextRequestId(): string {
  prefix ??= randomToken(6);
  counter = (counter + 1) % 2 ** 40;
  return `${prefix}${counter.toString(36).padStart(8, "0")}`;
}
