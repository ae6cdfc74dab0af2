import type { IncomingMessage } from "node:http";
import { splitTarget } from "./target";
import type { ReceivedRequest } from "./types";

/** Every request in arrival order; the body is filled in once it has been read. */
export class RequestRecorder {
  readonly received: ReceivedRequest[] = [];

  arrive(req: IncomingMessage): ReceivedRequest {
    const url = req.url ?? "";
    const { path, query } = splitTarget(url);
    const entry: ReceivedRequest = {
      method: req.method ?? "",
      url,
      path,
      query,
      headers: joinedHeaders(req),
      rawHeaders: [...req.rawHeaders],
      body: "",
      at: Date.now(),
    };
    this.received.push(entry);
    return entry;
  }

  /** Empties the list in place, so references to `received` stay live. */
  clear(): void {
    this.received.length = 0;
  }

  on(pathPrefix: string): ReceivedRequest[] {
    return this.received.filter((request) => request.path.startsWith(pathPrefix));
  }
}

/** Lower-cased names; repeated headers joined with ", " so duplicates stay visible. */
function joinedHeaders(req: IncomingMessage): Record<string, string> {
  const entries = Object.entries(req.headersDistinct).map(([name, values]) => [name, (values ?? []).join(", ")]);
  return Object.fromEntries(entries);
}
