import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNUP_NUMBERS, SIGNUP_PEOPLE } from "../upstream";
import type { GatewayClient } from "../support/client";
import { onNode, RUNTIME } from "../support/gateway";
import { startRedisServer, type RedisServer } from "../support/redis-server";
import { OTP, startStack, type Stack } from "../support/stack";

// Issue 18, item 1: every budget that guards a disclosure is reserved before `id-lookup`, so parallel
// requests cannot outrun it. The reproduction: three phone_verified numbers, id-lookup answering in
// 200 ms, 30 parallel guesses for one ID. On the memory store and the Durable Object (this file runs on
// Node and on workerd) and on Redis (Node).
const [SELLER_ONE, SELLER_TWO, SELLER_THREE, , NO_PIN] = SIGNUP_PEOPLE;
const json = { headers: { accept: "application/json" } };
const PARALLEL = 30;
const MISMATCH_LIMIT = 5;
const SLOW_LOOKUP = { fault: { kind: "slow", delayMs: 200 }, path: "/api/ussd/id-lookup" } as const;

interface RaceRoute {
  path: string;
  person: (typeof SIGNUP_PEOPLE)[number];
  fields: (yob: number, idNumber: string) => Record<string, unknown>;
  phones: string[];
}

const routes = (prefix: string): RaceRoute[] => [
  {
    path: "/session/pin/retrieve", person: SELLER_THREE, phones: [`${prefix}01`, `${prefix}02`, `${prefix}03`],
    fields: (yob, idNumber) => ({ id_number: idNumber, yob }),
  },
  {
    path: "/session/signup/etims", person: SELLER_TWO, phones: [`${prefix}11`, `${prefix}12`, `${prefix}13`],
    fields: (yob, idNumber) => ({ id_number: idNumber, yob }),
  },
  {
    path: "/session/pin/applicant", person: NO_PIN, phones: [`${prefix}21`, `${prefix}22`, `${prefix}23`],
    fields: (yob, idNumber) => ({ id_number: idNumber, yob, first_name: "Amina", type: "citizen" }),
  },
];

function raceSuite(store: string, prefix: string, storeEnv: () => Record<string, string>) {
  describe(`on the ${store} store`, () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({
        env: {
          ...storeEnv(),
          NITRO_RATE_LIMIT_IDENTITY_MISMATCH_ID: `${MISMATCH_LIMIT}/86400`,
          NITRO_RATE_LIMIT_PIN_SHOW_MSISDN: "3/86400",
          NITRO_RATE_LIMIT_PIN_SHOW_ID: "3/86400",
          NITRO_RATE_LIMIT_ETIMS_ENROLMENT_MSISDN: "1/2592000",
          NITRO_IDENTITY_TIMEOUT_MS: "5000",
        },
      });
    });
    afterAll(() => stack?.stop());

    async function verifyPhone(msisdn: string): Promise<GatewayClient> {
      const client = stack.client();
      expect((await client.enter(await stack.signedLink(msisdn))).status).toBe(303);
      expect((await client.submitOtp(OTP)).status).toBe(303);
      return client;
    }

    const lookupsFor = (idNumber: string) =>
      stack.upstream.receivedOn("/api/ussd/id-lookup").filter((request) => JSON.parse(request.body).id_number === idNumber);

    const enrolments = () => stack.upstream.receivedOn("/api/ussd/register-tax-payer");
    const errorOf = async (response: Response) => ((await response.json()) as { error?: string }).error;

    // Issue 18 review, I2: register-tax-payer links the phone to the matched person's PIN; one per number.
    // (Before the race below, which locks these IDs.)
    it("three people enrolled for eTIMS at once from one number, register-tax-payer slow: one reaches it, two are 409 registration_limit", async () => {
      const sessions = await Promise.all([`${prefix}31`, `${prefix}31`, `${prefix}31`].map(verifyPhone));
      stack.upstream.clearReceived();
      stack.upstream.addFault({ fault: { kind: "slow", delayMs: 300 }, path: "/api/ussd/register-tax-payer" });
      const answers = await Promise.all([SELLER_ONE, SELLER_TWO, NO_PIN].map(async (person, i) => {
        const response = await sessions[i].post("/session/signup/etims", { ...json, json: { id_number: person.idNumber, yob: person.yob } });
        return { status: response.status, error: response.status === 409 ? await errorOf(response) : undefined };
      }));
      stack.upstream.clearFaults();
      expect(enrolments()).toHaveLength(1);
      expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.error)).toEqual(["registration_limit", "registration_limit"]);
    });

    it("in progress (code 22) keeps the number's enrolment: the phone cannot enrol another ID, nothing sent", async () => {
      const phone = await verifyPhone(SIGNUP_NUMBERS.inProgress);
      const first = await phone.post("/session/signup/etims", { ...json, json: { id_number: SELLER_ONE.idNumber, yob: SELLER_ONE.yob } });
      expect(await first.json()).toMatchObject({ outcome: "in_progress" });
      stack.upstream.clearReceived();
      const second = await phone.post("/session/signup/etims", { ...json, json: { id_number: SELLER_TWO.idNumber, yob: SELLER_TWO.yob } });
      expect([second.status, await errorOf(second)]).toEqual([409, "registration_limit"]);
      expect(enrolments()).toEqual([]);
    });

    it.each(routes(prefix))("30 parallel $path guesses for one ID: at most 5 reach id-lookup, 429s, no disclosure, then even the right year is refused", async (route) => {
      const phones = await Promise.all(route.phones.map(verifyPhone));
      stack.upstream.clearReceived();
      stack.upstream.addFault(SLOW_LOOKUP);
      const { idNumber, yob, pin, name } = route.person;
      // 30 wrong years (the right one is left out, so no matching guess can be lucky).
      const years = Array.from({ length: PARALLEL }, (_, i) => 1940 + i).filter((year) => year !== yob);
      const answers = await Promise.all(years.map(async (year, i) => {
        const response = await phones[i % phones.length].post(route.path, { ...json, json: route.fields(year, idNumber) });
        return { status: response.status, text: await response.text() };
      }));
      stack.upstream.clearFaults();
      const reached = lookupsFor(idNumber).length;
      expect(reached).toBeGreaterThan(0);
      expect(reached).toBeLessThanOrEqual(MISMATCH_LIMIT);
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 422)).toHaveLength(reached);
      expect(statuses.filter((status) => status === 429)).toHaveLength(years.length - reached);
      for (const answer of answers) {
        expect(answer.text).not.toContain(name);
        if (pin) expect(answer.text).not.toContain(pin);
      }
      // The right year, then the same ID with a leading zero (one canonical key): refused before id-lookup.
      stack.upstream.clearReceived();
      for (const typed of [idNumber, `0${idNumber}`]) {
        const right = await phones[0].post(route.path, { ...json, json: route.fields(yob, typed) });
        expect(right.status).toBe(429);
        expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(3600);
        expect(await right.text()).not.toContain(name);
      }
      expect(stack.upstream.receivedOn("/api/ussd/id-lookup")).toEqual([]);
      expect(stack.upstream.receivedOn("/api/ussd/register-tax-payer")).toEqual([]);
    }, 60_000);
  });
}

raceSuite(RUNTIME === "workerd" ? "Durable Object" : "memory", "2547230001", () => ({}));

describe.runIf(onNode)("Redis", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis?.stop());
  raceSuite("Redis", "2547230002", () => ({ NITRO_SESSION_STORAGE: redis.url }));
});
