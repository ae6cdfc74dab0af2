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
  (event) => ({ nonce: event.nativeEvent.context.cspNonce, mode: "async" }),
);
