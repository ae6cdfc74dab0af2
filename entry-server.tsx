// @refresh reload
import { createHandler, StartServer } from "@solidjs/start/server";
import type { JSX } from "solid-js";
import { getRequestEvent } from "solid-js/web";
import appCss from "./components/app.css?raw";
import { requestLanguage, translate } from "./components/i18n";
import { homeEn } from "./components/i18n/home-en";
import { homeSw } from "./components/i18n/home-sw";
import { isEntryLanding } from "./server/shared/gateway-paths";

// Inline on every page, so without the file's line breaks and indentation.
const criticalCss = appCss.replace(/\s*([{};])\s*/g, "$1").replace(/\s+/g, " ").trim();

export default createHandler(
  () => (
    <StartServer
      document={({ assets, children, scripts }) => {
        const page = criticalPage();
        if (page) return <ScriptlessDocument page={page}>{children}</ScriptlessDocument>;
        return (
          <html lang={requestLanguage()}>
            <head>
              <meta charset="utf-8" />
              <meta name="viewport" content="width=device-width, initial-scale=1" />
              <meta name="referrer" content="no-referrer" />
              <meta name="theme-color" content="#c8102e" />
              <style innerHTML={criticalCss} />
              {assets}
            </head>
            <body>
              <div id="app">{children}</div>
              {scripts}
            </body>
          </html>
        );
      }}
    />
  ),
  // The gateway middleware (server/middleware/00.gateway.ts) put a per-response nonce in the CSP; SolidStart's inline scripts carry it.
  // "async": the first screen arrives complete (session data included), readable before any script runs.
  (event) => {
    event.manifest = stylesOnly(event.manifest);
    // The app's CSS (1.4 KB gzip) is inline on every page: no render-blocking request, one round trip
    // (562 ms on the phone's network) less before any page shows. The browser still caches the file
    // when the app's script loads it, for pages rendered in the browser.
    event.assets = event.assets.filter((asset: { attrs: { rel?: string } }) => asset.attrs.rel !== "stylesheet");
    return { nonce: event.nativeEvent.context.cspNonce, mode: "async" };
  },
);

/**
 * The landing and OTP pages run no app script (no hydration, no module preloads: 0 KB of JS before
 * the OTP input), only their own few inline lines; the language buttons are a plain form post
 * (LanguageSwitch). Their head is implied (no `</head>`), so nothing is injected into it, the
 * route's preloads and meta tags included; the title is written here instead.
 */
function ScriptlessDocument(props: { page: "landing" | "otp"; children: JSX.Element }) {
  const language = requestLanguage();
  const title = props.page === "landing" ? { en: homeEn, sw: homeSw }[language]["entry.title"] : translate(language, "otp.title");
  return (
    <html lang={language}>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <meta name="theme-color" content="#c8102e" />
      <title>{`${title} · ${translate(language, "app.title")}`}</title>
      <style innerHTML={criticalCss} />
      <body>
        <div id="app">{props.children}</div>
        {/* SolidStart still writes the router's resolved data after the page (`_$HY.r[…] = …`) for a hydration
            these pages never run: without `_$HY` that line throws on every landing and OTP page. */}
        <script nonce={getRequestEvent()!.nativeEvent.context.cspNonce as string}>{"self._$HY={r:{}}"}</script>
      </body>
    </html>
  );
}

/**
 * The pages between the chat's link and the OTP input load no app script (the landing posts its form
 * at once, and its CSP allows nothing else; the OTP form is a plain form post), and like every page
 * have their CSS inline (the landing's inline script would otherwise wait for a stylesheet). Three
 * requests from the link to a usable OTP input: landing, POST /entry, /otp.
 */
function criticalPage(): "landing" | "otp" | undefined {
  const url = new URL(getRequestEvent()!.request.url);
  if (isEntryLanding(url.pathname + url.search)) return "landing";
  return url.pathname === "/otp" ? "otp" : undefined;
}

interface ManifestEntry { output: string; assets: { tag: string; attrs: Record<string, string> }[] }
let compactManifest: Record<string, ManifestEntry> | undefined;

/**
 * The page's inline `window.manifest` lists every route's module preloads (43 KB of a 46 KB page).
 * In the browser it is read only for a route's stylesheets (SolidStart's lazyRoute); the current
 * route's preloads are in the head already. One compact copy per process: the build never changes.
 */
function stylesOnly(manifest: Record<string, ManifestEntry>): Record<string, ManifestEntry> {
  return (compactManifest ??= Object.fromEntries(Object.entries(manifest).map(([input, entry]) => [
    input,
    { output: entry.output, assets: entry.assets.filter((asset) => asset.tag === "style" || asset.attrs.rel === "stylesheet") },
  ])));
}
