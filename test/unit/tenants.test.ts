// Which client worlds are kept (src/server/store/tenant.ts): a world that holds nothing goes when its last
// request ends, a world that holds something takes one of `maxTenants` slots, and a new client past the
// limit is refused (503) rather than anyone's data evicted; a state file's worlds come in through
// `restore`, in slots. Also: guid sequences are unchanged by being made lazily with SimpleFaker, and a
// sequence moved to a saved position goes on exactly.
import { describe, expect, it } from 'vitest';
import { GuidSequence, seededFaker } from '../../src/server/generators/ids.js';
import { type Tenant, Tenants } from '../../src/server/store/tenant.js';
import { addMember, addUser, mxErrorOf, tenantWith } from './fixtures/tenant.js';

describe('Tenant.holdsNothing', () => {
  it('is true for a fresh world only', () => {
    expect(tenantWith().tenant.holdsNothing()).toBe(true);
  });

  it('is false once anything a rebuilt world would not have is there', () => {
    const cases: Array<[string, (t: Tenant) => void]> = [
      ['a user', (t) => addUser(t)],
      [
        'a user deleted again (its guid was drawn)',
        (t) => {
          t.users.delete(addUser(t));
        },
      ],
      ['a guid drawn for nothing kept', (t) => t.guids.next('JOB')],
      ['a moved clock', (t) => t.clock.advance(1)],
      [
        'a webhook logged, then cleared',
        (t) => {
          t.webhooks.record({ type: 'BALANCE', payload: {}, at: 0 });
          t.webhooks.clear();
        },
      ],
      [
        'a fault that matched',
        (t) => {
          t.faults.matched[0] = 1;
        },
      ],
    ];
    for (const [what, change] of cases) {
      const { tenant } = tenantWith();
      change(tenant);
      expect(tenant.holdsNothing(), what).toBe(false);
    }
  });

  it('is false with a member (and its user)', () => {
    const { tenant } = tenantWith();
    addMember(tenant, addUser(tenant), 'mxbank');
    expect(tenant.members.size).toBe(1);
    expect(tenant.holdsNothing()).toBe(false);
  });

  it('is false with a clock started ahead by the world (starts_at)', () => {
    const { tenant } = tenantWith();
    tenant.clock.advance(86_400_000);
    expect(tenant.holdsNothing()).toBe(false);
  });
});

/** Tenants over the unit fixture's worlds, and the worlds it built. */
function tenants(options: { maxTenants?: number; outside?: Set<string> } = {}) {
  const built: Tenant[] = [];
  const outside = options.outside ?? new Set<string>();
  const all = new Tenants(
    () => {
      const { tenant } = tenantWith();
      built.push(tenant);
      return tenant;
    },
    { maxTenants: options.maxTenants, holdsOutside: (id) => outside.has(id) },
  );
  return { all, built, outside };
}

