import { defineEventHandler } from "h3";
import { identityFieldsSchema } from "../../../shared/signup";
import { retrievePin } from "../../../features/signup/pin";
import { readSignupFields } from "../../../features/signup/identity-match";

export default defineEventHandler(async (event) => {
  const fields = await readSignupFields(event, identityFieldsSchema);
  return retrievePin(event, fields);
});
