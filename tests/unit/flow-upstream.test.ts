import { randomBytes } from "node:crypto";
import { createServer, IncomingMessage, ServerResponse, type Server } from "node:http";
import { Socket } from "node:net";
import { createEvent } from "h3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFlowRule } from "../../server/features/flows/upstream";
import { initGateway } from "../../server/utils/gateway";
import type { Session, SessionRecord } from "../../server/utils/session";

// A Flow reaches the upstream only for a signed-in session, as a browser's `/api/…` call does (requireSession):
// its session is checked by callFlowRule itself, not taken on trust from the Flow's step.
const MSISDN = "254700000001";
let upstream: Server;
let calls = 0;

beforeAll(async () => {
  upstream = createServer((_req, res) => {
    calls++;
    res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const { port } = upstream.address() as { port: number };
  initGateway({}, {
    NITRO_IDENTITY_BASE_URL: `http://127.0.0.1:${port}/api`, NITRO_UPSTREAM_BASE_URL: `http://127.0.0.1:${port}/api/ussd`,
    NITRO_UPSTREAM_API_KEY: randomBytes(16).toString("hex"), NITRO_ENTRY_LINK_SECRET: randomBytes(32).toString("hex"),
    NITRO_PUBLIC_ORIGIN: "https://whatsapp.kra.go.ke", NITRO_SESSION_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  });
});
afterAll(() => new Promise((resolve) => upstream.close(resolve)));

function flowEvent() {
  const req = new IncomingMessage(new Socket());
  Object.assign(req, { method: "POST", url: "/whatsapp/flows", headers: { "if-none-match": "\"etag\"" } });
  return createEvent(req, new ServerResponse(req));
}

function session(changes: Partial<SessionRecord>): Session {
  const now = Date.now();
  const record = { msisdn: MSISDN, name: "TEST TAXPAYER ONE", pin: "A000000001A", createdAt: now, lastSeenAt: now, ...changes } as SessionRecord;
  return { key: randomBytes(16).toString("hex"), record };
}

const codeOf = (call: Promise<unknown>) => call.then(() => "answered", (error: { data?: { code?: string } }) => error.data?.code ?? String(error));
const pinCheck = (of: Session) => codeOf(callFlowRule(flowEvent(), of, "checkers.pin", { query: { pin_number: "A000000003C" } }));

describe("callFlowRule's session check", () => {
  it("refuses a session still waiting for its SMS code, or one without a token, and asks the upstream nothing", async () => {
    expect(await pinCheck(session({ state: "pending_otp" }))).toBe("session_required");
    expect(await pinCheck(session({ state: "active" }))).toBe("session_required");
    expect(calls).toBe(0);
  });

  it("lets a signed-in session with its token through to the upstream", async () => {
    expect(await pinCheck(session({ state: "active", token: "upstream-token" }))).not.toBe("session_required");
    expect(calls).toBe(1);
  });
});
