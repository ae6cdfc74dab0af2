// npm run admin -- revoke <msisdn> | pause <service> | resume <service>
// Calls the admin listener at NITRO_ADMIN_HOST:NITRO_ADMIN_PORT with NITRO_ADMIN_TOKEN and prints its answer.
import { isServiceName, SERVICE_NAMES } from "../shared/services";

const USAGE = `usage: npm run admin -- revoke <2547…> | pause <service> | resume <service>  (services: ${SERVICE_NAMES.join(", ")})`;

function requestFor(command: string | undefined, argument: string | undefined): { path: string; body: unknown } | null {
  if (!argument) return null;
  if (command === "revoke") return { path: "/admin/sessions/revoke", body: { msisdn: argument } };
  if ((command === "pause" || command === "resume") && isServiceName(argument)) return { path: "/admin/services", body: { [command]: [argument] } };
  return null;
}

async function main(): Promise<void> {
  const [command, argument] = process.argv.slice(2);
  const request = requestFor(command, argument);
  const { NITRO_ADMIN_PORT: port, NITRO_ADMIN_HOST: host = "127.0.0.1", NITRO_ADMIN_TOKEN: token } = process.env;
  const problems = [
    request ? "" : USAGE,
    port && /^\d{1,5}$/.test(port) ? "" : "NITRO_ADMIN_PORT: required, the admin listener's port",
    token ? "" : "NITRO_ADMIN_TOKEN: required",
  ].filter(Boolean);
  if (problems.length > 0 || !request) {
    process.stderr.write(`${problems.join("\n")}\n`);
    process.exit(2);
  }
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}${request.path}`;
  const response = await fetch(url, {
    method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(request.body),
  });
  process.stdout.write(`${await response.text()}\n`);
  process.exit(response.ok ? 0 : 1);
}

main().catch((error: Error) => {
  process.stderr.write(`admin listener unreachable: ${error.message}\n`);
  process.exit(1);
});
