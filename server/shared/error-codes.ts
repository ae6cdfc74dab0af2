// Shared with the UI: every error the gateway answers with, its HTTP status, and
// generic text in English and Kiswahili. No user input ever goes into a message.
export const ERROR_CATALOG = {
  bad_request: { status: 400, en: "The request is not valid.", sw: "Ombi si sahihi." },
  bad_path: { status: 400, en: "The request path is not valid.", sw: "Njia ya ombi si sahihi." },
  invalid_json: { status: 400, en: "The request body is not valid JSON.", sw: "Maudhui ya ombi si JSON sahihi." },
  invalid_body: { status: 400, en: "Some fields are missing or not valid.", sw: "Baadhi ya sehemu hazipo au si sahihi." },
  invalid_query: { status: 400, en: "Some query parameters are not valid.", sw: "Baadhi ya vigezo si sahihi." },
  invalid_phone: {
    status: 400,
    en: "This is not a Kenyan mobile number.",
    sw: "Hii si nambari ya simu ya mkononi ya Kenya.",
  },
  invalid_link: { status: 400, en: "This link is not valid.", sw: "Kiungo hiki si sahihi." },
  invalid_otp: { status: 400, en: "That code is not correct. Try again.", sw: "Nambari hiyo si sahihi. Jaribu tena." },
  session_required: {
    status: 401,
    en: "Please open the link from WhatsApp again.",
    sw: "Tafadhali fungua kiungo kutoka WhatsApp tena.",
  },
  session_expired: {
    status: 401,
    en: "Your session has ended. Please open the link from WhatsApp again.",
    sw: "Muda wako umeisha. Tafadhali fungua kiungo kutoka WhatsApp tena.",
  },
  unauthorized: { status: 401, en: "A valid admin token is required.", sw: "Tokeni halali ya msimamizi inahitajika." },
  forbidden: { status: 403, en: "This token may not do this.", sw: "Tokeni hii hairuhusiwi kufanya hivi." },
  csrf: { status: 403, en: "This request was refused.", sw: "Ombi hili limekataliwa." },
  link_required: {
    status: 403,
    en: "Please use the link sent to you in WhatsApp.",
    sw: "Tafadhali tumia kiungo ulichotumiwa kwenye WhatsApp.",
  },
  link_invalid: { status: 403, en: "This link is not valid.", sw: "Kiungo hiki si sahihi." },
  link_expired: {
    status: 403,
    en: "This link has expired. Ask for a new one in WhatsApp.",
    sw: "Kiungo hiki kimeisha muda. Omba kipya kwenye WhatsApp.",
  },
  link_used: {
    status: 403,
    en: "This link has already been used. Ask for a new one in WhatsApp.",
    sw: "Kiungo hiki kimeshatumika. Omba kipya kwenye WhatsApp.",
  },
  not_registered: {
    status: 403,
    en: "This number is not registered for eTIMS.",
    sw: "Nambari hii haijasajiliwa kwa eTIMS.",
  },
  identity_mismatch: {
    status: 422,
    en: "These details do not match KRA's records. Check your ID number, year of birth and name.",
    sw: "Taarifa hizi hazilingani na rekodi za KRA. Kagua nambari ya kitambulisho, mwaka wa kuzaliwa na jina.",
  },
  vat_registered: {
    status: 409,
    en: "This service is not for VAT-registered taxpayers. Please use eTIMS on iTax (itax.kra.go.ke) or visit a KRA service centre.",
    sw: "Huduma hii si ya walipakodi waliosajiliwa kwa VAT. Tafadhali tumia eTIMS kwenye iTax (itax.kra.go.ke) au tembelea kituo cha huduma cha KRA.",
  },
  pin_exists: {
    status: 409,
    en: "This ID number already has a KRA PIN. Use \"Retrieve my PIN\" instead.",
    sw: "Nambari hii ya kitambulisho tayari ina PIN ya KRA. Tumia \"Pata PIN yangu\" badala yake.",
  },
  registration_refused: {
    status: 422,
    en: "KRA could not complete this registration. Please try again later or visit a KRA service centre.",
    sw: "KRA haikuweza kukamilisha usajili huu. Tafadhali jaribu tena baadaye au tembelea kituo cha huduma cha KRA.",
  },
  pin_not_found: {
    status: 404,
    en: "KRA has no PIN for this ID number yet. You can register for one.",
    sw: "KRA haina PIN ya nambari hii ya kitambulisho bado. Unaweza kujisajili kupata moja.",
  },
  pin_applicant_required: {
    status: 409,
    en: "Please enter your ID details first.",
    sw: "Tafadhali weka taarifa za kitambulisho chako kwanza.",
  },
  registration_limit: {
    status: 409,
    en: "This phone number has already registered a KRA PIN. Each number can register one; please visit a KRA service centre for another.",
    sw: "Nambari hii ya simu tayari imesajili PIN ya KRA. Kila nambari inaweza kusajili moja; tafadhali tembelea kituo cha huduma cha KRA kwa nyingine.",
  },
  otp_attempts_exceeded: {
    status: 403,
    en: "Too many wrong codes. Please open the link from WhatsApp again.",
    sw: "Nambari nyingi zisizo sahihi. Tafadhali fungua kiungo kutoka WhatsApp tena.",
  },
  session_conflict: {
    status: 409,
    en: "You are signed in with another number. Open the link again to choose, or sign out first.",
    sw: "Umeingia kwa nambari nyingine. Fungua kiungo tena ili uchague, au toka kwanza.",
  },
  pin_required: {
    status: 409,
    en: "We have no KRA PIN for this number, so returns and payments cannot be done here yet.",
    sw: "Hatuna PIN ya KRA ya nambari hii, kwa hivyo ritani na malipo haviwezi kufanywa hapa bado.",
  },
  whatsapp_window_closed: {
    status: 409,
    en: "WhatsApp lets us send you documents only within 24 hours of your last message in the KRA chat. "
      + "Tap the latest link in the chat again, then try once more.",
    sw: "WhatsApp inaturuhusu kukutumia hati ndani ya saa 24 tu tangu ujumbe wako wa mwisho kwenye mazungumzo ya KRA. "
      + "Gusa kiungo cha karibuni kwenye mazungumzo tena, kisha ujaribu tena.",
  },
  no_employment_income: {
    status: 409,
    en: "KRA has no employment income for you for this year. If you had no income, file a NIL return instead.",
    sw: "KRA haina mapato ya ajira yako kwa mwaka huu. Kama hukuwa na mapato, wasilisha ritani ya NIL badala yake.",
  },
  already_filed: {
    status: 409,
    en: "This return has already been filed, or is being filed now.",
    sw: "Ritani hii imeshawasilishwa, au inawasilishwa sasa.",
  },
  not_found: { status: 404, en: "Not found.", sw: "Haikupatikana." },
  method_not_allowed: { status: 405, en: "This method is not allowed here.", sw: "Njia hii hairuhusiwi hapa." },
  payload_too_large: { status: 413, en: "The request is too large.", sw: "Ombi ni kubwa mno." },
  unsupported_media_type: {
    status: 415,
    en: "The request must be sent as JSON.",
    sw: "Ombi lazima litumwe kama JSON.",
  },
  rate_limited: {
    status: 429,
    en: "Too many attempts. Please wait and try again.",
    sw: "Majaribio mengi mno. Tafadhali subiri kisha ujaribu tena.",
  },
  whatsapp_limit: {
    status: 429,
    en: "You have sent the most documents allowed in one visit. Open the link from WhatsApp again to send more.",
    sw: "Umetuma idadi ya juu ya hati zinazoruhusiwa kwa ziara moja. Fungua kiungo kutoka WhatsApp tena ili kutuma zaidi.",
  },
  internal_error: {
    status: 500,
    en: "Something went wrong on our side. Please try again.",
    sw: "Hitilafu imetokea upande wetu. Tafadhali jaribu tena.",
  },
  upstream_unavailable: {
    status: 502,
    en: "The KRA service is not available right now. Please try again later.",
    sw: "Huduma ya KRA haipatikani kwa sasa. Tafadhali jaribu tena baadaye.",
  },
  upstream_error: {
    status: 502,
    en: "The KRA service could not complete this request. Please try again later.",
    sw: "Huduma ya KRA haikuweza kukamilisha ombi hili. Tafadhali jaribu tena baadaye.",
  },
  whatsapp_unavailable: {
    status: 502,
    en: "We could not send this to your WhatsApp right now. Please try again later.",
    sw: "Hatukuweza kutuma hii kwa WhatsApp yako kwa sasa. Tafadhali jaribu tena baadaye.",
  },
  identity_unavailable: {
    status: 502,
    en: "We could not check your number right now. Please try again shortly.",
    sw: "Hatukuweza kuthibitisha nambari yako kwa sasa. Tafadhali jaribu tena baadaye kidogo.",
  },
  service_unavailable: {
    status: 503,
    en: "The service is busy. Please try again shortly.",
    sw: "Huduma ina shughuli nyingi. Tafadhali jaribu tena baadaye kidogo.",
  },
  service_paused: {
    status: 503,
    en: "This service is paused. Please try again later.",
    sw: "Huduma hii imesitishwa kwa muda. Tafadhali jaribu tena baadaye.",
  },
  upstream_timeout: {
    status: 504,
    en: "The KRA service took too long to answer. Please try again.",
    sw: "Huduma ya KRA imechelewa kujibu. Tafadhali jaribu tena.",
  },
  identity_timeout: {
    status: 504,
    en: "Checking your number took too long. Please try again.",
    sw: "Kuthibitisha nambari yako kumechukua muda mrefu. Tafadhali jaribu tena.",
  },
  // WhatsApp Flows (POST /whatsapp/flows): the statuses Meta's data API 3.0 gives these meanings.
  flow_signature: { status: 432, en: "The request signature does not match.", sw: "Sahihi ya ombi hailingani." },
  flow_undecryptable: { status: 421, en: "The request could not be decrypted.", sw: "Ombi halikuweza kufunguliwa." },
  flow_token_invalid: { status: 427, en: "This flow token is not valid or has expired.", sw: "Tokeni hii ya flow si halali au imeisha muda." },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CATALOG, value);
}

/** The JSON body of every error the gateway sends. */
export interface GatewayErrorBody {
  error: ErrorCode;
  message: string;
  requestId?: string;
  fields?: { path: string; message: string }[];
  retryAfter?: number;
}
