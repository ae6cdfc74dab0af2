// npm run sign-link -- <msisdn> [ttl-seconds] [--flow <pin-checker|nil-return|what-i-owe>] [--lang en|sw|web]
// Prints a signed entry link (NITRO_ENTRY_LINK_SECRET, NITRO_PUBLIC_ORIGIN), or with --flow a flow token for a
// WhatsApp Flow message, alone on the last line. Any other argument is refused with the usage line (exit 2).
import { parseArgs } from "node:util";
import { normalizeMsisdn } from "../shared/msisdn";
import { createFlowToken, FLOW_NAMES, FLOW_TOKEN_MAX_SECONDS, isFlowName, isTokenLanguage } from "../features/flows/token";
import { createSignedLink, LINK_MAX_AHEAD_SECONDS } from "../utils/signed-link";

const USAGE = `usage: npm run sign-link -- <Kenyan mobile number> [ttl-seconds] [--flow ${FLOW_NAMES.join("|")}] [--lang en|sw|web]`;

interface Request { phone: string; ttl?: number; flow?: string; lang: string }

function readArguments(argv: string[]): Request | null {
  try {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { flow: { type: "string" }, lang: { type: "string", default: "web" } },
    });
    const [phone, ttl, ...extra] = positionals;
    if (!phone || extra.length > 0 || (ttl !== undefined && !/^[1-9]\d{0,5}$/.test(ttl))) return null;
    if (values.flow !== undefined && !isFlowName(values.flow)) return null;
    if (!isTokenLanguage(values.lang)) return null;
    return { phone, ttl: ttl === undefined ? undefined : Number(ttl), flow: values.flow, lang: values.lang };
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const request = readArguments(process.argv.slice(2));
  const secret = process.env.NITRO_ENTRY_LINK_SECRET ?? "";
  const publicOrigin = (process.env.NITRO_PUBLIC_ORIGIN ?? "").replace(/\/$/, "");
  const msisdn = request ? normalizeMsisdn(request.phone) : null;
  const maxTtl = request?.flow ? FLOW_TOKEN_MAX_SECONDS : LINK_MAX_AHEAD_SECONDS;
  const problems = [
    !request || !msisdn ? USAGE : "",
    request?.ttl !== undefined && request.ttl > maxTtl ? `ttl-seconds: at most ${maxTtl}` : "",
    new TextEncoder().encode(secret).length < 32 ? "NITRO_ENTRY_LINK_SECRET: required, at least 32 bytes" : "",
    !request?.flow && !/^https?:\/\/[^/]+$/.test(publicOrigin) ? "NITRO_PUBLIC_ORIGIN: required, e.g. https://whatsapp.kra.go.ke" : "",
  ].filter(Boolean);
  if (problems.length > 0 || !request || !msisdn) {
    process.stderr.write(`${problems.join("\n")}\n`);
    process.exit(2);
  }
  const printed = request.flow && isFlowName(request.flow) && isTokenLanguage(request.lang)
    ? await createFlowToken(secret, { flow: request.flow, language: request.lang, msisdn }, request.ttl)
    : await createSignedLink({ secret, publicOrigin, phone: msisdn, ttlSeconds: request.ttl });
  process.stdout.write(`${printed}\n`);
}

void main();
