import type { ReturnsKey } from "./returns-en";

// Kiswahili for the returns and payments pages. Every key of returns-en.ts.
export const returnsSw: Record<ReturnsKey, string> = {
  "obligation.1": "Kodi ya Ongezeko la Thamani (VAT)",
  "obligation.2": "Kodi ya Mapato – Mtu Binafsi Mkazi (ITR)",
  "obligation.7": "Kodi ya Mapato – PAYE",
  "obligation.8": "Kodi ya Mauzo (TOT)",
  "obligation.33": "Kodi ya Mapato ya Kodi ya Nyumba kwa Mwezi (MRI)",
  "obligation.41": "Ushuru wa Nyumba za Bei Nafuu (AHL)",
  "obligation.42": "Ushuru wa NITA",
  "returns.noPin": "Hatuna PIN ya KRA ya nambari hii, kwa hivyo ritani na malipo haviwezi kufanywa hapa bado. Tafadhali jisajili kupata PIN ya KRA kwanza.",
  "returns.none": "KRA haionyeshi majukumu yoyote kwako.",
  "returns.itr": "Wasilisha ritani yangu ya kodi ya mapato (ajira)",
};
