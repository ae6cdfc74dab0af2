import { randomUpper } from "./random-ids";
import { SimulatedServer } from "./server";
import { UpstreamState, type Settings } from "./state";
import type { SimulatedUpstream, SimulatedUpstreamOptions } from "./types";
import { toExtraHeaders } from "./write-reply";
import { normalizeMsisdn } from "./msisdn";
import { ITAX_PREFIX, USSD_PREFIX } from "./routes";

function settingsFrom(options: SimulatedUpstreamOptions): Settings {
  return {
    apiKey: options.apiKey,
    otp: options.otp ?? randomUpper(6),
    tokenTtlSeconds: options.tokenTtlSeconds ?? 600,
    directTokens: options.directTokens ?? false,
    fast: options.fast ?? false,
  };
}

/** Starts one in-process simulated KRA upstream (identity, eTIMS tax API, invoice PDFs). */
export async function startSimulatedUpstream(options: SimulatedUpstreamOptions = {}): Promise<SimulatedUpstream> {
  const state = new UpstreamState(settingsFrom(options));
  const server = new SimulatedServer(state, toExtraHeaders(options.extraResponseHeaders), options.log ?? false);
  const url = await server.listen(options.host ?? "127.0.0.1", options.port ?? 0);
  const { recorder, faults } = server;
  return {
    url,
    identityBaseUrl: `${url}${USSD_PREFIX}`,
    upstreamBaseUrl: `${url}${USSD_PREFIX}`,
    itaxBaseUrl: `${url}${ITAX_PREFIX}`,
    documentsBaseUrl: url,
    otp: state.settings.otp,
    received: recorder.received,
    clearReceived: () => recorder.clear(),
    receivedOn: (pathPrefix) => recorder.on(pathPrefix),
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setAnswerForm: (rule) => state.forms.add(rule),
    clearAnswerForms: () => state.forms.clear(),
    stkPushes: () => [...state.returns.pushes],
    registerTaxpayer: (msisdn, name) => state.taxpayers.register(msisdn, name),
    issueToken: (msisdn, ttlSeconds) => state.issueToken(normalizeMsisdn(msisdn), ttlSeconds),
    revokeTokens: (msisdn) => state.tokens.revoke(msisdn === undefined ? undefined : normalizeMsisdn(msisdn)),
    tokensIssued: () => state.tokens.all(),
    close: () => server.close(),
  };
}
