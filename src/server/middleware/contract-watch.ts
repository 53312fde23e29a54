// With --contract, the contract watch checks each API request and its answer against MX's documents,
// per client_id. Answers a scenario fault shaped are the scenario's, not the client's: not checked.
import type { MiddlewareHandler } from 'hono';
import type { ContractWatcher } from '../watch/contract-watch.js';
import type { RootEnv } from './env.js';

export function contractWatch(watcher: ContractWatcher | undefined): MiddlewareHandler<RootEnv> {
  return async (c, next) => {
    if (!watcher || c.get('faulted')) return next();
    await watcher.answer(
      c.req.raw,
      c.get('tenant').clientId,
      c.get('version'),
      async () => {
        await next();
        return c.res;
      },
      (n) => c.set('contractViolations', n),
    );
  };
}
