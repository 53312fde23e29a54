// Typed errors for the reference client: what MX answered (status, message, type), or why no answer came.

/** MX's error envelope: `{"error": {"message", "status", "type"}}`. */
interface MxErrorBody {
  error?: { message?: unknown; status?: unknown; type?: unknown };
}

/** An HTTP error answered by MX (or the simulator): the status and MX's own message and type. */
export class MxApiError extends Error {
  override readonly name = 'MxApiError';
  /** The HTTP status, e.g. 404. */
  readonly status: number;
  /** MX's `error.type` (e.g. `not_found`), when the body had one. */
  readonly type: string | undefined;
  /** MX's `error.message`, or the raw body text when it was not MX's envelope. */
  readonly mxMessage: string;
  readonly method: string;
  /** The request path (no host, no query), so it can be logged without secrets. */
  readonly path: string;
  readonly requestId: string | undefined;
  readonly body: unknown;

  constructor(init: {
    status: number;
    method: string;
    path: string;
    body: unknown;
    requestId?: string | undefined;
  }) {
    const envelope = (init.body && typeof init.body === 'object' ? init.body : {}) as MxErrorBody;
    const message =
      typeof envelope.error?.message === 'string'
        ? envelope.error.message
        : typeof init.body === 'string' && init.body
          ? init.body.slice(0, 300)
          : `HTTP ${init.status}`;
    super(`${init.method} ${init.path} → ${init.status}: ${message}`);
    this.status = init.status;
    this.type = typeof envelope.error?.type === 'string' ? envelope.error.type : undefined;
    this.mxMessage = message;
    this.method = init.method;
    this.path = init.path;
    this.requestId = init.requestId;
    this.body = init.body;
  }
}

/** No answer in time (per attempt); the request may or may not have been applied. */
export class MxTimeoutError extends Error {
  override readonly name = 'MxTimeoutError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly timeoutMs: number,
  ) {
    super(`${method} ${path}: no answer within ${timeoutMs} ms`);
  }
}
