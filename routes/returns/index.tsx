import { createResource, For, Show } from "solid-js";
import { isServer } from "solid-js/web";
import { ITR, MRI, NIL_OBLIGATIONS, TOT } from "../../server/shared/obligations";
import type { Obligation } from "../../server/shared/returns-read";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormText } from "../../components/i18n/returns";
import { useObligationName } from "../../components/i18n/obligations";
import { returnsListEn } from "../../components/i18n/returns-list-en";
import { returnsListSw } from "../../components/i18n/returns-list-sw";
import { PageFrame } from "../../components/Layout";
import { createSubmission } from "../../components/lib/submission";
import { loadReader } from "../../components/lib/returns-readers";
import { WithPin } from "../../components/WithPin";

const useListText = () => useFormText({ en: returnsListEn, sw: returnsListSw });

export default function ReturnsHome() {
  const t = useListText();
  return <PageFrame heading={t("returns.title")}><WithPin service="returns">{() => <Obligations />}</WithPin></PageFrame>;
}


const PAYMENTS = [
  { href: "/payments/liabilities", title: "owe.title", hint: "owe.hint" },
  { href: "/payments/eslip", title: "eslip.title", hint: "eslip.hint" },
  { href: "/payments/levy", title: "levy.title", hint: "levy.hint" },
] as const;

function Obligations() {
  const t = useListText();
  const obligationName = useObligationName();
  const { problem, run } = createSubmission();
  const [list] = createResource(() => !isServer, async () => (await run("GET", "/tax-payer-obligations", undefined, loadReader("readObligations")))?.value);
  const ids = () => new Set((list() ?? []).map((o) => o.id));
  const canFile = (o: Obligation) => [NIL_OBLIGATIONS.has(o.id) && t("returns.canNil"), o.id === TOT && t("returns.canTot"), o.id === MRI && t("returns.canMri")]
    .filter(Boolean).join(" · ");
  return (
    <>
      <div class="card" data-testid="obligations">
        <h3>{t("returns.obligations")}</h3>
        <ProblemAlert problem={problem()} />
        <Show when={list()} fallback={<Show when={!problem()}><p class="muted loading">{t("common.loading")}</p></Show>}>
          <Show when={list()!.length > 0} fallback={<p>{t("returns.none")}</p>}>
            <ul>
              <For each={list()}>{(o) => <li><strong>{obligationName(o)}</strong><Show when={canFile(o)}><span class="muted"> — {canFile(o)}</span></Show></li>}</For>
            </ul>
          </Show>
        </Show>
      </div>
      <ul class="services">
        <Show when={ids().has(ITR)}><li><a href="/returns/itr"><strong>{t("returns.itr")}</strong><span class="muted">{t("returns.itrHint")}</span></a></li></Show>
        <li><a href="/returns/nil"><strong>{t("nil.title")}</strong><span class="muted">{t("nil.hint")}</span></a></li>
        <Show when={ids().has(TOT)}><li><a href="/returns/tot"><strong>{t("tot.title")}</strong><span class="muted">{t("tot.hint")}</span></a></li></Show>
        <Show when={ids().has(MRI)}><li><a href="/returns/mri"><strong>{t("mri.title")}</strong><span class="muted">{t("mri.hint")}</span></a></li></Show>
        <For each={PAYMENTS}>{(item) => <li><a href={item.href}><strong>{t(item.title)}</strong><span class="muted">{t(item.hint)}</span></a></li>}</For>
      </ul>
      <a class="btn secondary" href="/">{t("common.home")}</a>
    </>
  );
}
