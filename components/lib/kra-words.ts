import { hasMessage, type MessageKey, type Translate } from "../i18n";
import { registerNotices } from "../i18n/notices";

// The sentences below (kra.*) and the wait texts live in the notices catalogue: whoever words KRA's refusals has them.
registerNotices();

// KRA's sentences the gateway knows (UPSTREAM.md §2 and the recorded refusals), each with the
// gateway's own words in English and Kiswahili (components/i18n: kra.*). Another upstream
// sentence is shown only where nothing better exists, and then marked as KRA's words.

const KNOWN: [pattern: RegExp, key: MessageKey][] = [
  [/no kra staff member found/i, "kra.staffNotFound"],
  [/invalid tcc/i, "kra.tccNotFound"],
  [/import certificate not found/i, "kra.certificateNotFound"],
  [/invalid invoice number/i, "kra.invoiceNotFound"],
  [/invalid prn/i, "kra.invalidPrn"],
  [/invalid phone number/i, "kra.invalidPhone"],
  [/invalid pin|pin number is invalid|pin must be 11/i, "kra.pinNotFound"],
  [/invalid id number/i, "kra.idNotFound"],
  [/tcc cannot be issued.*unpaid tax/i, "kra.tccUnpaidTax"],
  [/not registered for obligation/i, "kra.notRegisteredForObligation"],
  [/cannot be auto-?populated/i, "kra.periodNotAutomatic"],
  [/has already been filed/i, "kra.alreadyFiled"],
  [/period from is after|invalid return period|invalid date format/i, "kra.invalidPeriod"],
  [/invalid amount|invalid taxable amount/i, "kra.invalidAmount"],
  [/internal server error/i, "kra.systemError"],
];

/** The gateway's own sentence for a KRA sentence it knows, or undefined. */
export function knownKraSentence(message: string | undefined): MessageKey | undefined {
  return message ? KNOWN.find(([pattern]) => pattern.test(message))?.[1] : undefined;
}

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
