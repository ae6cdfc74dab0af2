import { hasMessage, type Translate } from "../i18n";
import { registerNotices } from "../i18n/notices";
import { knownKraSentence } from "./kra-sentences";

// The sentences it words (kra.*, kra-sentences.ts) and the wait texts live in the notices catalogue: whoever words KRA's refusals has them.
registerNotices();

/** A KRA refusal in the page's language: the gateway's words when known, else KRA's own, marked as theirs. */
export function explainKraRefusal(t: Translate, message: string | undefined): string {
  const known = knownKraSentence(message);
  if (known && hasMessage(known)) return t(known);
  if (!message && hasMessage("kra.refusedNoReason")) return t("kra.refusedNoReason");
  return t("biz.unknown", { message: (message ?? "").slice(0, 200) });
}

/** KRA's own words (not a refusal), marked as theirs; nothing when the gateway already said it. */
export function markKraWords(t: Translate, message: string | undefined): string | undefined {
  const known = knownKraSentence(message);
  if (known && hasMessage(known)) return t(known);
  return message ? t("kra.theirWords", { message: message.slice(0, 200) }) : undefined;
}
