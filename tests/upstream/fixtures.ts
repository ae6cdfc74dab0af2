/** A party the tax API knows: lookups by PIN or national ID find it. */
export interface KnownParty {
  name: string;
  pin: string;
  idNumber: string;
  msisdn?: string;
}

export interface TestTaxpayer extends KnownParty {
  msisdn: string;
}

// Placeholder identities from shared/upstream/REDACTIONS.md.
export const TEST_TAXPAYERS: TestTaxpayer[] = [
  { msisdn: "254700000001", name: "TEST TAXPAYER ONE", pin: "A000000001A", idNumber: "10000001" },
  { msisdn: "254700000002", name: "TEST TAXPAYER TWO", pin: "A000000002B", idNumber: "10000002" },
  { msisdn: "254700000003", name: "TEST TAXPAYER THREE", pin: "A000000003C", idNumber: "10000003" },
  { msisdn: "254700000004", name: "TEST TAXPAYER FOUR", pin: "A000000004D", idNumber: "10000004" },
  { msisdn: "254700000005", name: "TEST TAXPAYER FIVE", pin: "A000000005E", idNumber: "10000005" },
  // Registered, but /init carries no PIN for them (returns-fixtures.ts: initShowsPin false).
  { msisdn: "254700000006", name: "TEST TAXPAYER SIX", pin: "A000000006F", idNumber: "10000006" },
];

/** Buyers and sellers from the Postman collection that are not USSD users themselves. */
export const OTHER_PARTIES: KnownParty[] = [
  { name: "KRA TEST USER ITAX", pin: "A000000007G", idNumber: "10000007", msisdn: "254700000003" },
  { name: "KRA USSD USER ETIMS", pin: "A000000008H", idNumber: "10000008" },
];

/** The seller used by the recorded buyer-initiated invoice (PIN A000000007G, msisdn 254700000003). */
export const TEST_SELLER = OTHER_PARTIES[0] as Required<KnownParty>;
