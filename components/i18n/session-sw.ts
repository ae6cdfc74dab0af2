import type { SessionKey } from "./session-en";

// Kiswahili for the session warning (same keys as session-en.ts).
export const sessionSw: Record<SessionKey, string> = {
  "session.warning": "Kikao chako kinaisha saa {time}, baada ya takriban dakika {minutes}. Andika sasa nambari yoyote ya ankara, uthibitisho au PRN unayohitaji.",
  "session.stay": "Endeleza kikao",
  "session.cannotExtend": "Kikao hiki kimefika muda wake mrefu zaidi na hakiwezi kuongezwa. Kikiisha, omba kiungo kipya kwenye mazungumzo ya WhatsApp ya KRA.",
};
