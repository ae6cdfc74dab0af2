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
  | { kind: "drip"; intervalMs: number; chunkBytes?: number; chunked?: boolean }
  | { kind: "stall"; afterBytes: number }
  | { kind: "reset"; afterBytes?: number }
  | { kind: "huge"; bytes: number; contentType?: string }
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
  /** iTax base `…/api` (UPSTREAM.md §0 `A`): properties lookup. */
  itaxBaseUrl: string;
  documentsBaseUrl: string;
  otp: string;
  received: ReceivedRequest[];
  clearReceived(): void;
  receivedOn(pathPrefix: string): ReceivedRequest[];
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Chooses success/error forms of the returns and payments endpoints; first matching rule wins. */
  setAnswerForm(rule: AnswerFormRule): void;
  clearAnswerForms(): void;
  /** M-Pesa pushes started by make-payment, oldest first. */
  stkPushes(): StkPush[];
  registerTaxpayer(msisdn: string, name: string): void;
  issueToken(msisdn: string, ttlSeconds?: number): string;
  revokeTokens(msisdn?: string): void;
  tokensIssued(): string[];
  close(): Promise<void>;
}

/** The success forms each returns/payments endpoint can answer in (README: "Returns and payments"). */
export interface SuccessForms {
  "tax-payer-obligations": "recorded" | "wrapped" | "array";
  "obligation-filling-period": "status-ok" | "periods";
  "file-return": "code-1" | "code-200" | "success" | "status-ok" | "response-code" | "prn-tax-due";
  calculate: "tax_due" | "total_tax" | "total_amount";
  "tax-payer-liabilities": "full" | "status-ok" | "response-code";
  "properties-lookup": "full" | "status-ok" | "response-code";
  "generate-prn": "full" | "status-ok" | "response-code" | "prn";
  "make-payment": "full" | "status-200" | "desc-ok";
  "itr-filing-period": "status-ok" | "array";
  "itr-employment-details": "DETAILS" | "employment_income" | "data" | "string-amounts" | "no-employer-pin" | "no-paye";
  "itr-create": "id" | "tax_return_id";
  "itr-summary": "strings" | "numbers" | "no-personal-relief";
  "itr-file": "status-ok" | "code-1" | "success";
}

export type ReturnsEndpoint = keyof SuccessForms;

/** Where a refusal's text sits: `ErrorCode`, `Message`, `message` or `errors.detail`. */
export type ErrorForm = "ErrorCode" | "Message" | "message" | "errors.detail";

/**
 * Picks how the next calls on one endpoint answer. `success` sets the success shape; `error`
 * refuses the call outright in that error form (with `message`, HTTP `status`, default 422).
 * `pin` limits the rule to calls for that PIN; `times` (default: forever) to that many calls.
 */
export type AnswerFormRule = {
  [E in ReturnsEndpoint]: {
    endpoint: E;
    success?: SuccessForms[E];
    error?: ErrorForm;
    message?: string;
    status?: number;
    pin?: string;
    times?: number;
  };
}[ReturnsEndpoint];

/** One M-Pesa push the simulated make-payment started. */
export interface StkPush {
  prn: string;
  msisdn: string;
  amount: number;
}
