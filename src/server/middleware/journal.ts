// The journal step (store/journal.ts): after auth, records each MX API request of the client once it is
// answered. Bodies: a write's request body always; the answer's body for errors, and for every request
// while the inspector page is open on this client (reading an answer back costs a copy of it). Every request pays for this step, so it keeps raw facts only and
// stays synchronous unless a body must be read.
import type { Context, MiddlewareHandler } from 'hono';
import type { Journals } from '../store/journal.js';
import type { RootEnv } from './env.js';

const READS = new Set(['GET', 'HEAD']);

export function journal(journals: Journals, realNow: () => number = Date.now): MiddlewareHandler<RootEnv> {
  return (c, next) => {
    const started = performance.now();
    const at = c.get('tenant').clock.now();
    if (READS.has(c.req.method)) return next().then(() => finish(c, journals, realNow, started, at, undefined));
    return c.req.raw
      .clone()
      .text()
      .then((text) => next().then(() => finish(c, journals, realNow, started, at, text)));
  };
}

function finish(
  c: Context<RootEnv>,
  journals: Journals,
  realNow: () => number,
  started: number,
  at: number,
  requestText: string | undefined,
): void | Promise<void> {
  const res = c.res;
  const clientId = c.get('tenant').clientId;
  const record = (answerText: string | undefined) =>
    journals.of(clientId).add({
      at,
      method: c.req.method,
      url: c.req.url,
      status: res.status,
      duration_ms: performance.now() - started,
      version: c.get('version') ?? null,
      request_id: c.get('requestId'),
      contract_violations: c.get('contractViolations') ?? null,
      request_text: requestText,
      answer_text: answerText,
    });
  // Reading an answer back costs a copy of it for every request: errors always, the rest while a page looks.
  const keepAnswer = res.status >= 400 || journals.inspected(clientId, realNow());
  if (!keepAnswer || !res.body) return record(undefined);
  return res.clone().text().then(record);
}