describe('Tenants', () => {
  it('drops a world that holds nothing when its request ends, and builds it again next time', () => {
    const { all, built } = tenants();
    all.enter('a');
    expect(all.clientIds()).toEqual(['a']);
    expect(all.size).toBe(0);
    all.leave('a');
    expect(all.clientIds()).toEqual([]);
    expect(all.find('a')).toBeUndefined();
    all.enter('a');
    expect(built).toHaveLength(2);
    expect(all.find('a')).toBe(built[1]);
  });

  it('keeps a world that holds something, in one slot', () => {
    const { all } = tenants();
    const tenant = all.enter('a');
    all.claim('a');
    addUser(tenant);
    all.leave('a');
    expect(all.clientIds()).toEqual(['a']);
    expect(all.size).toBe(1);
    expect(all.enter('a')).toBe(tenant);
    all.claim('a');
    all.leave('a');
    expect(all.size).toBe(1);
  });

  it('frees the slot of a claim that changed nothing', () => {
    const { all } = tenants();
    all.enter('a');
    all.claim('a');
    expect(all.size).toBe(1);
    all.leave('a');
    expect(all.size).toBe(0);
    expect(all.clientIds()).toEqual([]);
  });

  it('keeps a world while any of its requests is under way', () => {
    const { all } = tenants();
    const first = all.enter('a');
    const second = all.enter('a');
    expect(second).toBe(first);
    all.leave('a');
    expect(all.find('a')).toBe(first);
    all.leave('a');
    expect(all.find('a')).toBeUndefined();
  });

  it('refuses a new client that would keep something past the limit, with a message naming the flag', () => {
    const { all } = tenants({ maxTenants: 1 });
    addUser(all.enter('a'));
    all.claim('a');
    all.leave('a');
    all.enter('b');
    const refused = mxErrorOf(() => all.claim('b'));
    expect(refused.status).toBe(503);
    expect(refused.type).toBe('tenant_limit_reached');
    expect(refused.message).toContain('--max-tenants');
    all.leave('b');
    expect(all.clientIds()).toEqual(['a']);
    // A read that keeps nothing still has a world for its request.
    expect(all.enter('b').holdsNothing()).toBe(true);
    all.leave('b');
    // The client that has a slot keeps using it.
    all.enter('a');
    all.claim('a');
    all.leave('a');
    expect(all.size).toBe(1);
  });

  it('frees a slot when a world is replaced by one that holds nothing (a reset)', () => {
    const { all } = tenants({ maxTenants: 1 });
    addUser(all.enter('a'));
    all.claim('a');
    all.replace('a', tenantWith().tenant);
    all.leave('a');
    expect(all.size).toBe(0);
    all.enter('b');
    all.claim('b');
    expect(all.size).toBe(1);
  });

  it('counts what a client holds outside its world (a loaded scenario, a contract report)', () => {
    const { all, outside } = tenants({ maxTenants: 1 });
    outside.add('a');
    all.enter('a');
    all.leave('a');
    expect(all.size).toBe(1);
    all.enter('b');
    expect(mxErrorOf(() => all.claim('b')).status).toBe(503);
    all.leave('b');
    outside.delete('a');
    all.enter('a');
    all.leave('a');
    expect(all.size).toBe(0);
  });

  it('takes a slot at once for a world that holds something when built, and refuses it at the limit', () => {
    const presets = new Tenants(
      () => {
        const { tenant } = tenantWith();
        addUser(tenant);
        return tenant;
      },
      { maxTenants: 1 },
    );
    presets.enter('a');
    expect(presets.size).toBe(1);
    expect(mxErrorOf(() => presets.enter('b')).status).toBe(503);
    expect(presets.clientIds()).toEqual(['a']);
  });

  it('refuses a new client at the limit without building its world when every new world holds something', () => {
    let builds = 0;
    const presets = new Tenants(
      () => {
        builds++;
        const { tenant } = tenantWith();
        addUser(tenant);
        return tenant;
      },
      { maxTenants: 1, newWorldsHoldSomething: true },
    );
    presets.enter('a');
    expect(mxErrorOf(() => presets.enter('b')).status).toBe(503);
    expect(builds).toBe(1);
    // A client that has a world is not new.
    presets.leave('a');
    presets.enter('a');
    expect(builds).toBe(1);
  });

  it('never loses a world that changed without a claim: it is kept, past the limit if need be', () => {
    const { all } = tenants({ maxTenants: 1 });
    addUser(all.enter('a'));
    all.claim('a');
    all.leave('a');
    addUser(all.enter('b'));
    all.leave('b');
    expect(all.clientIds()).toEqual(['a', 'b']);
    expect(all.size).toBe(2);
  });

  it('restores a world that holds something: kept outside any request, in a slot, and used by requests', () => {
    const { all, built } = tenants({ maxTenants: 2 });
    const { tenant } = tenantWith();
    addUser(tenant);
    expect(all.free).toBe(2);
    expect(all.restore('a', tenant)).toBe(true);
    expect(all.clientIds()).toEqual(['a']);
    expect([all.size, all.free]).toEqual([1, 1]);
    // Requests get it, and it stays when they end.
    expect(all.enter('a')).toBe(tenant);
    all.claim('a');
    all.leave('a');
    expect(all.find('a')).toBe(tenant);
    expect(all.size).toBe(1);
    expect(built).toHaveLength(0);
  });

  it('does not keep a restored world that holds nothing, unless the client holds something outside it', () => {
    const { all, outside } = tenants();
    expect(all.restore('a', tenantWith().tenant)).toBe(false);
    expect(all.clientIds()).toEqual([]);
    outside.add('b');
    expect(all.restore('b', tenantWith().tenant)).toBe(true);
    expect(all.size).toBe(1);
  });

  it('restores only a client that has no world, and never past the limit', () => {
    const { all } = tenants({ maxTenants: 1 });
    const held = () => {
      const { tenant } = tenantWith();
      addUser(tenant);
      return tenant;
    };
    all.restore('a', held());
    expect(() => all.restore('a', held())).toThrow(/client a already has a world/);
    all.enter('b');
    expect(() => all.restore('b', held())).toThrow(/client b already has a world/);
    all.leave('b');
    expect(all.free).toBe(0);
    expect(() => all.restore('c', held())).toThrow(/all 1 tenant slots are taken/);
    expect(all.clientIds()).toEqual(['a']);
    // A new client past the limit is refused as usual.
    all.enter('d');
    expect(mxErrorOf(() => all.claim('d')).status).toBe(503);
    all.leave('d');
  });

  it('get builds a world without keeping it', () => {
    const { all } = tenants();
    expect(all.get('a').holdsNothing()).toBe(true);
    expect(all.clientIds()).toEqual([]);
  });
});

describe('GuidSequence', () => {
  it('issues what a seeded Faker did, and nothing until asked', () => {
    const seq = new GuidSequence('seed', 'client');
    expect(seq.position).toBe(0);
    const faker = seededFaker('guids', 'seed', 'client');
    for (let i = 0; i < 50; i++) expect(seq.next('USR')).toBe(`USR-${faker.string.uuid()}`);
    // A guid is 31 draws of the generator; the position counts draws.
    expect(seq.position).toBe(50 * 31);
  });

  it('moves on to a position as if the guids in between had been issued, the same guids after', () => {
    const seq = new GuidSequence('seed', 'client');
    const faker = seededFaker('guids', 'seed', 'client');
    for (let i = 0; i < 7; i++) faker.string.uuid();
    seq.moveTo(7 * 31);
    expect(seq.position).toBe(7 * 31);
    for (let i = 0; i < 5; i++) expect(seq.next('MBR')).toBe(`MBR-${faker.string.uuid()}`);
    expect(seq.position).toBe(12 * 31);
    // Never back; to where it is, nothing happens (a new sequence stays at its start).
    expect(() => seq.moveTo(0)).toThrow(RangeError);
    const fresh = new GuidSequence('seed', 'client');
    fresh.moveTo(0);
    expect(fresh.position).toBe(0);
  });
});
