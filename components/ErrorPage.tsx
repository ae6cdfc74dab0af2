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
        <button type="button" class="btn" onClick={() => (props.retry ? props.retry() : window.location.reload())}>{t("error.retry")}</button>
        <a class="btn secondary" href="/">{t("common.home")}</a>
      </div>
    </Layout>
  );
}
