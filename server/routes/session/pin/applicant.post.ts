import { defineEventHandler } from "h3";
import { pinApplicantSchema } from "../../../shared/signup";
import { checkPinApplicant } from "../../../utils/pin-registration";
import { readSignupFields } from "../../../utils/signup-call";

export default defineEventHandler(async (event) => {
  const fields = await readSignupFields(event, pinApplicantSchema);
  return checkPinApplicant(event, fields);
});
