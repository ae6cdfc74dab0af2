import { OTHER_PARTIES, TEST_TAXPAYERS, type KnownParty } from "./fixtures";
import { normalizeMsisdn } from "./msisdn";
import { EMPTY_PROFILE, RETURNS_PROFILES, type ReturnsProfile } from "./returns-fixtures";

/** Who is registered for the USSD/eTIMS service (by msisdn) and who lookups can find (by PIN or ID). */
export class TaxpayerRegistry {
  private readonly registered = new Map<string, KnownParty>();
  private readonly byPinOrId = new Map<string, KnownParty>();
  private generated = 0;

  constructor() {
    for (const taxpayer of TEST_TAXPAYERS) this.addRegistered(taxpayer);
    for (const party of OTHER_PARTIES) this.addKnown(party);
  }

  register(msisdn: string, name: string): void {
    this.generated += 1;
    const serial = String(this.generated).padStart(8, "0");
    const normalized = normalizeMsisdn(msisdn);
    this.addRegistered({ msisdn: normalized, name, pin: `A9${serial}Z`, idNumber: `2${serial}` });
  }

  /** A known person who signed up (register-tax-payer): /init now knows the number. */
  registerParty(party: KnownParty & { msisdn: string }): void {
    this.addRegistered(party);
  }

  findRegistered(msisdn: unknown): KnownParty | undefined {
    return this.registered.get(normalizeMsisdn(msisdn));
  }

  findByPinOrId(pinOrId: string): KnownParty | undefined {
    return this.byPinOrId.get(pinOrId.trim().toUpperCase());
  }

  /** The taxpayer with exactly this KRA PIN (not an ID number), with their returns profile. */
  findByPin(pin: unknown): { party: KnownParty; profile: ReturnsProfile } | undefined {
    const wanted = String(pin ?? "").trim().toUpperCase();
    const party = this.byPinOrId.get(wanted);
    if (!party || party.pin.toUpperCase() !== wanted) return undefined;
    return { party, profile: RETURNS_PROFILES[party.pin] ?? EMPTY_PROFILE };
  }

  private addRegistered(party: KnownParty & { msisdn: string }): void {
    this.registered.set(party.msisdn, party);
    this.addKnown(party);
  }

  private addKnown(party: KnownParty): void {
    this.byPinOrId.set(party.pin.toUpperCase(), party);
    this.byPinOrId.set(party.idNumber, party);
  }
}
