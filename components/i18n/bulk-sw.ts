import type { BulkKey } from "./bulk-en";

// Kiswahili for deciding several buyer-initiated invoices at once (same keys as bulk-en.ts).
export const bulkSw: Record<BulkKey, string> = {
  "bulk.select": "Chagua {invoice}",
  "bulk.selectAll": "Chagua zote zinazosubiri idhini",
  "bulk.selected": "{count} zimechaguliwa",
  "bulk.accept": "Kubali zilizochaguliwa",
  "bulk.reject": "Kataa zilizochaguliwa",
  "bulk.progress": "Inashughulikia {done} kati ya {total}…",
  "bulk.summary": "{ok} kati ya {total} zimekamilika.",
  "bulk.done": "{invoice}: imekamilika",
  "bulk.failed": "{invoice}: haijakamilika. {reason}",
  "bulk.confirmAccept": "Ukubali ankara {count} zilizochaguliwa? Hili haliwezi kutenduliwa.",
  "bulk.confirmReject": "Ukatae ankara {count} zilizochaguliwa? Hili haliwezi kutenduliwa.",
  "bulk.yesAccept": "Ndiyo, zikubali",
  "bulk.yesReject": "Ndiyo, zikatae",
  "bulk.notNow": "Hapana, rudi",
};
