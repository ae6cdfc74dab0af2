import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onNode } from "../support/gateway";
import { startStack, type Stack } from "../support/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

// vinxi mounts the UI on `/**`; server/build/compose.ts must keep the Nitro handlers in front of it.
describe("one server: the Nitro handlers and the UI share the built output", () => {
  it("answers /healthz and /readyz from the Nitro handlers", async () => {
    const health = await fetch(`${stack.gateway.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${stack.gateway.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { config: "ok", store: "ok" } });
  });

  it("answers /session and /api/… with the gateway's JSON, not a UI page", async () => {
    const session = await fetch(`${stack.gateway.url}/session`);
    expect(session.status).toBe(401);
    expect(session.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await session.json()).error).toBe("session_required");
    const api = await fetch(`${stack.gateway.url}/api/buyer-initiated/fetch`);
    expect(api.status).toBe(401);
    expect((await api.json()).error).toBe("session_required");
  });

  it("routes POST /entry to the entry handler", async () => {
    const response = await stack.client().enter({ phone: "not a number" }, { headers: { accept: "application/json" } });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe("invalid_phone");
  });

  // The workerd build is server/ alone: the UI ships only in the node-server output.
  it.runIf(onNode)("renders the UI on /, with a fresh CSP nonce per response on every inline script", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${stack.gateway.url}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('<div id="app">');
      const directives = directivesOf(response.headers.get("content-security-policy"));
      const nonce = /^'self' 'nonce-([A-Za-z0-9_-]{22,})'$/.exec(directives.get("script-src") ?? "")?.[1];
      expect(nonce, directives.get("script-src")).toBeTruthy();
      expect(directives.get("script-src")).toBe(`'self' 'nonce-${nonce}'`);
      expect(directives.get("frame-ancestors")).toBe("'none'");
      const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
      expect(inlineScripts.length).toBeGreaterThan(0);
      for (const [, attributes] of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
      nonces.push(nonce!);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it("sends the security headers on pages and API answers, and no HSTS on an http origin", async () => {
    for (const path of onNode ? ["/", "/api/nope", "/healthz"] : ["/api/nope", "/healthz"]) {
      const response = await fetch(stack.gateway.url + path);
      expectSecurityHeaders(response);
      expect(response.headers.get("strict-transport-security"), path).toBeNull();
    }
  });
});

describe("on an https public origin", () => {
  let https: Stack;
  beforeAll(async () => {
    https = await startStack({ env: { NITRO_PUBLIC_ORIGIN: "https://whatsapp.kra.go.ke" } });
  });
  afterAll(() => https?.stop());

  it("adds HSTS to pages and API answers", async () => {
    for (const path of onNode ? ["/", "/api/nope", "/healthz"] : ["/api/nope", "/healthz"]) {
      const response = await fetch(https.gateway.url + path);
      expectSecurityHeaders(response);
      expect(response.headers.get("strict-transport-security"), path).toBe("max-age=63072000; includeSubDomains");
    }
  });
});

function directivesOf(csp: string | null): Map<string, string> {
  const entries = (csp ?? "").split(";").map((part) => part.trim()).filter(Boolean)
    .map((part) => [part.split(" ")[0], part.split(" ").slice(1).join(" ")] as [string, string]);
  return new Map(entries);
}

function expectSecurityHeaders(response: Response): void {
  const path = new URL(response.url).pathname;
  expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), path).toBe("no-referrer");
  expect(response.headers.get("x-frame-options"), path).toBe("DENY");
  expect(response.headers.get("cross-origin-opener-policy"), path).toBe("same-origin");
  expect(response.headers.get("cross-origin-resource-policy"), path).toBe("same-origin");
  expect(response.headers.get("permissions-policy"), path).toBe("camera=(), microphone=(), geolocation=(), payment=(), usb=()");
  const directives = directivesOf(response.headers.get("content-security-policy"));
  expect(directives.get("frame-ancestors"), path).toBe("'none'");
  expect(directives.get("script-src") ?? directives.get("default-src"), path).not.toMatch(/unsafe|\*/);
  expect(response.headers.get("x-request-id"), path).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
  expect(response.headers.get("x-powered-by"), path).toBeNull();
}
