// MX's identifier rules (src/server/domain/lookup.ts, docs/api.md): a `{…_identifier}` path takes the MX
// guid or the partner `id`; a `{…_guid}` path takes the guid only; anything else is a 404 naming it.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { accountOf, accountsOf, memberAt, memberOf, membersOf, userOf } from '../../src/server/domain/lookup.js';
import { MxError } from '../../src/server/errors.js';
import type { AccountRecord } from '../../src/server/generators/records.js';
import { pathParams, useCaseQuery } from '../../src/server/schemas/params.js';
import { addMember, addUser, tenantWith } from './fixtures/tenant.js';

function notFound(fn: () => unknown, resource: string, identifier: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MxError);
    expect(e).toMatchObject({
      status: 404,
      type: 'not_found',
      message: `${resource} not found: no ${resource} with identifier '${identifier}'`,
    });
    return;
  }
  throw new Error('expected a 404');
}

function world() {
  const { tenant } = tenantWith();
  const user = addUser(tenant, { id: 'partner-user' });
  const other = addUser(tenant, { id: 'other-user' });
  const member = addMember(tenant, user, 'mxbank', {}, { id: 'partner-member', use_cases: ['PFM'] });
  const second = addMember(tenant, user, 'simbank', {}, { use_cases: ['MONEY_MOVEMENT', 'PFM'] });
  const third = addMember(tenant, user, 'mxbank', { LOGIN: 'x' }, { use_cases: [] });
  const foreign = addMember(tenant, other, 'mxbank', {}, { id: 'foreign' });
  return { tenant, user, other, member, second, third, foreign };
}

describe('users', () => {
  it('{user_identifier}: the guid or the id', () => {
    const { tenant, user } = world();
    expect(userOf(tenant, { user_identifier: user.guid })).toBe(user);
    expect(userOf(tenant, { user_identifier: 'partner-user' })).toBe(user);
    notFound(() => userOf(tenant, { user_identifier: 'nobody' }), 'user', 'nobody');
  });

  it('{user_guid}: the guid only', () => {
    const { tenant, user } = world();
    expect(userOf(tenant, { user_guid: user.guid })).toBe(user);
    notFound(() => userOf(tenant, { user_guid: 'partner-user' }), 'user', 'partner-user');
    notFound(() => userOf(tenant, { user_guid: 'USR-none' }), 'user', 'USR-none');
  });
});

describe('members', () => {
  it("{member_identifier}: the guid or the id, among the user's own members", () => {
    const { tenant, user, member, foreign } = world();
    expect(memberOf(tenant, user, { member_identifier: member.guid })).toBe(member);
    expect(memberOf(tenant, user, { member_identifier: 'partner-member' })).toBe(member);
    notFound(() => memberOf(tenant, user, { member_identifier: foreign.guid }), 'member', foreign.guid);
    notFound(() => memberOf(tenant, user, { member_identifier: 'foreign' }), 'member', 'foreign');
  });

  it('{member_guid}: the guid only', () => {
    const { tenant, user, member, foreign } = world();
    expect(memberOf(tenant, user, { member_guid: member.guid })).toBe(member);
    notFound(() => memberOf(tenant, user, { member_guid: 'partner-member' }), 'member', 'partner-member');
    notFound(() => memberOf(tenant, user, { member_guid: foreign.guid }), 'member', foreign.guid);
  });

  it('a member route: the user by its parameter, then the member among its own', () => {
    const { tenant, user, member, foreign } = world();
    expect(memberAt(tenant, { user_identifier: 'partner-user', member_identifier: 'partner-member' })).toEqual({
      user,
      member,
    });
    expect(memberAt(tenant, { user_guid: user.guid, member_guid: member.guid })).toEqual({ user, member });
    notFound(() => memberAt(tenant, { user_guid: 'partner-user', member_guid: member.guid }), 'user', 'partner-user');
    notFound(() => memberAt(tenant, { user_guid: user.guid, member_guid: foreign.guid }), 'member', foreign.guid);
  });

  it("a user's members in creation order; with a use case, only those that have it", () => {
    const { tenant, user, other, member, second, third, foreign } = world();
    expect(membersOf(tenant, user)).toEqual([member, second, third]);
    expect(membersOf(tenant, user, 'PFM')).toEqual([member, second]);
    expect(membersOf(tenant, user, 'MONEY_MOVEMENT')).toEqual([second]);
    expect(membersOf(tenant, other)).toEqual([foreign]);
  });
});

