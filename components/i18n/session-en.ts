// English for the session warning shown on every signed-in page (components/SessionWarning.tsx): a
// page of its own catalogue so that a service page does not load the home page's texts with it.
export const sessionEn = {
  "session.warning": "Your session ends at {time}, in about {minutes} min. Write down any invoice number, acknowledgement or PRN you still need.",
  "session.stay": "Stay signed in",
  "session.cannotExtend": "This session has reached its longest time and cannot be extended. When it ends, ask KRA's WhatsApp chat for a new link.",
};

export type SessionKey = keyof typeof sessionEn;
