import { ERROR_CATALOG, type ErrorCode } from "../shared/error-codes";
import type { Language } from "../shared/language";

const TITLES: Record<Language, string> = { en: "We could not continue", sw: "Hatukuweza kuendelea" };
const REFERENCE: Record<Language, string> = { en: "Reference", sw: "Kumbukumbu" };

const STYLE = "body{font-family:system-ui,sans-serif;margin:0;padding:24px 16px;color:#1b1b1b;background:#f6f7f9}"
  + "main{max-width:28rem;margin:auto;background:#fff;border-radius:12px;padding:20px;border-top:6px solid #c8102e}"
  + "h1{font-size:1.25rem}small{color:#555}";
// base64 SHA-256 of STYLE, so the page's own CSP allows exactly this style and nothing else.
// Change STYLE and this together (tests/integration/refusal-page.test.ts recomputes it from the served page).
const STYLE_SHA256 = "ZEWi+OHhUMWOv9bv7FLg7bPlsf7ZlBbl/DXnsUjBEsg=";

/** The refusal page's policy: no script, no fetch, no form; only its one inline style. */
export const ERROR_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_SHA256}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** A small self-contained page for refusals of plain form posts: no script, system fonts, readable at 360 px. */
export function renderErrorPage(code: ErrorCode, language: Language, requestId: string | undefined): string {
  const message = ERROR_CATALOG[code][language];
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${TITLES[language]}</title>`
    + `<style>${STYLE}</style></head><body><main role="alert">`
    + `<h1>${TITLES[language]}</h1><p>${message}</p>`
    + (requestId ? `<p><small>${REFERENCE[language]}: ${escapeHtml(requestId)}</small></p>` : "")
    + `</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
