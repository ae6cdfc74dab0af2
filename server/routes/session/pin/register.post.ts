import { defineEventHandler } from "h3";
import { pinEmailSchema } from "../../../shared/signup";
import { registerPin } from "../../../features/signup/pin";
import { readSignupFields } from "../../../features/signup/identity-match";

export default defineEventHandler(async (event) => {
  const { email } = await readSignupFields(event, pinEmailSchema);
  return registerPin(event, email);
});