describe('accounts', () => {
  const account = (guid: string, id: string) => ({ guid, id }) as AccountRecord;

  it("a user's accounts, member by member; members without data have none", () => {
    const { tenant, user, member, second } = world();
    const a = [account('ACT-1', 'a1'), account('ACT-2', 'a2')];
    const b = [account('ACT-3', 'a3')];
    member.data = { accounts: a, owners: null, numbers: null, statements: null, rewards: null };
    second.data = { accounts: b, owners: null, numbers: null, statements: null, rewards: null };
    expect(accountsOf(tenant, user)).toEqual([...a, ...b]);
    expect(accountsOf(tenant, user, 'MONEY_MOVEMENT')).toEqual(b);
  });

  it('{account_identifier}: the guid or the id (the guid first); {account_guid}: the guid only', () => {
    const list = [account('ACT-1', 'ACT-2'), account('ACT-2', 'two')];
    expect(accountOf(list, { account_identifier: 'ACT-2' })).toBe(list[1]);
    expect(accountOf(list, { account_identifier: 'two' })).toBe(list[1]);
    expect(accountOf(list, { account_guid: 'ACT-1' })).toBe(list[0]);
    notFound(() => accountOf(list, { account_guid: 'two' }), 'account', 'two');
    notFound(() => accountOf(list, { account_identifier: 'three' }), 'account', 'three');
  });
});

describe('parameters', () => {
  it('path parameters are strings, each documented in the OpenAPI document', () => {
    const names = [
      'user_identifier',
      'user_guid',
      'member_identifier',
      'member_guid',
      'account_identifier',
      'account_guid',
      'transaction_identifier',
      'transaction_guid',
      'statement_guid',
      'holding_guid',
      'reward_guid',
    ] as const;
    const schema = pathParams(...names);
    const values = Object.fromEntries(names.map((n) => [n, `${n}-value`]));
    expect(schema.parse(values)).toEqual(values);
    expect(schema.safeParse({ ...values, user_guid: 7 }).success).toBe(false);
    const app = new OpenAPIHono();
    app.openapi(
      createRoute({
        method: 'get',
        path: `/${names.map((n) => `{${n}}`).join('/')}`,
        request: { params: schema, query: z.object({ use_case: useCaseQuery }) },
        responses: { 204: { description: 'No Content' } },
      }),
      (c) => c.body(null, 204),
    );
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const parameters = Object.values(doc.paths ?? {})[0]?.get?.parameters as Array<{
      name: string;
      in: string;
      description: string;
    }>;
    expect(parameters.map((p) => [p.name, p.in, p.description])).toEqual([
      ['user_identifier', 'path', 'The user guid or the `id` you gave it.'],
      ['user_guid', 'path', 'The user guid (USR-…).'],
      ['member_identifier', 'path', 'The member guid or the `id` you gave it.'],
      ['member_guid', 'path', 'The member guid (MBR-…).'],
      ['account_identifier', 'path', 'The account guid or its `id`.'],
      ['account_guid', 'path', 'The account guid (ACT-…).'],
      ['transaction_identifier', 'path', 'The transaction guid or its `id`.'],
      ['transaction_guid', 'path', 'The transaction guid (TRN-…).'],
      ['statement_guid', 'path', 'The statement guid (STA-…).'],
      ['holding_guid', 'path', 'The investment holding guid (HOL-…).'],
      ['reward_guid', 'path', 'The reward guid (RWD-…).'],
      ['use_case', 'query', 'Only members with this use case.'],
    ]);
  });

  it('use_case is PFM or MONEY_MOVEMENT, or absent', () => {
    expect(useCaseQuery.parse('PFM')).toBe('PFM');
    expect(useCaseQuery.parse('MONEY_MOVEMENT')).toBe('MONEY_MOVEMENT');
    expect(useCaseQuery.parse(undefined)).toBeUndefined();
    const bad = useCaseQuery.safeParse('OTHER');
    expect(bad.error?.issues[0]?.message).toBe('must be PFM or MONEY_MOVEMENT');
  });
});
