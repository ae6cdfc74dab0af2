// English for deciding several buyer-initiated invoices at once (the seller's list only).
export const bulkEn = {
  "bulk.select": "Select {invoice}",
  "bulk.selectAll": "Select all awaiting approval",
  "bulk.selected": "{count} selected",
  "bulk.accept": "Accept selected",
  "bulk.reject": "Reject selected",
  "bulk.progress": "Working on {done} of {total}…",
  "bulk.summary": "{ok} of {total} done.",
  "bulk.done": "{invoice}: done",
  "bulk.failed": "{invoice}: not done. {reason}",
  "bulk.confirmAccept": "Accept the {count} selected invoices? This cannot be undone.",
  "bulk.confirmReject": "Reject the {count} selected invoices? This cannot be undone.",
  "bulk.yesAccept": "Yes, accept them",
  "bulk.yesReject": "Yes, reject them",
  "bulk.notNow": "No, go back",
} as const;

export type BulkKey = keyof typeof bulkEn;
