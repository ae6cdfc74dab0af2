import { defineConfig } from "@solidjs/start/config";
import { composeGatewayServer } from "./server/build/compose";
import { GATEWAY_PATH_PREFIXES } from "./server/shared/gateway-paths";

// `npm run dev`: vinxi serves the UI; the gateway's paths go to `nitropack dev server` (server/cli/dev.ts).
const DEV_GATEWAY = `http://localhost:${process.env.DEV_GATEWAY_PORT ?? 3001}`;
const devProxy = Object.fromEntries(
  GATEWAY_PATH_PREFIXES.map((prefix) => prefix.replace(/\/$/, "")).map((path) => [path, { target: DEV_GATEWAY + path, changeOrigin: false }]),
);

// The browser's shared chunks (issue 22). Each route is its own entry, so by default every module two pages
// share became its own small chunk: a returns page asked for 16 scripts, HTTP/1.1's 6 connections took them in
// three waves of round trips. The framework and the frame every page loads are one chunk, the signed-in pages'
// call and alert code another, the returns pages' frame a third. A page's budget in tests/ui/budgets.test.ts
// catches a module wrongly added here (every page that loads its chunk pays for it). Home loads "session" but not
// "signed-in": the session warning's loader and the idle wait (its links' preload) are in the former, the buttons
// that wait for the script and the forms' on-demand steps in the latter.
const CLIENT_CHUNKS: [string, RegExp][] = [
  ["app", /\/node_modules\/(solid-js\/(dist|web)|@solidjs\/(router|meta))\/|\/@solidjs\/start\/dist\/(shared\/HttpStatusCode|router\/(FileRoutes|lazyRoute|routes)\.js)|vinxi\/routes|vite\/preload-helper|\/components\/(Layout|LanguageSwitch|ErrorPage)\.tsx$|\/components\/i18n\/(index\.tsx|catalog\.ts|en\.ts|sw\.ts)$|\/server\/shared\/language\.ts$/],
  ["session", /\/components\/(lib\/(session|when-idle)\.ts|LaterSessionWarning\.tsx)$/],
  ["signed-in", /\/components\/(SignedIn|ProblemAlert|ScriptButton|lib\/on-demand)\.tsx$|\/components\/lib\/(gateway-api|submission|field-errors|steps|money)\.ts$/],
  ["returns", /\/components\/WithPin\.tsx$|\/components\/i18n\/returns(-en|-sw)?\.ts$|\/components\/lib\/(returns-readers|tax-period)\.ts$|\/server\/shared\/obligations\.ts$/],
];
const clientChunk = (id: string) => CLIENT_CHUNKS.find(([, modules]) => modules.test(id))?.[0];

export default defineConfig({
  vite: ({ router }: { router: string }) => (router === "client" ? { build: { rollupOptions: { output: { manualChunks: clientChunk } } } } : {}),
  appRoot: ".",
  routeDir: "./routes",
  server: {
    preset: "node-server",
    modules: [composeGatewayServer],
    devProxy,
    // SolidStart turns this on by default; it wraps every request (the proxy's too) in
    // AsyncLocalStorage. Nothing here needs it: pages get their event from SolidStart.
    experimental: { asyncContext: false },
  },
});
