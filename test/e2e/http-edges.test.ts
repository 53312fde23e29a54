// The HTTP edges over a real socket: oversized bodies refused while they stream (the server never holds
// them), and requests Node's parser refuses answered in MX's error JSON.
import { once } from 'node:events';
import type { Server } from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import { clientErrorAnswer, listen } from '../../src/server/http-server.js';
import { loadContractWatch } from '../../src/server/watch/contract-watch.js';
import { basic } from '../helpers/server.js';

const MiB = 1024 * 1024;
/** Far more than the kernel buffers on both ends of a loopback connection hold (a few MiB). */
const HUGE = 64 * MiB;

let server: Server;
let port: number;
/** The server's side of every connection: how many bytes it read. */
const accepted: net.Socket[] = [];

beforeAll(async () => {
  // The contract watch on: it reads every API body, so a body must be refused before it.
  const sim = createSimulator({ clock: new ManualClock(), contract: await loadContractWatch('own') });
  const listening = await listen({ fetch: sim.app.fetch, port: 0, hostname: '127.0.0.1' });
  server = listening.server;
  port = listening.address.port;
  server.on('connection', (socket: net.Socket) => accepted.push(socket));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const API_HEADERS = [
  `Authorization: ${basic('edges:key')}`,
  'Accept-Version: v20250224',
  'Accept: application/json',
  'Content-Type: application/json',
];

interface Exchange {
  /** Everything the server sent back. */
  received: string;
  /** Body bytes the client managed to hand to its socket before the connection ended. */
  sent: number;
  /** Bytes the server's end of the connection read. */
  serverRead: number;
}

/** Opens a connection and returns it with the server's end of it. */
async function connect(): Promise<{ socket: net.Socket; serverSide: () => net.Socket }> {
  const before = accepted.length;
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {}); // EPIPE or ECONNRESET once the server has refused the body
  await once(socket, 'connect');
  while (accepted.length === before) await once(server, 'connection');
  const mine = accepted[before] as net.Socket;
  return { socket, serverSide: () => mine };
}

/** Writes a request head, then up to `total` body bytes (chunked, or as declared) while the server reads. */
async function stream(path: string, headers: string[], total: number, chunked: boolean): Promise<Exchange> {
  const { socket, serverSide } = await connect();
  let received = '';
  socket.on('data', (d) => (received += d));
  let ended = false;
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  void closed.then(() => (ended = true));
  // Not events.once: it rejects on the socket's EPIPE, which is expected here.
  const drained = () => new Promise<void>((resolve) => socket.once('drain', () => resolve()));
  const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${total}`;
  socket.write(`POST ${path} HTTP/1.1\r\nHost: mx-sim.test\r\n${[...headers, framing].join('\r\n')}\r\n\r\n`);
  const chunk = Buffer.alloc(MiB, 'x');
  let sent = 0;
  while (sent < total && !ended) {
    const ok = chunked
      ? socket.write(`${chunk.length.toString(16)}\r\n`) && socket.write(chunk) && socket.write('\r\n')
      : socket.write(chunk);
    sent += chunk.length;
    if (!ok) await Promise.race([drained(), closed]);
  }
  if (!ended && chunked) socket.write('0\r\n\r\n');
  if (!ended) socket.end();
  await closed;
  return { received, sent, serverRead: serverSide().bytesRead };
}

/** A small request, chunked, on its own connection; the answer's status and JSON body. */
async function small(path: string, headers: string[], body: string) {
  const { socket } = await connect();
  let received = '';
  socket.on('data', (d) => (received += d));
  const length = Buffer.byteLength(body).toString(16);
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: mx-sim.test\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n${headers.join('\r\n')}\r\n\r\n` +
      `${length}\r\n${body}\r\n0\r\n\r\n`,
  );
  await once(socket, 'close');
  return parse(received);
}

function parse(raw: string) {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), head: head.toLowerCase(), body: body ? JSON.parse(body) : undefined };
}

