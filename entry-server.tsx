// @refresh reload
import { createHandler, StartServer } from "@solidjs/start/server";
import { requestLanguage } from "./components/i18n";

export default createHandler(
  () => (
    <StartServer
      document={({ assets, children, scripts }) => (
        <html lang={requestLanguage()}>
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="referrer" content="no-referrer" />
            <meta name="theme-color" content="#c8102e" />
            {assets}
          </head>
          <body>
            <div id="app">{children}</div>
            {scripts}
          </body>
        </html>
      )}
    />
  ),
  // The gateway middleware (server/middleware/00.gateway.ts) put a per-response nonce in the CSP; SolidStart's inline scripts carry it.
  // "async": the first screen arrives complete (session data included), readable before any script runs.
  (event) => {
    event.manifest = stylesOnly(event.manifest);
    return { nonce: event.nativeEvent.context.cspNonce, mode: "async" };
  },
);

interface ManifestEntry { output: string; assets: { tag: string; attrs: Record<string, string> }[] }
let compactManifest: Record<string, ManifestEntry> | undefined;

/**
 * The page's inline `window.manifest` lists every route's module preloads (43 KB of a 46 KB page).
 * In the browser it is read only for a route's stylesheets (SolidStart's lazyRoute); the current
 * route's preloads are already in the head. One compact copy per process: the build never changes.
 */
function stylesOnly(manifest: Record<string, ManifestEntry>): Record<string, ManifestEntry> {
  return (compactManifest ??= Object.fromEntries(Object.entries(manifest).map(([input, entry]) => [
    input,
    { output: entry.output, assets: entry.assets.filter((asset) => asset.tag === "style" || asset.attrs.rel === "stylesheet") },
  ])));
}
