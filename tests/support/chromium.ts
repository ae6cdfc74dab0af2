// Debian's Chromium as the taxpayer's phone, for the browser tests (tests/browser/support.ts) and the
// phone benchmark (tests/bench/phone.ts): no vitest here.
import { createServer, type Server } from "node:http";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const ANDROID_WEBVIEW_UA =
  "Mozilla/5.0 (Linux; Android 10; K; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/156.0.0.0 Mobile Safari/537.36 WhatsApp/2.24.1";

/** Debian's Chromium (browser downloads do not work here), headless, with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A cheap Android phone's WhatsApp in-app browser: 360×640, touch, WebView user agent. */
export function newPhone(browser: Browser, options: { locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: ANDROID_WEBVIEW_UA,
    locale: options.locale ?? "en-KE",
    acceptDownloads: true,
  });
}

/** Serves one page on 127.0.0.1 (another site than the gateway's localhost), as WhatsApp's chat would link from. */
export function serveLinkPage(link: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><meta name="viewport" content="width=device-width"><title>Chat</title><a id="link" href="${link.replace(/&/g, "&amp;")}">Open KRA eTIMS</a>`;
  const server: Server = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) });
  }));
}
