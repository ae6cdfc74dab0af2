import { defineEventHandler } from "h3";
import { identityFieldsSchema } from "../../../shared/signup";
import { retrievePin } from "../../../utils/pin-retrieval";
import { readSignupFields } from "../../../utils/signup-call";

export default defineEventHandler(async (event) => {
  const fields = await readSignupFields(event, identityFieldsSchema);
  return retrievePin(event, fields);
});
