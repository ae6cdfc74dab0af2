import { randomBytes } from "node:crypto";

// Same layout as Plug.RequestId: 64-bit time in ns, 24-bit node tag, 32-bit
// counter, base64url without padding = 20 characters ("F6xJDnlRnzASPmoAAABB").
const nodeTag = randomBytes(3);
const epochOffsetNs = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();
let counter = randomBytes(4).readUInt32BE(0);

export function phoenixRequestId(): string {
  const id = Buffer.allocUnsafe(15);
  id.writeBigUInt64BE(process.hrtime.bigint() + epochOffsetNs, 0);
  nodeTag.copy(id, 8);
  counter = (counter + 1) >>> 0;
  id.writeUInt32BE(counter, 11);
  return id.toString("base64url");
}
