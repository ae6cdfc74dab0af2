// Builds the reference Nitro server (node-server preset) into tests/bench/.out/nitro-ref when its sources changed.
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, copyPublicAssets, createNitro, prepare } from "nitropack";

const here = fileURLToPath(new URL(".", import.meta.url));
const OUTPUT = fileURLToPath(new URL("../.out/nitro-ref", import.meta.url));
export const NITRO_REF_SERVER = `${OUTPUT}/server/index.mjs`;

const SOURCES = [`${here}proxy.ts`, `${here}build.ts`, `${here}../../../package-lock.json`];

export async function buildNitroRef(): Promise<string> {
  const newestSource = Math.max(...SOURCES.map((path) => statSync(path).mtimeMs));
  if (existsSync(NITRO_REF_SERVER) && statSync(NITRO_REF_SERVER).mtimeMs >= newestSource) return NITRO_REF_SERVER;
  const nitro = await createNitro({
    rootDir: here, srcDir: here, preset: "node-server", dev: false, logLevel: 1, imports: false,
    compatibilityDate: "2024-12-01", scanDirs: [], buildDir: `${OUTPUT}-build`,
    output: { dir: OUTPUT, serverDir: `${OUTPUT}/server`, publicDir: `${OUTPUT}/public` },
    handlers: [{ route: "/**", handler: `${here}proxy.ts` }],
  });
  await prepare(nitro);
  await copyPublicAssets(nitro);
  await build(nitro);
  await nitro.close();
  return NITRO_REF_SERVER;
}
