// The phone benchmark's reference (phone-ref.ts) must keep the gateway journey's shape: the same
// requests in the same order, the landing posting itself as components/EntryForm.tsx does.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPhoneReference, SUBMIT_AT_ONCE, type PhoneReference } from "./phone-ref";

const post = (url: string, body: Record<string, string>) =>
  fetch(url, { method: "POST", redirect: "manual", body: new URLSearchParams(body) });

describe("the phone benchmark's reference", () => {
  let twoTrips: PhoneReference;
  let oneTrip: PhoneReference;
  beforeAll(async () => {
    twoTrips = await startPhoneReference({ otpRedirect: true });
    oneTrip = await startPhoneReference({ otpRedirect: false });
  });
  afterAll(async () => {
    await twoTrips.close();
    await oneTrip.close();
  });

  it("runs the landing's own submit script, after a form that also works without it", async () => {
    expect(readFileSync(new URL("../../components/EntryForm.tsx", import.meta.url), "utf8")).toContain(`'${SUBMIT_AT_ONCE}'`);
    const landing = await (await fetch(twoTrips.link("254700000001"))).text();
    expect(landing).toMatch(/<form id="entry" method="post" action="\/entry">.*name="phone" value="254700000001".*<button type="submit">.*<\/form><script>/);
    expect(landing).toContain(`<script>${SUBMIT_AT_ONCE}</script>`);
  });

  it("answers POST /entry with the OTP input itself, and puts /otp in the address bar", async () => {
    const answer = await post(`${twoTrips.origin}/entry`, { phone: "254700000001", js: "1" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("set-cookie")).toContain("SameSite=Strict");
    const page = await answer.text();
    expect(page).toContain('<script>history.replaceState(null,"","/otp")</script>');
    expect(page).toMatch(/<form method="post" action="\/otp">.*<input id="otp" name="otp".*Confirm/);
  });

  it("goes from the code to the greeting in as many round trips as it is told", async () => {
    const redirected = await post(`${twoTrips.origin}/otp`, { otp: "OTPXYZ" });
    expect([redirected.status, redirected.headers.get("location")]).toEqual([303, "/home"]);
    expect(await (await fetch(`${twoTrips.origin}/home`)).text()).toContain("<strong>Hello, Jane</strong>");
    const answered = await post(`${oneTrip.origin}/otp`, { otp: "OTPXYZ" });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toMatch(/<strong>Hello, Jane<\/strong>.*<a href="\/returns">/);
  });

  it("shows the returns list from one JSON fetched by the page's script", async () => {
    const page = await (await fetch(`${twoTrips.origin}/returns`)).text();
    expect(page).toMatch(/<ul data-testid="obligations"><\/ul><script>fetch\("\/api\/obligations"\)/);
    const list = await (await fetch(`${twoTrips.origin}/api/obligations`)).json();
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ name: expect.any(String), due: expect.any(String) })]));
    expect((await fetch(`${twoTrips.origin}/nothing`)).status).toBe(404);
  });
});
