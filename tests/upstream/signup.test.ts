import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNUP_NUMBERS, SIGNUP_PEOPLE, startSimulatedUpstream, type SimulatedUpstream } from "./index";

// The simulator's sign-up and PIN routes (UPSTREAM.md §3.4, §3.5, §7.10), no Bearer needed.
const [ONE, TWO, THREE, , NO_PIN, RESIDENT] = SIGNUP_PEOPLE;
let up: SimulatedUpstream;
const post = async (path: string, body: unknown) => {
  const response = await fetch(`${up.identityBaseUrl}${path}`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
};

beforeAll(async () => {
  up = await startSimulatedUpstream();
});
afterAll(() => up.close());

describe("simulated sign-up and PIN services", () => {
  it("id-lookup answers name, yob, pin and has_vat; residents only as aliens; 422 code 4 otherwise", async () => {
    expect(await post("/id-lookup", { id_number: ONE.idNumber, msisdn: "254711000009" })).toEqual({
      status: 200,
      json: { code: 3, message: "Valid ID Number", id_number: ONE.idNumber, name: ONE.name, yob: ONE.yob, pin: ONE.pin, has_vat: false },
    });
    expect((await post("/id-lookup", { id_number: RESIDENT.idNumber, type: "citizen" })).status).toBe(422);
    expect((await post("/id-lookup", { id_number: RESIDENT.idNumber, type: "alien" })).json.name).toBe(RESIDENT.name);
    expect(await post("/id-lookup", { id_number: "99" })).toEqual({ status: 422, json: { code: 4, message: "Invalid ID Number" } });
  });

  it("register-tax-payer: 22 and \"etims inactive\" per number, else 5, after which /init knows the number", async () => {
    expect((await post("/register-tax-payer", { id_number: TWO.idNumber, msisdn: SIGNUP_NUMBERS.inProgress })).json.code).toBe(22);
    expect((await post("/init", { msisdn: SIGNUP_NUMBERS.inProgress })).json.code).toBe(0);
    const inactive = await post("/register-tax-payer", { id_number: THREE.idNumber, msisdn: SIGNUP_NUMBERS.etimsInactive });
    expect(inactive.json.message).toMatch(/etims inactive/i);
    expect(await post("/register-tax-payer", { id_number: ONE.idNumber, msisdn: SIGNUP_NUMBERS.done })).toEqual({
      status: 200, json: { code: 5, message: "Registration Successful" },
    });
    expect((await post("/init", { msisdn: SIGNUP_NUMBERS.done })).json).toMatchObject({ code: 1, name: ONE.name });
  });

  it("pin-registration issues a PIN and a receipt once; id-lookup then shows it", async () => {
    const body = { type: "citizen", email: "a@example.com", msisdn: "254711000009", id_number: NO_PIN.idNumber };
    const first = await post("/pin-registration", body);
    expect(first.status).toBe(200);
    expect(first.json.pin).toMatch(/^A5\d{8}P$/);
    expect(first.json.receipt_number).toMatch(/^KRA2026\d{8}$/);
    expect((await post("/id-lookup", { id_number: NO_PIN.idNumber })).json.pin).toBe(first.json.pin);
    expect((await post("/pin-registration", body)).status).toBe(422);
    expect((await post("/pin-registration", { ...body, id_number: RESIDENT.idNumber })).status).toBe(422);
  });
});
