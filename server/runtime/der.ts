// Just enough DER (X.690) to read an encrypted PKCS#8 key and wrap a PKCS#1 key into PKCS#8 for Web Crypto.

export interface DerItem { tag: number; value: Uint8Array; end: number }

/** The item starting at `at`: its tag, its content, where it ends. Throws on a truncated or over-long item. */
export function readDer(bytes: Uint8Array, at = 0): DerItem {
  const tag = bytes[at];
  let length = bytes[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error("bad DER length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  const end = start + length;
  if (tag === undefined || end > bytes.length) throw new Error("truncated DER");
  return { tag, value: bytes.subarray(start, end), end };
}

/** The encoded items inside a SEQUENCE (each with its own tag and length). */
export function sequence(bytes: Uint8Array): Uint8Array[] {
  const outer = readDer(bytes);
  if (outer.tag !== 0x30) throw new Error("not a DER SEQUENCE");
  const items: Uint8Array[] = [];
  for (let at = 0; at < outer.value.length;) {
    const item = readDer(outer.value, at);
    items.push(outer.value.subarray(at, item.end));
    at = item.end;
  }
  return items;
}

function encode(tag: number, content: Uint8Array): Uint8Array {
  const length = content.length;
  const header = length < 0x80 ? [tag, length]
    : length < 0x100 ? [tag, 0x81, length]
      : length < 0x10000 ? [tag, 0x82, length >> 8, length & 0xff]
        : [tag, 0x83, length >> 16, (length >> 8) & 0xff, length & 0xff];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  out.set(content, header.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** PrivateKeyInfo { version 0, rsaEncryption with NULL parameters, OCTET STRING of the PKCS#1 RSAPrivateKey }. */
const RSA_ENCRYPTION = Uint8Array.from([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);

export function wrapPkcs1(pkcs1: Uint8Array): Uint8Array {
  return encode(0x30, concat([Uint8Array.from([0x02, 0x01, 0x00]), RSA_ENCRYPTION, encode(0x04, pkcs1)]));
}
