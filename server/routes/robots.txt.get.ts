import { defineEventHandler, setResponseHeaders } from "h3";

// Every page here is one taxpayer's, behind a session: nothing for a crawler to index.
const ROBOTS = "User-agent: *\nDisallow: /\n";

export default defineEventHandler((event) => {
  setResponseHeaders(event, { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=86400" });
  return ROBOTS;
});
