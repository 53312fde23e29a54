// Scenario faults on the API: the latency, error (in MX's envelope, 429 with Retry-After) or dropped
// connection that the client's world scripts for this request (domain/faults.ts decides which fire).
import type { Context, MiddlewareHandler, Next } from 'hono';
import { faultsFor } from '../domain/faults.js';
import { MxError } from '../errors.js';
import type { RootEnv } from './env.js';

/** `sleep` delays the HTTP answer in real time (latency is not simulated time). */
export function faults(sleep: (ms: number) => Promise<void>): MiddlewareHandler<RootEnv> {
  // Not async when no fault fires (most requests): no extra promise per request.
  return (c, next) => {
    const fault = faultsFor(c.get('tenant'), c.req.method, c.req.path);
    c.set('faulted', fault !== undefined);
    if (!fault) return next();
    return applyFault(fault, sleep, c, next);
  };
}

async function applyFault(
  fault: NonNullable<ReturnType<typeof faultsFor>>,
  sleep: (ms: number) => Promise<void>,
  c: Context<RootEnv>,
  next: Next,
): Promise<Response | undefined> {
  if (fault.latencyMs > 0) await sleep(fault.latencyMs);
  if (fault.drop) {
    const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming;
    if (incoming?.socket) {
      incoming.socket.destroy();
      return new Response(null, { status: 500 });
    }
    throw new MxError(502, 'Connection dropped (fault injected by a mx-sim scenario)', 'connection_dropped');
  }
  if (fault.error) throw fault.error;
  await next();
  return undefined;
}
