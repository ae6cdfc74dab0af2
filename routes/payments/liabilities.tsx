import { createResource, createSignal, For, Show } from "solid-js";
import { isServer } from "solid-js/web";
import type { Liability, Obligation } from "../../server/shared/returns-read";
import { loadReader } from "../../components/lib/returns-readers";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormText } from "../../components/i18n/returns";
import { useObligationName } from "../../components/i18n/obligations";
import { oweForm } from "../../components/i18n/form-owe";
import { PageFrame } from "../../components/Layout";
import { formatMoney } from "../../components/lib/money";
import { createSubmission } from "../../components/lib/submission";
import type { PrnRequest } from "../../components/PrnPay";
import { onDemand, preloadSoon } from "../../components/lib/on-demand";
import { WithPin } from "../../components/WithPin";
import { ScriptButton } from "../../components/ScriptButton";

/** The payment, fetched while this page is used (issue 22's budgets). */
const PrnPay = onDemand(() => import("../../components/PrnPay").then((module) => module.PrnPay));

export default function WhatIOwe() {
  const t = useFormText(oweForm);
  return <PageFrame heading={t("owe.title")}><WithPin service="payments">{(session) => <Liabilities msisdn={session.msisdn} />}</WithPin></PageFrame>;
}

interface Owed { obligation: Obligation; items: Liability[] }

function Liabilities(props: { msisdn: string }) {
  const t = useFormText(oweForm);
  const obligationName = useObligationName();
  preloadSoon(PrnPay);
  const { problem, run } = createSubmission();
  const [paying, setPaying] = createSignal<PrnRequest>();
  const [owed] = createResource(() => !isServer, async (): Promise<Owed[]> => {
    const obligations = (await run("GET", "/tax-payer-obligations", undefined, loadReader("readObligations")))?.value ?? [];
    const lists = await Promise.all(obligations.map(async (obligation) => ({
      obligation,
      items: (await run("GET", `/tax-payer-liabilities?obligation_id=${encodeURIComponent(obligation.id)}`, undefined, loadReader("readLiabilities")))?.value ?? [],
    })));
    return lists.filter((entry) => entry.items.length > 0);
  });
  return (
    <>
      <Show when={paying()}>{(request) => <PrnPay request={request()} msisdn={props.msisdn} />}</Show>
      <ProblemAlert problem={problem()} />
      <Show when={owed()} fallback={<p class="muted loading">{t("common.loading")}</p>}>
        <Show when={owed()!.length > 0} fallback={<p class="card" data-testid="owe-nothing">{t("owe.nothing")}</p>}>
          <For each={owed()}>
            {(entry) => (
              <div class="card" data-testid="liabilities">
                <h3>{obligationName(entry.obligation)}</h3>
                <For each={entry.items}>
                  {(item) => (
                    <div class="liability">
                      <p><strong>{t("returns.period", { period: `${item.from} - ${item.to}` })}</strong></p>
                      <table class="lines">
                        <tbody>
                          <tr><td>{t("owe.principal")}</td><td>{formatMoney(item.principal)}</td></tr>
                          <tr><td>{t("owe.penalty")}</td><td>{formatMoney(item.penalty)}</td></tr>
                          <tr><td>{t("owe.interest")}</td><td>{formatMoney(item.interest)}</td></tr>
                          <tr><th>{t("common.total")}</th><th>{formatMoney(item.total)}</th></tr>
                        </tbody>
                      </table>
                      <Show when={item.total > 0}>
                        <ScriptButton class="btn" disabled={paying() !== undefined}
                          onClick={() => { setPaying({ obligation: entry.obligation.id, from: item.from, to: item.to, amount: item.total }); window.scrollTo(0, 0); }}>
                          {t("owe.pay", { amount: formatMoney(Math.ceil(item.total)) })}
                        </ScriptButton>
                      </Show>
                    </div>
                  )}
                </For>
              </div>
            )}
          </For>
        </Show>
      </Show>
      <a class="btn secondary" href="/returns">{t("returns.back")}</a>
    </>
  );
}
