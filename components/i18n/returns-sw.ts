import type { ReturnsKey } from "./returns-en";

// Kiswahili for the returns and payments pages. Every key of returns-en.ts.
export const returnsSw: Record<ReturnsKey, string> = {
  "returns.noPin": "Hatuna PIN ya KRA ya nambari hii, kwa hivyo ritani na malipo haviwezi kufanywa hapa bado. Tafadhali jisajili kupata PIN ya KRA kwanza.",
  "returns.none": "KRA haionyeshi majukumu yoyote kwako.",
  "returns.itr": "Wasilisha ritani yangu ya kodi ya mapato (ajira)",
};
