// Every word a Flow screen shows, in English and Kiswahili; the screens' static parts are bilingual titles only.
import type { Language } from "../../shared/language";

export const FLOW_TEXT = {
  en: {
    otpIntro: (masked: string) => `We sent an SMS code to ${masked}. Enter it to continue.`,
    otpLabel: "SMS code", otpWrong: "That code is not correct. Try again.", submit: "Continue", done: "Done",
    notRegistered: "This number is not registered with KRA. Open the link to sign up on the web.", signUp: "Sign up on the web",
    invalid: "Some fields are missing or not valid.",
    pinIntro: "Enter the KRA PIN to check.", pinLabel: "KRA PIN",
    pinFound: (pin: string, name: string, station: string) => `PIN ${pin} belongs to ${name}.${station ? `\nStation: ${station}` : ""}`,
    pinNotFound: (pin: string, reason?: string) => `No taxpayer was found for PIN ${pin}.${reason ? ` ${reason}` : ""}`,
    obligationIntro: "Choose the obligation to file a NIL return for.", obligationLabel: "Obligation",
    noObligations: "You have no obligations a NIL return can be filed for here.",
    confirm: (name: string, period: string) => `File a NIL return for ${name}, period ${period}?`, file: "File NIL return",
    periodRefused: (reason?: string) => `KRA has no period to file for this obligation.${reason ? ` ${reason}` : ""}`,
    filed: (name: string, period: string, ack: string) => `NIL return for ${name} (${period}) filed.\nAcknowledgement number: ${ack}`,
    filingRefused: (reason?: string) => `KRA did not accept the return.${reason ? ` ${reason}` : ""}`,
    owedLine: (name: string, amount: string) => `${name}: KES ${amount}`,
    owedTotal: (amount: string) => `Total owed: KES ${amount}`,
    owedNone: "You owe nothing on your obligations.",
    owedUnknown: (name: string) => `${name}: not available now`,
    summaryPin: (pin: string, name: string) => `PIN check: ${pin} is ${name}.`,
    summaryPinNone: (pin: string) => `PIN check: no taxpayer for ${pin}.`,
    summaryFiled: (ack: string) => `NIL return filed. Acknowledgement number: ${ack}.`,
    summaryOwed: (amount: string) => `What you owe KRA: KES ${amount}.`,
  },
  sw: {
    otpIntro: (masked: string) => `Tumetuma nambari ya SMS kwa ${masked}. Iweke ili kuendelea.`,
    otpLabel: "Nambari ya SMS", otpWrong: "Nambari hiyo si sahihi. Jaribu tena.", submit: "Endelea", done: "Maliza",
    notRegistered: "Nambari hii haijasajiliwa na KRA. Fungua kiungo ili kujisajili kwenye wavuti.", signUp: "Jisajili kwenye wavuti",
    invalid: "Baadhi ya sehemu hazipo au si sahihi.",
    pinIntro: "Weka PIN ya KRA unayotaka kukagua.", pinLabel: "PIN ya KRA",
    pinFound: (pin: string, name: string, station: string) => `PIN ${pin} ni ya ${name}.${station ? `\nKituo: ${station}` : ""}`,
    pinNotFound: (pin: string, reason?: string) => `Hakuna mlipa kodi aliyepatikana kwa PIN ${pin}.${reason ? ` ${reason}` : ""}`,
    obligationIntro: "Chagua wajibu wa kodi wa kuwasilisha ritani ya NIL.", obligationLabel: "Wajibu wa kodi",
    noObligations: "Huna wajibu wa kodi unaoweza kuwasilishiwa ritani ya NIL hapa.",
    confirm: (name: string, period: string) => `Uwasilishe ritani ya NIL ya ${name}, kipindi ${period}?`, file: "Wasilisha ritani ya NIL",
    periodRefused: (reason?: string) => `KRA haina kipindi cha kuwasilisha kwa wajibu huu.${reason ? ` ${reason}` : ""}`,
    filed: (name: string, period: string, ack: string) => `Ritani ya NIL ya ${name} (${period}) imewasilishwa.\nNambari ya uthibitisho: ${ack}`,
    filingRefused: (reason?: string) => `KRA haikukubali ritani.${reason ? ` ${reason}` : ""}`,
    owedLine: (name: string, amount: string) => `${name}: KES ${amount}`,
    owedTotal: (amount: string) => `Jumla unayodaiwa: KES ${amount}`,
    owedNone: "Hudaiwi chochote kwa wajibu wako wa kodi.",
    owedUnknown: (name: string) => `${name}: haipatikani sasa`,
    summaryPin: (pin: string, name: string) => `Ukaguzi wa PIN: ${pin} ni ${name}.`,
    summaryPinNone: (pin: string) => `Ukaguzi wa PIN: hakuna mlipa kodi kwa ${pin}.`,
    summaryFiled: (ack: string) => `Ritani ya NIL imewasilishwa. Nambari ya uthibitisho: ${ack}.`,
    summaryOwed: (amount: string) => `Unachodaiwa na KRA: KES ${amount}.`,
  },
} satisfies Record<Language, unknown>;

export type FlowText = (typeof FLOW_TEXT)["en"];

export const formatKes = (amount: number) =>
  amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
