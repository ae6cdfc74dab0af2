import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTHER_PARTIES, TEST_TAXPAYERS, type Fault } from "../upstream";
import { adminCall, adminEnv, adminReady } from "../support/admin";
import { OTP, startStack, type Stack } from "../support/stack";

// The audit trail: one `"type":"audit"` line per security event in the log stream, each with the
// masked number, an HMAC of it, the request id and the client address, and nothing a log must not hold.
const [ONE, TWO, THREE] = TEST_TAXPAYERS;
const json = { headers: { accept: "application/json" } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let stack: Stack;
let admin: Awaited<ReturnType<typeof adminEnv>>;

const auditLines = () => stack.gateway.logLines().filter((line) => line.type === "audit");
const eventsOf = (event: string) => auditLines().filter((line) => line.event === event);

beforeAll(async () => {
  admin = await adminEnv();
  stack = await startStack({
    env: {
      ...admin, NITRO_SESSION_IDLE_SECONDS: "5", NITRO_SESSION_ABSOLUTE_SECONDS: "7", NITRO_RATE_LIMIT_LOOKUP_SESSION: "1/60",
      NITRO_PAUSED_SERVICES: "payments",
    },
  });
  await adminReady(stack.gateway);
});
afterAll(() => stack?.stop());

describe("the audit trail", () => {
  it("records every security event type, and no line holds a number, token, OTP, PIN, ID or secret", async () => {
    const idle = await stack.signIn(ONE.msisdn); // entry accepted, OTP sent, session created, OTP right, rotated
    const absolute = await stack.signIn(TWO.msisdn);
    const keepAlive = setInterval(() => void absolute.get("/session", json), 900);

    const wrong = stack.client();
    await wrong.enter(await stack.signedLink(THREE.msisdn));
    expect((await wrong.submitOtp("WRONG1", json)).status).toBe(400);
    expect((await stack.client().enter({ ...(await stack.signedLink(THREE.msisdn)), sig: "A".repeat(43) }, json)).status).toBe(403);

    const lookups = await stack.signIn(THREE.msisdn);
    const lookup = { json: { pin_or_id: OTHER_PARTIES[0].pin } };
    await lookups.api("POST", "/buyer-initiated/lookup", lookup);
    expect((await lookups.api("POST", "/buyer-initiated/lookup", lookup)).status).toBe(429);
    expect((await lookups.api("POST", "/generate-prn", { json: {} })).status).toBe(503); // NITRO_PAUSED_SERVICES

    stack.upstream.addFault({ fault: { kind: "unauthorized" }, times: 1 });
    expect((await lookups.api("GET", "/buyer-initiated/fetch")).status).toBe(401);
    const leaving = await stack.signIn(THREE.msisdn);
    await leaving.post("/session/logout");
    await stack.signIn(THREE.msisdn);
    expect(await (await adminCall(admin, "POST", "/admin/sessions/revoke", { msisdn: THREE.msisdn })).json()).toEqual({ revoked: 2 }); // the last sign-in and the pending one with a wrong code
    await adminCall(admin, "POST", "/admin/services", { pause: ["checkers"] });
    await adminCall(admin, "POST", "/admin/services", { resume: ["checkers", "payments"] });
    expect((await adminCall(admin, "POST", "/admin/services", { paused: [] }, "wrong")).status).toBe(401);

    await sleep(7_500);
    clearInterval(keepAlive);
    expect((await idle.get("/session", json)).status).toBe(401);
    expect((await absolute.get("/session", json)).status).toBe(401);
    await sleep(100);

    for (const event of [
      "entry.accepted", "entry.refused", "otp.sent", "otp.right", "otp.wrong", "session.created", "session.rotated",
      "session.ended", "session.revoked", "rate_limit.hit", "service.paused", "service.resumed", "admin.call",
    ]) expect(eventsOf(event).length, event).toBeGreaterThan(0);
    const ended = new Set(eventsOf("session.ended").map((line) => line.reason));
    for (const reason of ["logout", "idle", "absolute", "upstream_401"]) expect(ended, reason).toContain(reason);
    expect(eventsOf("entry.refused").map((line) => line.reason)).toContain("link_invalid");
    expect(eventsOf("rate_limit.hit")[0]).toMatchObject({ limit: "lookupSession" });
    expect(eventsOf("service.resumed").map((line) => line.service).sort()).toEqual(["checkers", "payments"]);
    expect(eventsOf("admin.call").map((line) => line.status)).toContain(401);

    const revoked = eventsOf("session.revoked")[0];
    expect(revoked).toMatchObject({ msisdn: "2547******03", count: 2 });
    const trail = auditLines().filter((line) => line.subject === revoked.subject).map((line) => line.event);
    expect(trail).toEqual(expect.arrayContaining(["entry.accepted", "otp.sent", "session.created", "rate_limit.hit", "session.revoked"]));
    for (const line of eventsOf("session.created")) {
      expect(line).toMatchObject({ msisdn: expect.stringMatching(/^2547\*{6}\d\d$/), subject: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
      expect(line.requestId).toEqual(expect.any(String));
      expect(line.client).toMatch(/127\.0\.0\.1|::1/);
    }

    const text = stack.gateway.output.join("\n");
    const forbidden = [
      ...TEST_TAXPAYERS.flatMap((taxpayer) => [taxpayer.msisdn, taxpayer.pin, taxpayer.idNumber]),
      ...OTHER_PARTIES.flatMap((party) => [party.pin, party.idNumber]),
      ...stack.upstream.tokensIssued(), OTP, "WRONG1", admin.NITRO_ADMIN_TOKEN, stack.apiKey, stack.linkSecret,
      ...[idle, absolute, lookups, leaving].map((client) => client.sessionId).filter((id): id is string => Boolean(id)),
    ];
    for (const secret of forbidden) expect(text, "a log line holds a secret or a number").not.toContain(secret);
  }, 30_000);

  it("counts the same events in the metrics (bounded labels), with the upstream's failures by kind", async () => {
    const caller = await stack.signIn(TWO.msisdn);
    const faults: Fault[] = [
      { kind: "html503" }, { kind: "phoenix500" }, { kind: "reset" },
      { kind: "status", status: 200, body: "<html>maintenance</html>", headers: { "content-type": "text/html" } },
    ];
    for (const fault of faults) {
      stack.upstream.addFault({ fault, path: /buyer-initiated\/fetch/, times: 1 });
      expect((await caller.api("GET", "/buyer-initiated/fetch")).status).toBe(502);
    }
    const text = await (await adminCall(admin, "GET", "/metrics")).text();
    expect(text).toMatch(/^gateway_upstream_failures_total\{rule="buyer-initiated.list",kind="5xx"\} 2$/m);
    expect(text).toMatch(/^gateway_upstream_failures_total\{rule="buyer-initiated.list",kind="reset"\} 1$/m);
    expect(text).toMatch(/^gateway_upstream_failures_total\{rule="buyer-initiated.list",kind="html"\} 1$/m);
    expect(text).toMatch(/^gateway_rate_limited_total\{limit="lookupSession"\} 1$/m);
    expect(text).toMatch(/^gateway_upstream_failures_total\{rule="buyer-initiated.list",kind="unauthorized"\} 1$/m);
    expect(text).toMatch(/^gateway_otp_checks_total\{outcome="wrong"\} 1$/m);
    expect(text).toMatch(/^gateway_requests_total\{route="payments.prn",status="503"\} 1$/m);
    expect(text).toMatch(/^gateway_sessions_created_total\{mode="otp"\} \d+$/m);
    for (const taxpayer of TEST_TAXPAYERS) expect(text).not.toContain(taxpayer.msisdn);
    if (process.env.METRICS_SAMPLE) writeFileSync(process.env.METRICS_SAMPLE, text); // for a release note
  });
});
