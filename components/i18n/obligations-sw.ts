import type { ObligationKey } from "./obligations-en";

// Kiswahili for obligations-en.ts (same keys).
export const obligationsSw: Record<ObligationKey, string> = {
  "obligation.1": "Kodi ya Ongezeko la Thamani (VAT)",
  "obligation.2": "Kodi ya Mapato – Mtu Binafsi Mkazi (ITR)",
  "obligation.7": "Kodi ya Mapato – PAYE",
  "obligation.8": "Kodi ya Mauzo (TOT)",
  "obligation.33": "Kodi ya Mapato ya Kodi ya Nyumba kwa Mwezi (MRI)",
  "obligation.41": "Ushuru wa Nyumba za Bei Nafuu (AHL)",
  "obligation.42": "Ushuru wa NITA",
};
