/**
 * People `id-lookup` knows who are not USSD/eTIMS users yet (issue 11: sign-up and PIN services).
 * `resident`: found only with `type: "alien"`; everyone else only as a citizen (no type, or `citizen`).
 */
export interface SignupPerson {
  idNumber: string;
  name: string;
  yob: number;
  pin?: string;
  hasVat: boolean;
  resident?: boolean;
}

export const SIGNUP_PEOPLE: SignupPerson[] = [
  { idNumber: "30000001", name: "NEW SELLER ONE", yob: 1990, pin: "A300000001K", hasVat: false },
  { idNumber: "30000002", name: "NEW SELLER TWO", yob: 1985, pin: "A300000002L", hasVat: false },
  { idNumber: "30000003", name: "NEW SELLER THREE", yob: 1979, pin: "A300000003M", hasVat: false },
  { idNumber: "30000004", name: "VAT TRADER FOUR", yob: 1970, pin: "P300000004N", hasVat: true },
  { idNumber: "30000005", name: "AMINA WITHOUT PIN", yob: 2001, hasVat: false },
  { idNumber: "40000006", name: "RESIDENT WITHOUT PIN", yob: 1988, hasVat: false, resident: true },
];

/**
 * Unregistered numbers for the sign-up journeys, and what `register-tax-payer` answers for each
 * (UPSTREAM.md §3.5): code 22 (in progress), the "etims inactive" message, or code 5 for any other.
 */
export const SIGNUP_NUMBERS = {
  done: "254711000001",
  inProgress: "254711000002",
  etimsInactive: "254711000003",
  other: "254711000004",
} as const;
