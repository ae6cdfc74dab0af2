export interface ReceivedRequest {
  method: string;
  url: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawHeaders: string[];
  body: string;
  at: number;
}

export type Fault =
  | { kind: "refuse" }
  | { kind: "hang" }
  | { kind: "slow"; delayMs: number }
  | { kind: "drip"; intervalMs: number; chunkBytes?: number }
  | { kind: "stall"; afterBytes: number }
  | { kind: "reset"; afterBytes?: number }
  | { kind: "huge"; bytes: number }
  | { kind: "html503" }
  | { kind: "phoenix500" }
  | { kind: "unauthorized" }
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string> };

export interface FaultRule {
  fault: Fault;
  path?: string | RegExp;
  times?: number;
}

export interface SimulatedUpstreamOptions {
  host?: string;
  port?: number;
  apiKey?: string;
  otp?: string;
  tokenTtlSeconds?: number;
  directTokens?: boolean;
  fast?: boolean;
  extraResponseHeaders?: Record<string, string>;
  log?: boolean;
}

export interface SimulatedUpstream {
  url: string;
  identityBaseUrl: string;
  upstreamBaseUrl: string;
  documentsBaseUrl: string;
  otp: string;
  received: ReceivedRequest[];
  clearReceived(): void;
  receivedOn(pathPrefix: string): ReceivedRequest[];
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  registerTaxpayer(msisdn: string, name: string): void;
  issueToken(msisdn: string, ttlSeconds?: number): string;
  revokeTokens(msisdn?: string): void;
  tokensIssued(): string[];
  close(): Promise<void>;
}
