import { z } from "zod";

// Shared with the UI: what the sign-up and PIN forms send to /session/… (issue 11), and what comes back.
// Any other field (an `msisdn` above all) is dropped: the number is always the session's.

/** A national ID in its one canonical form: digits, leading zeros stripped (`030000003` is `30000003`). */
export function canonicalIdNumber(typed: string): string {
  return typed.trim().replace(/^0+/, "");
}

// Typed as 6-9 digits; keyed, limited, audited and sent upstream in the canonical form, so a
// leading zero is never a fresh budget (UPSTREAM.md names no endpoint that wants it as typed).
const idNumber = z.string().trim().regex(/^\d{6,9}$/).transform(canonicalIdNumber).pipe(z.string().regex(/^[1-9]\d{0,8}$/));
const yob = z.coerce.number().int().min(1900).max(2100);
const firstName = z.string().trim().min(1).max(50).regex(/^[\p{L}' -]+$/u);

export const identityFieldsSchema = z.object({ id_number: idNumber, yob });
export type IdentityFields = z.infer<typeof identityFieldsSchema>;

export const pinApplicantSchema = identityFieldsSchema.extend({
  first_name: firstName,
  type: z.enum(["citizen", "resident"]),
});
export type PinApplicantFields = z.infer<typeof pinApplicantSchema>;

export const pinEmailSchema = z.object({ email: z.email().max(254) });

/** POST /session/signup/etims: signed up (then the OTP again), still in progress, or not active yet. */
export type EtimsSignupResult =
  | { outcome: "registered"; next: "/otp" }
  | { outcome: "in_progress" | "not_active_yet"; retryAfterSeconds: number };

/** POST /session/pin/retrieve: the name and PIN of the ID whose year of birth the phone gave (limited per number and per ID). */
export interface PinRetrieval { name: string; pin: string }

/** POST /session/pin/applicant: the name id-lookup gave for the ID, year and first name typed. */
export interface PinApplicant { name: string }

/** POST /session/pin/register: what the upstream gave back; nothing is made up when it gives none. */
export interface PinRegistration { pin: string | null; receiptNumber: string | null }
