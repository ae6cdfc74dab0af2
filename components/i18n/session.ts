import { useCatalogText } from "./catalog";
import { sessionEn, type SessionKey } from "./session-en";
import { sessionSw } from "./session-sw";

/** The session warning's text (components/i18n/session-*.ts) over the app's own. */
export const useSessionText = () => useCatalogText<SessionKey>({ en: sessionEn, sw: sessionSw });
