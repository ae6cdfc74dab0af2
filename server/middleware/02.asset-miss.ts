import { defineEventHandler, setResponseHeaders, setResponseStatus, type H3Event } from "h3";
import { isGatewayPath } from "../shared/gateway-paths";

// A request for a file that is not there (an old asset, /apple-touch-icon.png, a scanner's
// /wp-login.php) gets a few bytes, not the UI's 46 KB page, and may be cached a little while:
// short enough that an asset arriving with a rolling deploy is found soon after.
const FILE_PATH = /^\/_build\/|\.(?:ico|png|jpe?g|gif|svg|webp|avif|bmp|txt|xml|json|js|mjs|cjs|css|map|woff2?|ttf|otf|eot|webmanifest|php|aspx?|env|ini|ya?ml|zip|gz|br)$/i;
const MISS_HEADERS = {
  "content-type": "text/plain; charset=utf-8",
  "cache-control": "public, max-age=300",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};

export default defineEventHandler((event) => {
  if (!isAssetRequest(event)) return;
  setResponseStatus(event, 404);
  setResponseHeaders(event, MISS_HEADERS);
  return "Not found\n";
});

function isAssetRequest(event: H3Event): boolean {
  if (event.method !== "GET" && event.method !== "HEAD") return false;
  const path = event.path.split("?")[0];
  return FILE_PATH.test(path) && !isGatewayPath(path);
}
