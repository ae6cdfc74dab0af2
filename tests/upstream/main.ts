// npx tsx tests/upstream/main.ts --port 4010 [--host H] [--fast] [--direct] [--api-key K] [--otp X] [--token-ttl S] [--log]
import { parseArgs } from "node:util";
import { startSimulatedUpstream } from "./index";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "4010" },
    fast: { type: "boolean", default: false },
    direct: { type: "boolean", default: false },
    "api-key": { type: "string" },
    otp: { type: "string" },
    "token-ttl": { type: "string" },
    log: { type: "boolean", default: false },
  },
});

const upstream = await startSimulatedUpstream({
  host: values.host,
  port: Number(values.port),
  fast: values.fast,
  directTokens: values.direct,
  apiKey: values["api-key"],
  otp: values.otp,
  tokenTtlSeconds: values["token-ttl"] === undefined ? undefined : Number(values["token-ttl"]),
  log: values.log,
});
process.stdout.write(`${JSON.stringify({ url: upstream.url, otp: upstream.otp })}\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void upstream.close().then(() => process.exit(0)));
}
