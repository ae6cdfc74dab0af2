import { AnswerForms } from "./answer-forms";
import { BuyerInitiatedBook } from "./buyer-initiated-book";
import { CheckersBook } from "./checkers-book";
import { DocumentStore } from "./documents";
import { LineNumbering } from "./invoice-lines";
import { ItrBook } from "./itr";
import { SalesInvoiceBook } from "./sales-invoices";
import { ReturnsBook } from "./returns-book";
import { TaxpayerRegistry } from "./taxpayers";
import { TokenRegistry } from "./tokens";

export interface Settings {
  apiKey: string | undefined;
  otp: string;
  tokenTtlSeconds: number;
  directTokens: boolean;
  fast: boolean;
}

/** Everything one simulated upstream remembers, in memory. */
export class UpstreamState {
  readonly taxpayers = new TaxpayerRegistry();
  readonly tokens = new TokenRegistry();
  readonly documents = new DocumentStore(() => this.baseUrl);
  readonly lines = new LineNumbering();
  readonly sales = new SalesInvoiceBook();
  readonly buyerInitiated = new BuyerInitiatedBook();
  readonly returns = new ReturnsBook();
  readonly itr = new ItrBook();
  readonly checkers = new CheckersBook();
  readonly forms = new AnswerForms();
  /** Numbers for which /otp was called: only these may pass /validate-otp. */
  readonly otpRequested = new Set<string>();
  /** PINs `pin-registration` issued, by national ID. */
  readonly issuedPins = new Map<string, string>();
  /** Set once the server listens; document URLs are built from it. */
  baseUrl = "";

  constructor(readonly settings: Settings) {}

  issueToken(msisdn: string, ttlSeconds = this.settings.tokenTtlSeconds): string {
    return this.tokens.issue(msisdn, ttlSeconds);
  }
}
