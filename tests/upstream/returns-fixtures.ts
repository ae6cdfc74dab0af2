// What each test taxpayer has with the returns and payments endpoints (UPSTREAM.md §7).
// Where the Dec-2025 recordings cover a PIN, the profile follows them: A000000003C is the
// MRI user, A000000004D the TOT user, A000000005E the VAT user, A000000006F the PAYE user,
// and A000000001A is registered for neither TOT nor MRI.

/** Obligation ids as the apps use them (UPSTREAM.md §7.2; the recorded list says PAYE is 6). */
export const OBLIGATION = { VAT: "1", ITR: "2", PAYE: "7", TOT: "8", MRI: "33", AHL: "41", NITA: "42" } as const;

export interface ObligationInfo {
  id: string;
  name: string;
  shortName: string;
}

export const OBLIGATIONS: Record<string, ObligationInfo> = {
  "1": { id: "1", name: "Value Added Tax (VAT)", shortName: "VAT" },
  "2": { id: "2", name: "Individual Income Tax - Resident (ITR)", shortName: "ITR" },
  "7": { id: "7", name: "Income Tax - PAYE", shortName: "PAYE" },
  "8": { id: "8", name: "Turnover Tax", shortName: "TOT" },
  "33": { id: "33", name: "MRI", shortName: "MRI" },
  "41": { id: "41", name: "Affordable Housing Levy (AHL)", shortName: "AHL" },
  "42": { id: "42", name: "National Industrial Training Authority (NITA) Levy", shortName: "NITA" },
};

export interface Liability {
  TaxPeriodFrom: string;
  TaxPeriodTo: string;
  PrincipalAmount: number;
  PenaltyAmount: number;
  InterestAmount: number;
  FineAmount: number;
  TotalAmount: number;
}

export interface RentalProperty {
  Building: string;
  LandlordPIN: string;
  LocalityStr: string;
  PropertyRegId: string;
  UnitsEst: string;
  lrNo: string;
}

export interface ReturnsProfile {
  hasVat: boolean;
  hasEtims: boolean;
  /** false: /init answers with no `entities`, so the gateway learns no PIN. */
  initShowsPin: boolean;
  obligations: string[];
  liabilities: Record<string, Liability[]>;
  properties: RentalProperty[];
}

const liability = (from: string, to: string, principal: number, penalty: number, interest: number): Liability => ({
  TaxPeriodFrom: from, TaxPeriodTo: to, PrincipalAmount: principal, PenaltyAmount: penalty,
  InterestAmount: interest, FineAmount: 0, TotalAmount: principal + penalty + interest,
});

const property = (pin: string, serial: string, building: string, locality: string): RentalProperty => ({
  Building: building, LandlordPIN: pin, LocalityStr: locality, PropertyRegId: `PRP${serial}`, UnitsEst: "4", lrNo: `NAIROBI/BLOCK${serial}/1`,
});

const { VAT, ITR, PAYE, TOT, MRI, AHL, NITA } = OBLIGATION;

/** By KRA PIN. */
export const RETURNS_PROFILES: Record<string, ReturnsProfile> = {
  A000000001A: {
    hasVat: false, hasEtims: true, initShowsPin: true, obligations: [ITR, PAYE, AHL, NITA],
    liabilities: { [PAYE]: [liability("01/09/2025", "30/09/2025", 12000, 2400, 120)], [AHL]: [liability("01/08/2025", "31/08/2025", 1500, 75, 0)] },
    properties: [],
  },
  A000000002B: {
    hasVat: false, hasEtims: true, initShowsPin: true, obligations: [ITR, TOT],
    liabilities: { [TOT]: [liability("01/08/2025", "31/08/2025", 1500, 1000, 15), liability("01/09/2025", "30/09/2025", 900, 1000, 0)] },
    properties: [],
  },
  A000000003C: {
    hasVat: false, hasEtims: false, initShowsPin: true, obligations: [ITR, MRI],
    liabilities: { [MRI]: [liability("01/09/2025", "30/09/2025", 3750, 187.5, 37.5)] },
    properties: [
      property("A000000003C", "0001", "TEST COURT", "Kilimani, Nairobi"),
      property("A000000003C", "0002", "SAMPLE FLATS", "Nyali, Mombasa"),
    ],
  },
  A000000004D: { hasVat: false, hasEtims: true, initShowsPin: true, obligations: [ITR, TOT], liabilities: {}, properties: [] },
  A000000005E: {
    hasVat: true, hasEtims: true, initShowsPin: true, obligations: [VAT, ITR, PAYE, AHL],
    liabilities: { [VAT]: [liability("01/09/2025", "30/09/2025", 48000, 9600, 480)] },
    properties: [],
  },
  A000000006F: { hasVat: false, hasEtims: false, initShowsPin: false, obligations: [PAYE], liabilities: {}, properties: [] },
};

/** Taxpayers registered at run time (registerTaxpayer) and anyone else without a profile. */
export const EMPTY_PROFILE: ReturnsProfile = {
  hasVat: false, hasEtims: true, initShowsPin: true, obligations: [], liabilities: {}, properties: [],
};

export interface SeededPrn {
  prn: string;
  pin: string;
  obligationId: string;
  amount: number;
}

/** Unpaid e-slips that exist before any generate-prn call (the eSlip journey pays one). */
export const SEEDED_PRNS: SeededPrn[] = [
  { prn: "1120250000000101", pin: "A000000001A", obligationId: PAYE, amount: 14520 },
  { prn: "1120250000000102", pin: "A000000002B", obligationId: TOT, amount: 2515 },
];
