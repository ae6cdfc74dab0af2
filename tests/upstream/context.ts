import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "./reply";
import type { UpstreamState } from "./state";

export interface RequestContext {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON object body ({} when the route takes none or the body was empty). */
  body: Record<string, unknown>;
  /** Captured path segments of the matched route. */
  params: string[];
  state: UpstreamState;
}

export type Handler = (context: RequestContext) => Reply;
