import { defineEventHandler } from "h3";
import { pinApplicantSchema } from "../../../shared/signup";
import { checkPinApplicant } from "../../../features/signup/pin";
import { readSignupFields } from "../../../features/signup/identity-match";

/**
 * POST /session/pin/applicant: ID, year of birth and first name must match `id-lookup`
 * (residents as `alien`); an ID that already has a PIN is sent to retrieval.
 * The matched ID is kept in the session: the registration step cannot name another.
 */
export default defineEventHandler(async (event) => {
  const fields = await readSignupFields(event, pinApplicantSchema);
  return checkPinApplicant(event, fields);
});
