import { useSearchParams } from "@solidjs/router";
import { Layout } from "../components/Layout";
import { useI18n, type MessageKey } from "../components/i18n";

const REASONS = new Set(["signed_out", "session_expired", "session_required", "otp_attempts_exceeded"]);

export default function SessionEnded() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const reason = () => (typeof params.reason === "string" && REASONS.has(params.reason) ? params.reason : "session_expired");
  return (
    <Layout title="ended.title">
      <div class="card" role="status">
        <p>{t(`ended.${reason()}` as MessageKey)}</p>
        <p><strong>{t("ended.action")}</strong></p>
      </div>
    </Layout>
  );
}
