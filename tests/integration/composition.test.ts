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
  it.runIf(onNode)("renders the UI on /, with a CSP nonce on every inline script", async () => {
    const response = await fetch(`${stack.gateway.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<div id="app">');
    const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const [, attributes] of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  it("sends the security headers on pages and API answers", async () => {
    for (const path of onNode ? ["/", "/api/nope", "/healthz"] : ["/api/nope", "/healthz"]) {
      const response = await fetch(stack.gateway.url + path);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
      expect(response.headers.get("x-powered-by")).toBeNull();
    }
  });
});
