// npm run sign-link -- <msisdn> [ttl-seconds]
// Prints a signed entry link for NITRO_ENTRY_LINK_SECRET and NITRO_PUBLIC_ORIGIN.
import { normalizeMsisdn } from "../shared/msisdn";
import { createSignedLink } from "../utils/signed-link";

async function main(): Promise<void> {
  const [phone, ttl] = process.argv.slice(2);
  const secret = process.env.NITRO_ENTRY_LINK_SECRET ?? "";
  const publicOrigin = (process.env.NITRO_PUBLIC_ORIGIN ?? "").replace(/\/$/, "");
  const problems = [
    !phone || !normalizeMsisdn(phone) ? "usage: npm run sign-link -- <Kenyan mobile number> [ttl-seconds]" : "",
    new TextEncoder().encode(secret).length < 32 ? "NITRO_ENTRY_LINK_SECRET: required, at least 32 bytes" : "",
    !/^https?:\/\/[^/]+$/.test(publicOrigin) ? "NITRO_PUBLIC_ORIGIN: required, e.g. https://whatsapp.kra.go.ke" : "",
  ].filter(Boolean);
  if (problems.length > 0) {
    process.stderr.write(`${problems.join("\n")}\n`);
    process.exit(2);
  }
  process.stdout.write(`${await createSignedLink({ secret, publicOrigin, phone: normalizeMsisdn(phone)!, ttlSeconds: ttl ? Number(ttl) : undefined })}\n`);
}

void main();
