// The reference contender of bench:phone: the gateway journey's shape (the same requests, in the
// same order, with the same round trips) served by a bare Node `http` server with pages of a few
// hundred bytes, no framework, no store, no upstream. Measured in the same run, with the same
// throttle and the same tap from the chat, it shows what Chromium and the throttled link cost on
// their own: the floor the gateway can be compared with, step by step.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface PhoneReference {
  origin: string;
  /** The chat's link for a number (no signature: nothing here checks one). */
  link(msisdn: string): string;
  close(): Promise<void>;
}

export interface ReferenceShape {
  /** POST /otp answers 303 → GET /home (2 round trips) as the gateway's POST /session/otp, or the home page itself (1). */
  otpRedirect: boolean;
}

const HEAD = '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">';
// As components/EntryForm.tsx: the query leaves the address bar, then the form posts at once.
export const SUBMIT_AT_ONCE = 'history.replaceState(null,"","/");var f=document.getElementById("entry");f.js.value="1";f.submit()';
const RENDER_LIST = 'fetch("/api/obligations").then(function(r){return r.json()}).then(function(items){var ul=document.querySelector("[data-testid=obligations]");'
  + 'items.forEach(function(item){var li=document.createElement("li"),s=document.createElement("strong");s.textContent=item.name;li.append(s," ",item.due);ul.append(li)})})';

const escapeHtml = (value: string) => value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const landing = (phone: string) => `${HEAD}<title>Opening</title><form id="entry" method="post" action="/entry">`
  + `<input type="hidden" name="phone" value="${escapeHtml(phone)}"><input type="hidden" name="js" value="">`
  + `<p>Checking your link.</p><button type="submit">Continue</button></form><script>${SUBMIT_AT_ONCE}</script>`;
const otpPage = (script: string) => `${HEAD}${script}<title>Code</title><form method="post" action="/otp">`
  + '<label for="otp">Code</label><input id="otp" name="otp" autocomplete="one-time-code" required><button type="submit">Confirm</button></form>';
const HOME = `${HEAD}<title>Home</title><p><strong>Hello, Jane</strong></p><ul><li><a href="/returns">Returns</a></li></ul>`;
const RETURNS = `${HEAD}<title>Returns</title><h2>Returns</h2><ul data-testid="obligations"></ul><script>${RENDER_LIST}</script>`;
const OBLIGATIONS = JSON.stringify([{ name: "Income Tax - Resident Individual", due: "2027-06-30" }, { name: "Value Added Tax", due: "2027-01-20" }]);

type Answer = (request: IncomingMessage, response: ServerResponse) => void;

const html = (body: string, headers: Record<string, string> = {}): Answer => (_, response) => {
  response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers }).end(body);
};
const redirect = (location: string): Answer => (_, response) => response.writeHead(303, { location }).end();

function routes(shape: ReferenceShape): Record<string, Answer> {
  const home = html(HOME);
  return {
    "GET /": (request, response) => html(landing(new URL(request.url ?? "/", "http://x").searchParams.get("phone") ?? ""))(request, response),
    "POST /entry": html(otpPage('<script>history.replaceState(null,"","/otp")</script>'), { "set-cookie": "session=ref; Path=/; HttpOnly; SameSite=Strict" }),
    "GET /otp": html(otpPage("")),
    "POST /otp": shape.otpRedirect ? redirect("/home") : home,
    "GET /home": home,
    "GET /returns": html(RETURNS),
    "GET /api/obligations": (_, response) => response.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(OBLIGATIONS),
    "GET /favicon.ico": (_, response) => response.writeHead(204, { "cache-control": "public, max-age=86400" }).end(),
  };
}

/** Starts the reference on 127.0.0.1, named `localhost` as the gateway is, on its own port (its own origin). */
export function startPhoneReference(shape: ReferenceShape): Promise<PhoneReference> {
  const table = routes(shape);
  const server: Server = createServer((request, response) => {
    const answer = table[`${request.method} ${new URL(request.url ?? "/", "http://x").pathname}`];
    // Read (and drop) any request body before answering, as a form handler would.
    request.resume().on("end", () => (answer ? answer(request, response) : response.writeHead(404).end()));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    const origin = `http://localhost:${port}`;
    resolve({
      origin,
      link: (msisdn) => `${origin}/?${new URLSearchParams({ phone: msisdn })}`,
      close: () => new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
    });
  }));
}
