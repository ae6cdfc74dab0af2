// eTIMS documents (PDFs) by the gateway's path: the eTIMS pages' own, not in the calls' code every signed-in page
// loads first (components/lib/gateway-api.ts, issue 22's budgets).

/** The gateway's PDF path for an upstream document URL: its pathname under /api. */
export function documentPath(url: string | undefined): string | undefined {
  const parts = documentParts(url);
  return parts && `/api/public/etims/invoice/${parts.invoice}/${parts.key}`;
}

/** An eTIMS document URL's invoice and key (what "send to my WhatsApp" names), or undefined. */
export function documentParts(url: string | undefined): { invoice: string; key: string } | undefined {
  if (!url) return undefined;
  try {
    const match = /^\/public\/etims\/invoice\/([A-Z0-9]+)\/([A-Za-z0-9]+)$/.exec(new URL(url).pathname);
    return match ? { invoice: match[1], key: match[2] } : undefined;
  } catch {
    return undefined;
  }
}