describe('request bodies', () => {
  it.each([
    ['/_mx-sim/clock', 'an admin route'],
    ['/users', 'an API route, with the contract watch on'],
  ])('refuses a chunked 64 MiB body to %s (%s) while it streams: 413 early, never held', async (path) => {
    const { received, sent, serverRead } = await stream(path, API_HEADERS, HUGE, true);
    const answer = parse(received);
    expect(answer.status).toBe(413);
    expect(answer.head).toContain('content-type: application/json');
    expect(answer.head).toContain('connection: close');
    expect(answer.body.error).toEqual({
      message: 'Request body too large: the simulator accepts bodies up to 1 MiB (1048576 bytes); send a smaller body',
      status: 'payload_too_large',
      type: 'payload_too_large',
    });
    // The server stopped reading just past the limit and closed the connection: the client could not
    // send the rest, and the server read little more than the limit (about 1.3 MB), not the body.
    expect(sent).toBeLessThan(HUGE);
    expect(serverRead).toBeLessThan(4 * MiB);
  });

  it('refuses a body declared larger than the limit (Content-Length) without reading it', async () => {
    const { received, sent, serverRead } = await stream('/_mx-sim/clock', API_HEADERS, HUGE, false);
    expect(parse(received).status).toBe(413);
    expect(sent).toBeLessThan(HUGE);
    expect(serverRead).toBeLessThan(MiB);
  });

  it('still takes a small body, chunked or not, on an admin route and an API route', async () => {
    const clock = await small('/_mx-sim/clock', API_HEADERS, '{"advance_ms":1000}');
    expect(clock.status).toBe(200);
    expect(clock.body.offset_ms).toBe(1000);
    const user = await small('/users', API_HEADERS, '{"user":{"id":"chunked-user"}}');
    expect(user.status).toBe(200);
    expect(user.body.user.id).toBe('chunked-user');
    const res = await fetch(`http://127.0.0.1:${port}/_mx-sim/clock`, {
      method: 'POST',
      headers: { Authorization: basic('edges:key') },
      body: JSON.stringify({ advance_ms: 1000 }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { offset_ms: number }).offset_ms).toBe(2000);
    // The contract watch saw the chunked request it checked.
    const report = await fetch(`http://127.0.0.1:${port}/_mx-sim/contract`, {
      headers: { Authorization: basic('edges:key') },
    });
    expect(((await report.json()) as { operations: Array<{ calls: number }> }).operations[0]?.calls).toBe(1);
  });
});

describe('malformed HTTP', () => {
  /** Sends raw bytes on a new connection; everything the server answered before closing. */
  async function raw(bytes: string) {
    const { socket } = await connect();
    let received = '';
    socket.on('data', (d) => (received += d));
    socket.write(bytes);
    await once(socket, 'close');
    return parse(received);
  }

  it('answers headers over 16 KiB with 431 in MX error JSON', async () => {
    const answer = await raw(`GET /institutions HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.head).toContain('content-type: application/json');
    expect(answer.head).toContain('connection: close');
    expect(answer.body.error).toEqual({
      message:
        'Request headers too large: the simulator accepts up to 16 KiB of request line and headers; send fewer or shorter headers',
      status: 'request_header_fields_too_large',
      type: 'request_header_fields_too_large',
    });
  });

  it('answers a garbage request line with 400 in MX error JSON', async () => {
    const answer = await raw('\x01\x02 nonsense\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.head).toContain('content-type: application/json');
    expect(answer.body.error.status).toBe('bad_request');
    expect(answer.body.error.type).toBe('malformed_request');
    expect(answer.body.error.message).toMatch(/^Malformed HTTP request \(.+\): send a valid HTTP\/1.1 request$/);
  });

  it('answers a malformed chunked body with 400 in MX error JSON, and serves the next connection', async () => {
    const answer = await raw(
      `POST /users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n${API_HEADERS.join('\r\n')}\r\n\r\nzz\r\n`,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.type).toBe('malformed_request');
    const health = await fetch(`http://127.0.0.1:${port}/_mx-sim/health`);
    expect(health.status).toBe(200);
  });

  it('words a request timeout as 408 naming both timeouts', () => {
    const answer = clientErrorAnswer(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), server);
    expect(answer.status).toBe(408);
    expect(answer.toBody().error).toEqual({
      message:
        'Request timeout: the headers must arrive within 60 s and the whole request within 300 s; send the request without pausing',
      status: 'request_timeout',
      type: 'request_timeout',
    });
  });
});
