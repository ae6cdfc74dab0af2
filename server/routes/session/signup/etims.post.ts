import { defineEventHandler } from "h3";
import { identityFieldsSchema } from "../../../shared/signup";
import { registerForEtims } from "../../../features/signup/etims";
import { readSignupFields } from "../../../features/signup/identity-match";

export default defineEventHandler(async (event) => {
  const fields = await readSignupFields(event, identityFieldsSchema);
  return registerForEtims(event, fields);
});
