import { MetaProvider } from "@solidjs/meta";
import { Router } from "@solidjs/router";
import { FileRoutes } from "@solidjs/start/router";
import { ErrorBoundary, onMount, Suspense } from "solid-js";
import { ErrorPage } from "./components/ErrorPage";
import { I18nProvider } from "./components/i18n";
import "./components/app.css";

export default function App() {
  onMount(() => {
    // A page restored from the back/forward cache after sign-out must not show taxpayer data: ask the server again.
    window.addEventListener("pageshow", (event) => event.persisted && window.location.reload());
  });
  return (
    <Router
      root={(props) => (
        <MetaProvider>
          <I18nProvider>
            <ErrorBoundary fallback={(_, reset) => <ErrorPage retry={reset} />}>
              <Suspense>{props.children}</Suspense>
            </ErrorBoundary>
          </I18nProvider>
        </MetaProvider>
      )}
    >
      <FileRoutes />
    </Router>
  );
}
