import { HttpStatusCode } from "@solidjs/start";
import { Layout } from "../components/Layout";
import { useI18n } from "../components/i18n";

export default function NotFound() {
  const { t } = useI18n();
  return (
    <Layout title="notFound.title">
      <HttpStatusCode code={404} />
      <div class="card">
        <p>{t("notFound.body")}</p>
        <a class="btn" href="/">{t("common.home")}</a>
      </div>
    </Layout>
  );
}
