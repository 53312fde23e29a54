// The microdeposit domain without HTTP, as the Connect widget's verification mode will use it: a
// pre-initiated microdeposit completed with its account, settled by the clock, announced as events.
import { describe, expect, it } from 'vitest';
import {
  completeMicrodeposit,
  createMicrodeposit,
  settleMicrodeposits,
  verifyMicrodeposit,
} from '../../src/server/domain/microdeposits.js';
import { MxError } from '../../src/server/errors.js';
import type { TenantEvent } from '../../src/server/store/events.js';
import { addUser, TIMING, tenantWith } from './fixtures/tenant.js';

const ACCOUNT = { account_number: '3331261', account_type: 'CHECKING', routing_number: '091000019' };

describe('microdeposits in the domain', () => {
  it('completes a pre-initiated one with its account; the clock takes it to DEPOSITED, each change announced', () => {
    const { tenant, clock } = tenantWith();
    const events: TenantEvent[] = [];
    tenant.events.subscribe((e) => events.push(e));
    const user = addUser(tenant);
    const md = createMicrodeposit(tenant, user, { email: 'a@example.com', first_name: 'A', last_name: 'B' });
    expect(md.status).toBe('PREINITIATED');
    settleMicrodeposits(tenant, clock.now() + 10 * TIMING.microdepositStepMs);
    expect(md.status).toBe('PREINITIATED');
    completeMicrodeposit(tenant, md, ACCOUNT);
    expect(md).toMatchObject({ status: 'INITIATED', account_number: '3331261', email: 'a@example.com' });
    expect(() => completeMicrodeposit(tenant, md, ACCOUNT)).toThrow(MxError);
    settleMicrodeposits(tenant, clock.now() + 2 * TIMING.microdepositStepMs);
    expect(md.status).toBe('DEPOSITED');
    const changes = events.flatMap((e) =>
      e.kind === 'microdeposit_changed' ? [[e.action, e.microdeposit.status]] : [],
    );
    // The event carries the record itself: its status is the latest one.
    expect(changes.map(([action]) => action)).toEqual(['created', 'updated', 'updated', 'updated']);
    expect(
      tenant.webhooks.entries().map((w) => (w.payload.micro_deposit as { status_name: string }).status_name),
    ).toEqual(['PREINITIATED', 'INITIATED', 'REQUESTED', 'DEPOSITED']);
  });

  it('refuses amounts before DEPOSITED with the 405 of an unmet constraint', () => {
    const { tenant } = tenantWith();
    const md = createMicrodeposit(tenant, addUser(tenant), ACCOUNT);
    expect(() => verifyMicrodeposit(tenant, md, { deposit_amount_1: 0.1, deposit_amount_2: 0.2 })).toThrow(
      expect.objectContaining({ status: 405 }),
    );
    expect(md.failed_attempts).toBe(0);
  });

  it('draws the same amounts for the same seed, others for another', () => {
    const amounts = (seed: string) => {
      const { tenant } = tenantWith({ seed });
      return createMicrodeposit(tenant, addUser(tenant), ACCOUNT).amounts;
    };
    expect(amounts('s1')).toEqual(amounts('s1'));
    expect(amounts('s1')).not.toEqual(amounts('s2'));
  });
});
