import type { ServerResponse } from "node:http";
import { cowboyHeaders, JSON_CONTENT_TYPE, type Reply } from "./reply";
import type { TimerSet } from "./timers";
import { withExtra, type ExtraHeaders } from "./write-reply";

const CHUNK_BYTES = 64 * 1024;

function withoutLength(headers: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i + 1 < headers.length; i += 2) if (headers[i].toLowerCase() !== "content-length") kept.push(headers[i], headers[i + 1]);
  return kept;
}
const FILLER = Buffer.alloc(CHUNK_BYTES, "x");
const JSON_OPEN = Buffer.from('{"data":"');
const JSON_CLOSE = Buffer.from('"}');

/**
 * Headers now, then the normal body `chunkBytes` (default 1) per interval: with the full body's
 * content-length, or `chunked` without one.
 */
export function drip(
  res: ServerResponse, reply: Reply, extra: ExtraHeaders, timers: TimerSet, intervalMs: number, chunkBytes = 1, chunked = false,
): void {
  res.writeHead(reply.status, withExtra(chunked ? withoutLength(reply.headers) : reply.headers, extra));
  res.flushHeaders();
  let sent = 0;
  const stop = timers.every(intervalMs, () => {
    if (res.destroyed) return stop();
    if (sent < reply.body.length) return void res.write(reply.body.subarray(sent, (sent += chunkBytes)));
    stop();
    res.end();
  });
  res.once("close", stop);
}

/** The normal answer's headers and its first `afterBytes` bytes, then nothing more (the socket stays open). */
export function stall(res: ServerResponse, reply: Reply, extra: ExtraHeaders, afterBytes: number): void {
  res.writeHead(reply.status, withExtra(reply.headers, extra));
  res.flushHeaders();
  if (afterBytes > 0) res.write(reply.body.subarray(0, afterBytes));
}

/** 200 promising a larger body, `afterBytes` of it, then the socket is destroyed. */
export function resetMidBody(res: ServerResponse, extra: ExtraHeaders, afterBytes: number): void {
  const body = fillerJsonBuffer(afterBytes + 1024);
  const headers = cowboyHeaders(JSON_CONTENT_TYPE);
  headers.push("content-length", String(body.length));
  res.writeHead(200, withExtra(headers, extra));
  res.flushHeaders();
  if (afterBytes === 0) return void setImmediate(() => res.destroy());
  res.write(body.subarray(0, afterBytes), () => res.destroy());
}

/** A chunked 200 body of exactly `bytes` bytes (JSON filler, labelled JSON unless told), written as fast as the reader takes it. */
export async function streamHuge(res: ServerResponse, extra: ExtraHeaders, bytes: number, contentType = JSON_CONTENT_TYPE): Promise<void> {
  res.writeHead(200, withExtra(cowboyHeaders(contentType), extra));
  for (const chunk of fillerJson(bytes)) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  if (!res.destroyed) res.end();
}

/** `{"data":"xxx…"}` of exactly `total` bytes in one buffer. */
export function fillerJsonBuffer(total: number): Buffer {
  return Buffer.concat([...fillerJson(total)]);
}

/** `{"data":"xxx…"}` of exactly `total` bytes, in chunks of at most 64 KB. */
function* fillerJson(total: number): Generator<Buffer> {
  const frame = JSON_OPEN.length + JSON_CLOSE.length;
  if (total < frame) return yield FILLER.subarray(0, total);
  yield JSON_OPEN;
  for (let left = total - frame; left > 0; left -= CHUNK_BYTES) {
    yield left >= CHUNK_BYTES ? FILLER : FILLER.subarray(0, left);
  }
  yield JSON_CLOSE;
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
