import type { RequestContext } from "./context";
import { withInternals } from "./internals";
import { formatKraDate } from "./kra-dates";
import { internalServerError, jsonReply, taxReply, type Reply } from "./reply";
import { forcedRefusal, INVALID_PIN, NOT_REGISTERED_FOR_OBLIGATION, refusal } from "./refusals";
import type { Period } from "./returns-book";
import { OBLIGATION, OBLIGATIONS, type ObligationInfo } from "./returns-fixtures";
import { fillingPeriodBody } from "./returns-schemas";
import type { SuccessForms } from "./types";

/** GET /tax-payer-obligations/:pin (UPSTREAM.md §7.2). */
export function listObligations({ params, state }: RequestContext): Reply {
  const pin = decodeURIComponent(params[0] ?? "");
  const rule = state.forms.take("tax-payer-obligations", pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  const found = state.taxpayers.findByPin(pin);
  if (!found) return refusal("message", INVALID_PIN);
  const obligations = found.profile.obligations.map((id) => OBLIGATIONS[id]!);
  return obligationsReply(rule?.success ?? "recorded", obligations);
}

function obligationsReply(form: SuccessForms["tax-payer-obligations"], obligations: ObligationInfo[]): Reply {
  switch (form) {
    // recorded/obligations_data_set.json: a bare list, keyed kra_obligation_id.
    case "recorded":
      return jsonReply(200, obligations.map((o) => withInternals({ description: o.name, kra_obligation_id: o.id, name: o.name })));
    case "array":
      return jsonReply(200, obligations.map((o) => withInternals({ id: o.id, name: o.name, obligation_code: o.id, obligation_short_name: o.shortName })));
    case "wrapped":
      return taxReply({ obligations: obligations.map((o) => ({
        obligation_id: o.id, obligation_code: o.id, obligation_name: o.name, obligation_short_name: o.shortName,
      })) });
  }
}

const CANNOT_AUTOPOPULATE = "Special Obligation cannot be Autopopulated";

/** POST /obligation-filling-period (UPSTREAM.md §7.3): the earliest unfiled period. */
export function fillingPeriod({ body, state }: RequestContext): Reply {
  const parsed = fillingPeriodBody.safeParse(body);
  if (!parsed.success) return internalServerError();
  const { pin, obligation_id: obligationId } = parsed.data;
  const rule = state.forms.take("obligation-filling-period", pin);
  const forced = forcedRefusal(rule);
  if (forced) return forced;
  // Recorded for a VAT-registered PIN and for one that is not: VAT is never autopopulated.
  if (obligationId === OBLIGATION.VAT) return refusal("message", CANNOT_AUTOPOPULATE);
  const found = state.taxpayers.findByPin(pin);
  if (!found?.profile.obligations.includes(obligationId)) return refusal("message", NOT_REGISTERED_FOR_OBLIGATION);
  return periodReply(rule?.success ?? "status-ok", state.returns.nextPeriod(found.party.pin, obligationId));
}

function periodReply(form: SuccessForms["obligation-filling-period"], period: Period): Reply {
  const from = formatKraDate(period.from);
  const to = formatKraDate(period.to);
  const described = { description: "Successfully populated period", responseCode: null, status: "OK" };
  if (form === "periods") return taxReply({ ...described, periods: [`${from} - ${to}`] });
  return taxReply({ ...described, trpFromDate: from, trpToDate: to });
}
