// Users (src/server/domain/users.ts, docs/api.md): creating one (defaults, the partner id unique per
// client), updating it, and deleting it with everything under it. Over an in-memory tenant: no HTTP.
import { describe, expect, it } from 'vitest';
import { createUser, deleteUser, updateUser } from '../../src/server/domain/users.js';
import { addMember, addUser, mxErrorOf, START, tenantWith } from './fixtures/tenant.js';

describe('createUser', () => {
  it('stores a user with defaults for what is not given, created now', () => {
    const { tenant, clock } = tenantWith();
    clock.advance(123);
    const user = createUser(tenant, {});
    expect(user).toStrictEqual({
      guid: expect.stringMatching(/^USR-/),
      id: null,
      email: null,
      is_disabled: false,
      metadata: null,
      created_at_ms: START + 123,
    });
    expect(tenant.users.find(user.guid)).toBe(user);
  });

  it('takes the fields given, and a preset guid', () => {
    const { tenant } = tenantWith();
    const user = createUser(tenant, {
      guid: 'USR-preset',
      id: 'partner',
      email: 'a@example.com',
      is_disabled: true,
      metadata: '{"a":1}',
    });
    expect(user).toMatchObject({
      guid: 'USR-preset',
      id: 'partner',
      email: 'a@example.com',
      is_disabled: true,
      metadata: '{"a":1}',
    });
    expect(tenant.users.find('partner')).toBe(user);
  });

  it('gives each new user its own guid', () => {
    const { tenant } = tenantWith();
    expect(createUser(tenant, {}).guid).not.toBe(createUser(tenant, {}).guid);
  });

  it("refuses another user's id: 409 duplicate_user_id, storing nothing", () => {
    const { tenant } = tenantWith();
    createUser(tenant, { id: 'taken' });
    const e = mxErrorOf(() => createUser(tenant, { id: 'taken', email: 'x@example.com' }));
    expect(e).toMatchObject({ status: 409, type: 'duplicate_user_id' });
    expect(e.message).toContain("user id 'taken' is already in use");
    expect(tenant.users.size).toBe(1);
  });

  it('lets any number of users go without an id', () => {
    const { tenant } = tenantWith();
    createUser(tenant, {});
    createUser(tenant, {});
    expect(tenant.users.size).toBe(2);
  });
});

describe('updateUser', () => {
  it('changes the fields given and finds the user by its new id', () => {
    const { tenant } = tenantWith();
    const user = createUser(tenant, { id: 'old', email: 'a@example.com' });
    expect(updateUser(tenant, user, { id: 'new', is_disabled: true })).toBe(user);
    expect(user).toMatchObject({ id: 'new', email: 'a@example.com', is_disabled: true });
    expect(tenant.users.find('new')).toBe(user);
    expect(tenant.users.find('old')).toBeUndefined();
  });

  it("refuses another user's id (409)", () => {
    const { tenant } = tenantWith();
    createUser(tenant, { id: 'taken' });
    const user = createUser(tenant, { id: 'mine' });
    expect(mxErrorOf(() => updateUser(tenant, user, { id: 'taken' })).type).toBe('duplicate_user_id');
    expect(user.id).toBe('mine');
  });
});

describe('deleteUser', () => {
  it('deletes the user and its members, and nobody else’s', () => {
    const { tenant } = tenantWith();
    const user = createUser(tenant, { id: 'gone' });
    const other = addUser(tenant);
    const mine = addMember(tenant, user, 'mxbank');
    const theirs = addMember(tenant, other, 'mxbank');
    deleteUser(tenant, user);
    expect(tenant.users.find(user.guid)).toBeUndefined();
    expect(tenant.users.find('gone')).toBeUndefined();
    expect(tenant.members.byGuid(mine.guid)).toBeUndefined();
    expect(tenant.members.forUser(user.guid)).toEqual([]);
    expect(tenant.members.byGuid(theirs.guid)).toBe(theirs);
    expect(tenant.users.find(other.guid)).toBe(other);
  });
});
