import { execFileSync } from "node:child_process";
import { constants, publicEncrypt, randomBytes, createPublicKey, createPrivateKey } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as nodeCrypto from "../../server/runtime/node-flow-crypto";
import * as webCrypto from "../../server/runtime/web-flow-crypto";
import { FlowKeyError } from "../../server/runtime/contract";

// The Flows envelope's two implementations (node:crypto on Node, Web Crypto on workerd), with keys made the
// way the README says: `openssl genrsa 2048` (PKCS#8 since OpenSSL 3), `-traditional` (PKCS#1), and encrypted
// PKCS#8 (`openssl pkcs8 -topk8 -v2 aes-256-cbc`, and the older defaults: AES-128, HMAC-SHA-1).
const dir = mkdtempSync(join(tmpdir(), "flow-keys-"));
const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: ["ignore", "pipe", "pipe"] });
const PASSPHRASE = "correct horse battery staple";

function keyFiles(): Record<string, { pem: string; passphrase: string }> {
  openssl("genrsa", "-out", join(dir, "pkcs8.pem"), "2048");
  openssl("genrsa", "-traditional", "-out", join(dir, "pkcs1.pem"), "2048");
  const encrypt = (name: string, ...options: string[]) =>
    openssl("pkcs8", "-topk8", "-in", join(dir, "pkcs8.pem"), "-out", join(dir, name), "-passout", `pass:${PASSPHRASE}`, ...options);
  encrypt("aes256.pem", "-v2", "aes-256-cbc");
  encrypt("aes128-sha1.pem", "-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA1");
  const read = (name: string, passphrase = "") => ({ pem: readFileSync(join(dir, name), "utf8"), passphrase });
  return {
    "PKCS#8": read("pkcs8.pem"), "PKCS#1": read("pkcs1.pem"),
    "encrypted PKCS#8, AES-256, HMAC-SHA-256": read("aes256.pem", PASSPHRASE), "encrypted PKCS#8, AES-128, HMAC-SHA-1": read("aes128-sha1.pem", PASSPHRASE),
  };
}
const KEYS = keyFiles();

describe.each([["node", nodeCrypto], ["web", webCrypto]] as const)("the %s implementation", (_, runtime) => {
  it.each(Object.entries(KEYS))("imports %s and unwraps an AES key wrapped with RSA-OAEP SHA-256", async (_form, { pem, passphrase }) => {
    const key = await runtime.importFlowPrivateKey(pem, passphrase);
    const publicKey = createPublicKey(createPrivateKey({ key: pem, passphrase: passphrase || undefined }));
    const aesKey = randomBytes(16);
    const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, aesKey);
    expect(Buffer.from((await runtime.unwrapFlowKey(key, wrapped))!)).toEqual(aesKey);
    const sha1Wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" }, aesKey);
    expect(await runtime.unwrapFlowKey(key, sha1Wrapped)).toBeNull();
  });

  it("refuses a wrong passphrase, a missing one, a short key and text that is no key", async () => {
    const encrypted = KEYS["encrypted PKCS#8, AES-256, HMAC-SHA-256"].pem;
    await expect(runtime.importFlowPrivateKey(encrypted, "wrong")).rejects.toBeInstanceOf(FlowKeyError);
    await expect(runtime.importFlowPrivateKey(encrypted, "")).rejects.toBeInstanceOf(FlowKeyError);
    openssl("genrsa", "-out", join(dir, "short.pem"), "1024");
    await expect(runtime.importFlowPrivateKey(readFileSync(join(dir, "short.pem"), "utf8"), "")).rejects.toThrow(/2048/);
    await expect(runtime.importFlowPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "")).rejects.toBeInstanceOf(FlowKeyError);
  });

  it("seals and opens AES-128-GCM with the tag at the end, as the other implementation does, and refuses a change", async () => {
    const other = runtime === nodeCrypto ? webCrypto : nodeCrypto;
    const aesKey = randomBytes(16);
    const iv = randomBytes(16);
    const sealed = await runtime.sealFlowPayload(aesKey, iv, '{"data":{"status":"active"}}');
    expect(await other.openFlowPayload(aesKey, iv, sealed)).toBe('{"data":{"status":"active"}}');
    sealed[sealed.length - 1] ^= 1;
    expect(await runtime.openFlowPayload(aesKey, iv, sealed)).toBeNull();
    expect(Buffer.from(await runtime.hmacSha256Bytes("secret", Buffer.from("body")))).toEqual(Buffer.from(await other.hmacSha256Bytes("secret", Buffer.from("body"))));
  });
});
