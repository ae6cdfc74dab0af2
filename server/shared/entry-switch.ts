// The "Continue as …?" page's text: POST /entry renders it on the server (no script needed).
import type { Language } from "./language";

export interface EntrySwitchText {
  appTitle: string;
  title: string;
  question: string;
  continueAs: string;
  stayAs: string;
}

export const ENTRY_SWITCH_TEXT: Record<Language, EntrySwitchText> = {
  en: {
    appTitle: "KRA eTIMS on WhatsApp",
    title: "Opening your KRA session",
    question: "You are signed in as {current}. Continue as {next}?",
    continueAs: "Continue as {msisdn}",
    stayAs: "Stay as {msisdn}",
  },
  sw: {
    appTitle: "KRA eTIMS kwenye WhatsApp",
    title: "Tunafungua kikao chako cha KRA",
    question: "Umeingia kama {current}. Uendelee kama {next}?",
    continueAs: "Endelea kama {msisdn}",
    stayAs: "Baki kama {msisdn}",
  },
};
