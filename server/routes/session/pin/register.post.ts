import { defineEventHandler } from "h3";
import { pinEmailSchema } from "../../../shared/signup";
import { registerPin } from "../../../utils/pin-registration";
import { readSignupFields } from "../../../utils/signup-call";

export default defineEventHandler(async (event) => {
  const { email } = await readSignupFields(event, pinEmailSchema);
  return registerPin(event, email);
});
