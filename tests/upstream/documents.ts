import { createHash } from "node:crypto";
import { PDF_BYTES } from "./pdf";
import { randomUpper, randomUpperAlnum } from "./random-ids";

export const DOCUMENT_PATH_PREFIX = "/public/etims/invoice/";

export interface StoredDocument {
  path: string;
  filename: string;
  /** Sales-invoice PDFs need a Bearer token (README: Upstream API, documents); the others are capability URLs. */
  isPrivate: boolean;
  etag: string;
  body: Buffer;
}

/** Invoice and credit-note PDFs at /public/etims/invoice/INV<7 letters>/<16-char key>. */
export class DocumentStore {
  private readonly documents = new Map<string, StoredDocument>();

  constructor(private readonly baseUrl: () => string) {}

  /** Stores a new PDF and returns its absolute URL. */
  create(isPrivate: boolean): string {
    const inv = `INV${randomUpper(7)}`;
    return this.store(inv, randomUpperAlnum(16), isPrivate);
  }

  /** Stores a PDF at a chosen address (fast mode uses a fixed one). */
  store(inv: string, key: string, isPrivate: boolean): string {
    const path = `${DOCUMENT_PATH_PREFIX}${inv}/${key}`;
    const etag = `"${createHash("sha256").update(path).update(PDF_BYTES).digest("hex").slice(0, 32)}"`;
    this.documents.set(path, { path, filename: `${inv}.pdf`, isPrivate, etag, body: PDF_BYTES });
    return `${this.baseUrl()}${path}`;
  }

  find(path: string): StoredDocument | undefined {
    return this.documents.get(path);
  }
}
