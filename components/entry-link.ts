import { maskMsisdn } from "../server/shared/mask";

/**
 * The link's number, masked for display (`2547******02`), or null. Presentation
 * only: the gateway normalises numbers itself and decides at POST /entry.
 */
export function maskedLinkNumber(phone: string | undefined): string | null {
  const digits = (phone ?? "").replace(/[^\d]/g, "");
  const national = /^0?([17]\d{8})$/.exec(digits)?.[1] ?? /^254([17]\d{8})$/.exec(digits)?.[1];
  return national ? maskMsisdn(`254${national}`) : null;
}
