import { defineEventHandler } from "h3";
import { pinApplicantSchema } from "../../../shared/signup";
import { checkPinApplicant } from "../../../features/signup/pin";
import { readSignupFields } from "../../../features/signup/identity-match";

export default defineEventHandler(async (event) => {
  const fields = await readSignupFields(event, pinApplicantSchema);
  return checkPinApplicant(event, fields);
});
