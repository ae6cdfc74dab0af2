import { defineEventHandler } from "h3";
import { compressResponse } from "#gateway-runtime";

// Pages, JSON and refusals leave gzip- or brotli-compressed when the client asks and they are
// big enough; documents stream untouched. Why this is safe from BREACH: README, "Compression".
export default defineEventHandler((event) => {
  compressResponse(event);
});
