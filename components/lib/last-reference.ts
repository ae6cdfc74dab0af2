// The last reference a journey obtained (an invoice number, an acknowledgement, a PRN...), kept in
// this browser's localStorage so the "session ended" page can still show it. Only the reference
// itself and what kind it is: never a token, a name, a PIN, a phone number or a document link.

export type ReferenceKind = "invoice" | "creditNote" | "buyerInvoice" | "acknowledgement" | "prn" | "tcc";
export interface LastReference { kind: ReferenceKind; value: string; savedAt: number }

const KEY = "kra-last-reference";
const KINDS = new Set<ReferenceKind>(["invoice", "creditNote", "buyerInvoice", "acknowledgement", "prn", "tcc"]);
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/-]{0,59}$/;
/** A day: long enough to reopen the chat and come back, short enough not to linger on a shared phone. */
const KEEP_MS = 24 * 60 * 60 * 1000;

export function keepReference(kind: ReferenceKind, value: string | undefined): void {
  if (!value || !REFERENCE.test(value)) return;
  try {
    localStorage.setItem(KEY, JSON.stringify({ kind, value, savedAt: Date.now() } satisfies LastReference));
  } catch {
    // Storage off (private mode, a WebView without it): the page still showed the reference.
  }
}

export function readReference(now = Date.now()): LastReference | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "null") as Partial<LastReference> | null;
    if (!stored || !KINDS.has(stored.kind as ReferenceKind) || typeof stored.value !== "string" || !REFERENCE.test(stored.value)) return undefined;
    if (typeof stored.savedAt !== "number" || now - stored.savedAt > KEEP_MS) return forgetReference(), undefined;
    return { kind: stored.kind as ReferenceKind, value: stored.value, savedAt: stored.savedAt };
  } catch {
    return undefined;
  }
}

export function forgetReference(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}
