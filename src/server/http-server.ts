// The Node HTTP server around a simulator's app, for whoever listens (main.ts, tests): requests Node's
// parser refuses are answered in MX's error JSON, and shutdown runs as a sequence of steps.

import { maxHeaderSize, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Logger } from 'pino';
import { MxError } from './errors.js';

type Fetch = Parameters<typeof createAdaptorServer>[0]['fetch'];

export interface ListenOptions {
  fetch: Fetch;
  /** 0 picks a free port. */
  port: number;
  hostname: string;
  /** Where refused malformed requests are logged (one line each, never their bytes). */
  logger?: Logger | undefined;
}

export interface Listening {
  server: Server;
  address: AddressInfo;
  /** http://host:port, the host in brackets when it is IPv6. */
  url: string;
}

/** Listens with `fetch` (a simulator's `app.fetch`) and answers malformed HTTP in MX's error JSON. */
export function listen(options: ListenOptions): Promise<Listening> {
  const server = createAdaptorServer({ fetch: options.fetch, hostname: options.hostname }) as Server;
  answerClientErrors(server, options.logger);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const host = address.address.includes(':') ? `[${address.address}]` : address.address;
      resolve({ server, address, url: `http://${host}:${address.port}` });
    });
  });
}

type ParserError = Error & { code?: string; reason?: string };

/** What a request Node's HTTP parser refused is told, in MX's error shape. */
export function clientErrorAnswer(err: ParserError, server: Server): MxError {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW': {
      const bytes = (server as Server & { maxHeaderSize?: number }).maxHeaderSize ?? maxHeaderSize;
      return new MxError(
        431,
        `Request headers too large: the simulator accepts up to ${bytes / 1024} KiB of request line and headers; send fewer or shorter headers`,
        'request_header_fields_too_large',
      );
    }
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new MxError(
        413,
        'Chunk extensions too large: send the chunked body without chunk extensions',
        'payload_too_large',
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new MxError(
        408,
        `Request timeout: the headers must arrive within ${server.headersTimeout / 1000} s and the whole request within ` +
          `${server.requestTimeout / 1000} s; send the request without pausing`,
        'request_timeout',
      );
    default:
      return new MxError(
        400,
        `Malformed HTTP request (${err.reason ?? err.code ?? err.message}): send a valid HTTP/1.1 request`,
        'malformed_request',
      );
  }
}

/**
 * Node answers a request its parser refuses (headers too large, a garbage request line, a request that
 * arrives too slowly) with a bare 431, 400 or 408. This answers it in MX's error JSON instead, under the
 * same condition Node has: the socket is writable and no response on it has started. Then, as Node
 * does, the connection is destroyed.
 */
export function answerClientErrors(server: Server, logger?: Logger): void {
  server.on('clientError', (err: ParserError, socket: Socket) => {
    const pending = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (socket.writable && !pending?.headersSent) {
      const answer = clientErrorAnswer(err, server);
      const body = JSON.stringify(answer.toBody());
      socket.write(
        `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n` +
          'Content-Type: application/json\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'Connection: close\r\n\r\n' +
          body,
      );
      // The code only: the request's bytes may carry credentials.
      logger?.info({ status: answer.status, code: err.code }, 'malformed request refused');
    }
    socket.destroy(err);
  });
}

export interface ShutdownOptions {
  /** How long in-flight requests have to finish before their connections are closed. */
  graceMs: number;
  logger: Logger;
}

/**
 * Stops a listening server in steps: stop accepting → let in-flight requests finish within the grace
 * period → close the connections left (idle and stalled) → run the shutdown hooks in the order added.
 * The caller exits afterwards (main.ts). Construct it right after listening: it keeps track of the
 * requests in flight.
 */
export class Shutdown {
  readonly #server: Server;
  readonly #options: ShutdownOptions;
  readonly #hooks: Array<{ name: string; run: () => void | Promise<void> }> = [];
  readonly #inFlight = new Set<ServerResponse>();
  readonly #sockets = new Set<Socket>();
  #started = false;

  constructor(server: Server, options: ShutdownOptions) {
    this.#server = server;
    this.#options = options;
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    // First among the listeners: an answer may be written before the next listener runs.
    server.prependListener('request', (_req, res: ServerResponse) => {
      this.#inFlight.add(res);
      // While shutting down, every answer closes its connection.
      if (this.#started) res.shouldKeepAlive = false;
      res.once('close', () => {
        this.#inFlight.delete(res);
        // A keep-alive connection whose answer is done has nothing left to finish.
        if (this.#started) setImmediate(() => server.closeIdleConnections());
      });
    });
  }

  get started(): boolean {
    return this.#started;
  }

  /** Runs after the connections are closed, in the order added (e.g. saving state). */
  addHook(name: string, run: () => void | Promise<void>): void {
    this.#hooks.push({ name, run });
  }

  /** The sequence; true when every hook succeeded. Call it once (`started` says whether it was). */
  async run(signal: string): Promise<boolean> {
    if (this.#started) throw new Error('shutdown already started');
    this.#started = true;
    const { graceMs, logger } = this.#options;
    const since = performance.now();
    // 1. Stop accepting. Node also closes the idle keep-alive connections.
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const res of this.#inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    logger.info(
      { signal, inFlight: this.#inFlight.size, graceMs },
      `${signal}: shutting down; in-flight requests have ${graceMs} ms to finish (send the signal again to exit now)`,
    );
    // 2. Drain: the server closes once its last connection has.
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace over'>((resolve) => {
      timer = setTimeout(() => resolve('grace over'), graceMs);
    });
    const drained = (await Promise.race([closed, graceOver])) !== 'grace over';
    clearTimeout(timer);
    // 3. Close what is left: stalled requests, half-sent ones, idle connections.
    if (!drained) {
      logger.info(
        { connections: this.#sockets.size, inFlight: this.#inFlight.size },
        'grace period over: closing the connections left',
      );
      this.#server.closeAllConnections();
      // Any socket Node's own list does not hold (none expected): the server closes only without them.
      for (const socket of this.#sockets) socket.destroy();
      await closed;
    }
    // 4. The hooks, each in turn; one that fails is logged and the next still runs.
    let ok = true;
    for (const hook of this.#hooks) {
      try {
        await hook.run();
      } catch (err) {
        ok = false;
        logger.error({ err, hook: hook.name }, 'shutdown hook failed');
      }
    }
    logger.info({ ms: Math.round(performance.now() - since), drained }, 'stopped');
    return ok;
  }
}
