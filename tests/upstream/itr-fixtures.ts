// The income tax return for employment income (UPSTREAM.md rows 33–38, §7.12): who has which
// employers, and the figures KRA's payroll records hold for them (the same for every past year).
// Each taxpayer is set up for one outcome with the pre-filled deductions kept as they are.

export interface EmployerRecord { name: string; pin: string; grossPay: number; pension: number; paye: number }

export interface ItrProfile {
  employers: EmployerRecord[];
  /** The deductions KRA already knows (the apps' `pension`, `shiFund`, `ahLevy`, `prmFund`). */
  prefill: { pension: number; shif: number; housingLevy: number; prmf: number };
  isPwd: boolean;
  certificates: { certNo: string; effectiveDate: string; expiryDate: string }[];
  /** itr-create refuses this taxpayer's return with this sentence (an upstream refusal). */
  refusal?: string;
  /** PAYE the employers deducted beyond (+) or short of (−) the tax on the pre-filled return; shared out by gross pay. */
  payeOverTax: number;
}

/** KRA's yearly limits (Income Tax Act, 2025), which the simulator applies and `settings/itr/config` lists. */
export const ITR_LIMITS = {
  pension: 360_000, prmf: 180_000, mortgageInterest: 360_000, insuranceRelief: 60_000, personalRelief: 28_800, disabilityExemption: 1_800_000,
};
export const ITR_REFUSAL = "Your employers' PAYE returns for this year are still being reconciled. Please try again after 30 days";
/** The national ID every ITR answer of the simulator carries, which must never reach the browser. */
export const ITR_NATIONAL_ID = "27004411";

const employer = (name: string, pin: string, grossPay: number, pension: number): EmployerRecord => ({ name, pin, grossPay, pension, paye: 0 });

/** By KRA PIN: ONE a refund, TWO tax due, THREE nothing to pay, FOUR no employers, FIVE refused. */
export const ITR_PROFILES: Record<string, ItrProfile> = {
  A000000001A: {
    employers: [employer("TEST EMPLOYER ONE LIMITED", "P051000001A", 1_440_000, 72_000), employer("SAMPLE SACCO SOCIETY", "P051000002B", 240_000, 0)],
    prefill: { pension: 72_000, shif: 46_200, housingLevy: 25_200, prmf: 0 },
    isPwd: false, certificates: [], payeOverTax: 12_000,
  },
  A000000002B: {
    employers: [employer("TEST EMPLOYER TWO LIMITED", "P051000003C", 960_000, 0), employer("NIGHT SHIFT SECURITY LTD", "P051000004D", 600_000, 0)],
    prefill: { pension: 0, shif: 42_900, housingLevy: 23_400, prmf: 0 },
    isPwd: false, certificates: [], payeOverTax: -25_000,
  },
  A000000003C: {
    employers: [employer("TEST EMPLOYER THREE LIMITED", "P051000005E", 720_000, 36_000)],
    prefill: { pension: 36_000, shif: 19_800, housingLevy: 10_800, prmf: 6_000 },
    isPwd: true, certificates: [{ certNo: "DIS-2024-0003", effectiveDate: "01/01/2024", expiryDate: "31/12/2028" }], payeOverTax: 0,
  },
  A000000004D: { employers: [], prefill: { pension: 0, shif: 0, housingLevy: 0, prmf: 0 }, isPwd: false, certificates: [], payeOverTax: 0 },
  A000000005E: {
    employers: [employer("TEST EMPLOYER FIVE LIMITED", "P051000006F", 1_800_000, 0)],
    prefill: { pension: 0, shif: 49_500, housingLevy: 27_000, prmf: 0 },
    isPwd: false, certificates: [], payeOverTax: 0, refusal: ITR_REFUSAL,
  },
};
