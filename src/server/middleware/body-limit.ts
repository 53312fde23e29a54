// One body limit for every route, admin ones included, applied before anything reads the body: a body
// declared larger (Content-Length) is refused unread; a streamed one (chunked, or in-process without a
// length) is counted as it arrives and refused as soon as it passes the limit, so no more than the limit
// is ever held. The 413 closes the connection: the rest of the body is never read.
import type { MiddlewareHandler } from 'hono';
import { MxError } from '../errors.js';
import type { RootEnv } from './env.js';

export interface BodyLimit {
  bytes: number;
  /** What the 413 says the limit is, e.g. "the simulator accepts bodies up to 1 MiB". */
  says: string;
}

/** Every body but a scenario upload (routes/admin/common.ts). */
export const API_BODY_LIMIT: BodyLimit = { bytes: 1024 * 1024, says: 'the simulator accepts bodies up to 1 MiB' };

function tooLarge(limit: BodyLimit): MxError {
  return new MxError(
    413,
    `Request body too large: ${limit.says} (${limit.bytes} bytes); send a smaller body`,
    'payload_too_large',
    { Connection: 'close' },
  );
}

/** Reads a streamed body up to the limit: the bytes, or undefined as soon as it passes the limit. */
async function readUpTo(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Not cancelled: cancelling destroys the socket before the 413 is written.
    if (size > max) return undefined;
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export function bodyLimit(limitFor: (method: string, path: string) => BodyLimit): MiddlewareHandler<RootEnv> {
  // Not async unless a streamed body must be counted: no extra promise for most requests.
  return (c, next) => {
    const method = c.req.method;
    const limit = limitFor(method, c.req.path);
    const length = c.req.header('content-length');
    const chunked = c.req.header('transfer-encoding') !== undefined;
    // Node's parser framed the body by its Content-Length (and refuses a request with both headers).
    if (length !== undefined && !chunked) {
      if (Number(length) > limit.bytes) throw tooLarge(limit);
      return next();
    }
    // Nothing reads a GET or HEAD body (Node discards it), and asking for one makes @hono/node-server build a
    // full WHATWG Request.
    if (method === 'GET' || method === 'HEAD') return next();
    const body = c.req.raw.body;
    if (!body) return next();
    return readUpTo(body, limit.bytes).then((bytes) => {
      if (!bytes) throw tooLarge(limit);
      c.req.raw = new Request(c.req.raw, { body: bytes });
      return next();
    });
  };
}
