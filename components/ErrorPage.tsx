import { Layout } from "./Layout";
import { useI18n } from "./i18n";

/** Shown when a page fails unexpectedly; gateway errors carry their request id inline instead. */
export function ErrorPage(props: { retry?: () => void; reference?: string }) {
  const { t } = useI18n();
  return (
    <Layout title="error.title">
      <div class="card" role="alert">
        <p>{t("error.body")}</p>
        {props.reference ? <p class="muted">{t("common.reference", { id: props.reference })}</p> : null}
        {/* A link to this page (a reload) until the script runs, so a page served with this error can be retried at once. */}
        <a class="btn" href="" rel="external" onClick={(event) => { if (!props.retry) return; event.preventDefault(); props.retry(); }}>{t("error.retry")}</a>
        <a class="btn secondary" href="/">{t("common.home")}</a>
      </div>
    </Layout>
  );
}
