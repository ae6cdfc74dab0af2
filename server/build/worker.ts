// npm run build:worker — a standalone Nitro build of server/ for workerd
// (preset cloudflare-module), driven by the root nitro.config.ts. The UI is not
// part of it: it is the gateway's handlers alone, for isolated-runtime tests.
// Its own entry streams request bodies and exports the GatewayCounter Durable
// Object class (bind it as NITRO_COUNTER_DURABLE_OBJECT, default COUNTERS).
import { fileURLToPath } from "node:url";
import { build, copyPublicAssets, createNitro, prepare } from "nitropack";

const root = fileURLToPath(new URL("../..", import.meta.url));
const WORKER_OUTPUT = `${root}.output-worker`;

async function main(): Promise<void> {
  const nitro = await createNitro({
    rootDir: root,
    srcDir: "server",
    preset: "cloudflare-module",
    entry: `${root}server/runtime/workerd-entry.ts`,
    dev: false,
    logLevel: 1,
    buildDir: `${root}.nitro-worker`,
    output: { dir: WORKER_OUTPUT, serverDir: `${WORKER_OUTPUT}/server`, publicDir: `${WORKER_OUTPUT}/public` },
    alias: { "#gateway-runtime": `${root}server/runtime/workerd.ts` },
    cloudflare: { nodeCompat: true, deployConfig: false },
  });
  await prepare(nitro);
  await copyPublicAssets(nitro);
  await build(nitro);
  await nitro.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
