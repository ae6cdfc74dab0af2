// The simulated KRA upstream used by integration tests, the demo and the benchmarks.
// Shapes follow the recordings summarised in the README (Upstream API).
export { startSimulatedUpstream } from "./start";
export { PDF_BYTES } from "./pdf";
export { startSimulatedCloudApi, type SentDocument, type SimulatedCloudApi } from "./whatsapp-cloud";
export { OTHER_PARTIES, TEST_SELLER, TEST_TAXPAYERS, type KnownParty, type TestTaxpayer } from "./fixtures";
export { IMPORT_CERTIFICATES, KRA_STAFF, SEEDED_INVOICE, SEEDED_TCCS, TAX_STATIONS } from "./checkers-fixtures";
export { OBLIGATION, OBLIGATIONS, RETURNS_PROFILES, SEEDED_PRNS } from "./returns-fixtures";
export type {
  AnswerFormRule, ErrorForm, Fault, FaultRule, ReceivedRequest, ReturnsEndpoint, SimulatedUpstream, SimulatedUpstreamOptions, StkPush, SuccessForms,
} from "./types";
export { SIGNUP_NUMBERS, SIGNUP_PEOPLE, type SignupPerson } from "./signup-fixtures";
