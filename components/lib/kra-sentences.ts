import type { MessageKey } from "../i18n";

// KRA's sentences the gateway knows (UPSTREAM.md §2 and the recorded refusals), each with the
// gateway's own words in English and Kiswahili (components/i18n: kra.*). Another upstream
// sentence is shown only where nothing better exists, and then marked as KRA's words (kra-words.ts). Apart from
// the texts, so a page can recognise a sentence without loading them (the eSlip page, issue 22's budgets).

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
