import { defineEventHandler } from "h3";
import { identityFieldsSchema } from "../../../shared/signup";
import { registerForEtims } from "../../../utils/etims-signup";
import { readSignupFields } from "../../../utils/signup-call";

export default defineEventHandler(async (event) => {
  const fields = await readSignupFields(event, identityFieldsSchema);
  return registerForEtims(event, fields);
});
