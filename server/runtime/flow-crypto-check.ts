// Both runtimes provide the whole Flows envelope contract (checked by `npm run typecheck`).
import type { FlowCrypto } from "./flow-crypto";
import type * as Node from "./flow-crypto-node";
import type * as Web from "./flow-crypto-web";

export type FlowCryptoProvided = [typeof Node extends FlowCrypto ? true : never, typeof Web extends FlowCrypto ? true : never];
