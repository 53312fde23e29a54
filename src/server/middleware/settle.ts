// Before any handler reads the client's world, the lifecycle steps that are due by its clock apply
// (the server owns no timers: time moves when requests, or sim.tick(), look at it).
import type { MiddlewareHandler } from 'hono';
import { settleTenant } from '../domain/settle.js';
import type { RootEnv } from './env.js';

export function settle(): MiddlewareHandler<RootEnv> {
  return (c, next) => {
    const tenant = c.get('tenant');
    settleTenant(tenant, tenant.clock.now());
    return next();
  };
}
