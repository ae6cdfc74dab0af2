import { setResponseHeaders, setResponseStatus, type H3Event } from "h3";
import { ENTRY_SWITCH_TEXT } from "../shared/entry-switch";
import type { Language } from "../shared/language";
import { getRequestLanguage } from "./respond";

/** A live session for another number met a valid link: what the page asks about. */
export interface SwitchQuestion {
  /** Both masked (`2547******01`). */
  current: string;
  next: string;
  /** Where the live session is (`/` or `/otp`). */
  stayAt: string;
  /** The link's fields, posted again (with `switch=1`) if the user chooses the new number. */
  fields: Record<string, string | undefined>;
}

// The app's look in a few hundred bytes (components/app.css): bar, card, buttons; system fonts, 360 px first.
const STYLE = "body{margin:0;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1b1b1b;background:#f4f5f7;line-height:1.45}"
  + "header{padding:8px 12px;background:#c8102e;color:#fff}header h1{font-size:1rem;margin:0;line-height:44px}"
  + "main{max-width:34rem;margin:0 auto;padding:12px}h2{font-size:1.25rem;margin:0 0 8px}"
  + "form,.card{background:#fff;border-radius:12px;padding:16px;border:1px solid #d5d8dc}p{margin:0 0 10px}"
  + ".btn{display:flex;align-items:center;justify-content:center;box-sizing:border-box;min-height:44px;padding:10px 16px;border-radius:8px;"
  + "border:1px solid #c8102e;background:#c8102e;color:#fff;font:inherit;font-weight:600;text-decoration:none;width:100%;margin-top:12px}"
  + ".btn.secondary{background:#fff;color:#c8102e}";
// No script at all (script-src falls back to 'none'); connect-src as on every page of the app.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * 409 and the question, rendered here so it needs no script and no second request: nothing has
 * changed yet. "Continue as …" posts the link again with `switch=1`; "Stay as …" goes back to
 * the live session. The link's fields are attacker-chosen text: every value is escaped, and the
 * page is never compressed (`no-transform`): it holds those fields beside the live session's
 * number, which an unsigned link (development) could otherwise probe by size (BREACH).
 */
export function sendSwitchPage(event: H3Event, question: SwitchQuestion): string {
  setResponseStatus(event, 409);
  setResponseHeaders(event, { "content-type": "text/html; charset=utf-8", "content-security-policy": PAGE_CSP, "cache-control": "no-store, no-transform" });
  return renderSwitchPage(question, getRequestLanguage(event));
}

function renderSwitchPage(question: SwitchQuestion, language: Language): string {
  const text = ENTRY_SWITCH_TEXT[language];
  const fill = (template: string, values: Record<string, string>) => escapeHtml(template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ""));
  const hidden = Object.entries(question.fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join("");
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">`
    + `<title>${escapeHtml(`${text.title} · ${text.appTitle}`)}</title><style>${STYLE}</style></head>`
    + `<body><header><h1>${escapeHtml(text.appTitle)}</h1></header><main id="main"><h2>${escapeHtml(text.title)}</h2>`
    + `<form method="post" action="/entry">${hidden}<p role="alert">${fill(text.question, { current: question.current, next: question.next })}</p>`
    + `<button class="btn" type="submit" name="switch" value="1">${fill(text.continueAs, { msisdn: question.next })}</button>`
    + `<a class="btn secondary" role="button" href="${escapeHtml(question.stayAt)}">${fill(text.stayAs, { msisdn: question.current })}</a>`
    + `</form></main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
