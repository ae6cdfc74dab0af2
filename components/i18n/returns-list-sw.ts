import type { ReturnsListKey } from "./returns-list-en";

// Kiswahili for returns-list-en.ts (same keys).
export const returnsListSw: Record<ReturnsListKey, string> = {
  "returns.title": "Ritani na malipo",
  "nil.title": "Wasilisha ritani ya NIL",
  "tot.title": "Kodi ya Mauzo (TOT)",
  "mri.title": "Mapato ya Kodi ya Nyumba ya Kila Mwezi (MRI)",
  "owe.title": "Ninachodaiwa",
  "eslip.title": "Lipa PRN (eSlip)",
  "levy.title": "Lipa Ushuru wa Nyumba au NITA",
  "returns.obligations": "Majukumu yako ya kodi",
  "returns.canNil": "ritani ya NIL",
  "returns.canTot": "Kodi ya Mauzo",
  "returns.canMri": "mapato ya kodi ya nyumba",
  "nil.hint": "Kwa kipindi kisicho na mapato ya kutangaza",
  "returns.itrHint": "Kwa mshahara: takwimu za KRA kutoka kwa waajiri wako, mwisho 30 Juni",
  "tot.hint": "Tangaza mauzo ghafi, wasilisha na ulipe",
  "mri.hint": "Tangaza kodi ya nyumba uliyopokea, wasilisha na ulipe",
  "owe.hint": "Kodi ambayo haijalipwa kwa kila jukumu, na ulipe moja",
  "eslip.hint": "Lipa nambari ya usajili wa malipo kwa M-Pesa",
  "levy.hint": "Ushuru wa Nyumba za Bei Nafuu au ushuru wa NITA kwa mwezi",
};
