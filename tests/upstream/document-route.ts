import type { RequestContext } from "./context";
import type { StoredDocument } from "./documents";
import { bearerToken } from "./tokens";
import { bodyReply, cowboyHeaders, notFound, unauthorized, type Reply } from "./reply";

/** GET|HEAD /public/etims/invoice/:inv/:key (README: Upstream API, documents). */
export function serveDocument({ path, headers, state }: RequestContext): Reply {
  const document = state.documents.find(path);
  if (!document) return notFound();
  const token = bearerToken(headers.authorization);
  if (document.isPrivate && !(token && state.tokens.isValid(token))) return unauthorized();
  if (matchesEtag(headers["if-none-match"], document.etag)) return notModified(document);
  return bodyReply(200, documentHeaders(document), document.body);
}

function documentHeaders(document: StoredDocument): string[] {
  return [
    ...cowboyHeaders("application/pdf"),
    "content-disposition", `inline; filename="${document.filename}"`,
    "etag", document.etag,
  ];
}

function notModified(document: StoredDocument): Reply {
  const headers = cowboyHeaders("application/pdf");
  headers.push("etag", document.etag);
  return { status: 304, headers, body: Buffer.alloc(0) };
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}
