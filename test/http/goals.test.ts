// Goals over HTTP (v20250224, and v20111101 over the same state): what a goal has reached follows its
// account's balance, positions stay 1..n through creates, repositions and deletes, MX's errors.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { createMember, newUser, settle } from '../helpers/members.js';
import { startServer, type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer({ clock: new ManualClock('2026-03-20T10:00:00Z') });
const v1 = { headers: VERSION_HEADERS.v20111101 };
const DEBT = new Set(['CREDIT_CARD', 'LOAN', 'MORTGAGE', 'LINE_OF_CREDIT']);

const manual = async (user: string, account: Record<string, unknown>, server: TestServer = mx) =>
  (await server.post(`/users/${user}/accounts`, { account: { name: 'Jar', account_type: 'SAVINGS', ...account } })).body
    .account as { guid: string; member_guid: string };

const goalBody = (account: string, extra: Record<string, unknown> = {}) => ({
  goal: {
    account_guid: account,
    amount: 4000,
    goal_type_name: 'SAVE_AMOUNT',
    meta_type_name: 'VACATION',
    name: 'Europe',
    ...extra,
  },
});

async function makeGoal(user: string, account: string, extra: Record<string, unknown> = {}, server = mx) {
  const res = await server.post(`/users/${user}/goals`, goalBody(account, extra));
  expect(res.status, res.text).toBe(200);
  return res.body.goal;
}

const positions = async (user: string, server = mx) =>
  (await server.get(`/users/${user}/goals`)).body.goals.map((g: any) => [g.guid, g.position]);

describe('goals', () => {
  it('creates, reads, lists, updates and deletes goals whose figures follow the account balance', async () => {
    const user = await newUser(mx);
    const jar = await manual(user, { balance: 1000 });
    const card = await manual(user, { name: 'Card', account_type: 'CREDIT_CARD', balance: 600 });
    const save = await makeGoal(user, jar.guid, { metadata: 'm', targeted_to_complete_at: '2027-06-01' });
    expect(save).toMatchObject({
      account_guid: jar.guid,
      amount: 4000,
      current_amount: 1000,
      goal_type_name: 'SAVE_AMOUNT',
      meta_type_name: 'VACATION',
      track_type_name: 'SAVINGS_TRACK',
      name: 'Europe',
      metadata: 'm',
      position: 1,
      is_complete: false,
      has_been_spent: false,
      user_guid: user,
    });
    expect(save.guid).toMatch(/^GOL-/);
    expect(save.targeted_to_complete_at).toMatch(/^2027-06-01T00:00:00/);
    // A manual account has no transactions to measure a pace by, and the goal is not complete.
    expect(save).not.toHaveProperty('completed_at');
    expect(save).not.toHaveProperty('projected_to_complete_at');
    expect((await mx.get(`/users/${user}/goals/${save.guid}`, v1)).body.goal).toEqual(save);

    // A null goal_type_name takes the one the account fits: a credit card pays off.
    const payoff = await makeGoal(user, card.guid, { goal_type_name: null, amount: 1000, meta_type_name: 'OTHER' });
    expect(payoff).toMatchObject({
      goal_type_name: 'PAYOFF',
      track_type_name: 'DEBT_TRACK',
      current_amount: 400,
      is_complete: false,
      position: 2,
    });

    // The balances move: the goals follow.
    mx.clock.advance(60_000);
    await mx.put(`/users/${user}/members/${jar.member_guid}/accounts/${jar.guid}`, { account: { balance: 4500 } });
    await mx.put(`/users/${user}/members/${card.member_guid}/accounts/${card.guid}`, { account: { balance: 0 } }, v1);
    const saved = (await mx.get(`/users/${user}/goals/${save.guid}`)).body.goal;
    expect(saved).toMatchObject({ current_amount: 4500, is_complete: true });
    expect(Date.parse(saved.completed_at)).toBe(mx.clock.now());
    expect(saved.projected_to_complete_at).toBe(saved.completed_at);
    const paid = (await mx.get(`/users/${user}/goals/${payoff.guid}`, v1)).body.goal;
    expect(paid).toMatchObject({ current_amount: 1000, is_complete: true });

    const updated = await mx.put(`/users/${user}/goals/${save.guid}`, {
      goal: { amount: 5000, name: 'Europe and back', metadata: null, has_been_spent: true, meta_type_name: 'HOUSE' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.goal).toMatchObject({
      amount: 5000,
      name: 'Europe and back',
      has_been_spent: true,
      meta_type_name: 'HOUSE',
      is_complete: false,
      current_amount: 4500,
    });
    expect(updated.body.goal).not.toHaveProperty('metadata');
    expect(updated.body.goal).not.toHaveProperty('completed_at');

    // Marking it complete holds whatever the balance; false takes the mark off.
    const marked = (await mx.put(`/users/${user}/goals/${save.guid}`, { goal: { is_complete: true } }, v1)).body.goal;
    expect(marked).toMatchObject({ is_complete: true, current_amount: 4500 });
    expect(Date.parse(marked.completed_at)).toBe(mx.clock.now());
    const unmarked = (await mx.put(`/users/${user}/goals/${save.guid}`, { goal: { is_complete: false } })).body.goal;
    expect(unmarked.is_complete).toBe(false);

    const list = await mx.get(`/users/${user}/goals`, v1);
    expect(list.status).toBe(200);
    expect(list.body.goals.map((g: any) => g.guid)).toEqual([save.guid, payoff.guid]);
    expect(list.body.goals[0]).toEqual(unmarked);
    expect(list.body.pagination).toMatchObject({ current_page: 1, total_entries: 2 });
    expect((await mx.get(`/users/${user}/goals`)).body).toEqual(list.body);

    expect((await mx.del(`/users/${user}/goals/${save.guid}`)).status).toBe(204);
    expect(await positions(user)).toEqual([[payoff.guid, 1]]);
    const gone = await mx.get(`/users/${user}/goals/${save.guid}`, v1);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toContain(save.guid);
  });

  it('puts new goals last, repositions the goals named and closes the gap a delete leaves', async () => {
    const user = await newUser(mx);
    const jar = await manual(user, { balance: 10 });
    const made: any[] = [];
    for (const name of ['a', 'b', 'c', 'd']) made.push(await makeGoal(user, jar.guid, { name }));
    const guid = (i: number) => made[i].guid as string;
    expect(made.map((g) => g.position)).toEqual([1, 2, 3, 4]);

    const moved = await mx.put(`/users/${user}/goals/reposition`, { goals: [{ guid: guid(3), position: 1 }] });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.goals.map((g: any) => [g.name, g.position])).toEqual([
      ['d', 1],
      ['a', 2],
      ['b', 3],
      ['c', 4],
    ]);
    const twice = await mx.put(
      `/users/${user}/goals/reposition`,
      {
        goals: [
          { guid: guid(0), position: 4 },
          { guid: guid(1), position: 1 },
        ],
      },
      v1,
    );
    expect(twice.status).toBe(200);
    expect(twice.body.goals.map((g: any) => g.name)).toEqual(['b', 'd', 'c', 'a']);
    expect((await mx.get(`/users/${user}/goals/${guid(0)}`, v1)).body.goal.position).toBe(4);

    // A new goal can say where it goes; an update can move one.
    const first = await makeGoal(user, jar.guid, { name: 'e', position: 1 });
    expect(first.position).toBe(1);
    expect((await mx.get(`/users/${user}/goals`)).body.goals.map((g: any) => g.name)).toEqual([
      'e',
      'b',
      'd',
      'c',
      'a',
    ]);
    await mx.put(`/users/${user}/goals/${first.guid}`, { goal: { position: 3 } });
    expect((await mx.get(`/users/${user}/goals`)).body.goals.map((g: any) => g.name)).toEqual([
      'b',
      'd',
      'e',
      'c',
      'a',
    ]);

    await mx.del(`/users/${user}/goals/${guid(3)}`);
    const after = (await mx.get(`/users/${user}/goals`, v1)).body.goals;
    expect(after.map((g: any) => [g.name, g.position])).toEqual([
      ['b', 1],
      ['e', 2],
      ['c', 3],
      ['a', 4],
    ]);

    // What reposition refuses: nothing named, a goal not the user's, a place outside 1..n, twice the same.
    const other = await newUser(mx);
    const theirs = await makeGoal(other, (await manual(other, {})).guid);
    const bad = async (goals: unknown, status: number, text: string) => {
      const res = await mx.put(`/users/${user}/goals/reposition`, { goals });
      expect(res.status, res.text).toBe(status);
      expect(res.body.error.message).toContain(text);
    };
    await bad([], 400, 'goals');
    await bad([{ guid: theirs.guid, position: 1 }], 404, theirs.guid);
    await bad([{ guid: 'GOL-nope', position: 1 }], 404, 'GOL-nope');
    await bad([{ guid: guid(0), position: 5 }], 400, 'goals[0].position');
    await bad([{ guid: guid(0), position: 0 }], 400, 'from 1 to 4');
    await bad([{ guid: guid(0), position: 1.5 }], 400, 'position');
    await bad(
      [
        { guid: guid(0), position: 1 },
        { guid: guid(1), position: 1 },
      ],
      400,
      'goals[1].position',
    );
    await bad(
      [
        { guid: guid(0), position: 1 },
        { guid: guid(0), position: 2 },
      ],
      400,
      'named twice',
    );
    await bad([{ position: 1 }], 400, 'guid');
    expect((await mx.get(`/users/${user}/goals`)).body.goals).toEqual(after);
    const outOfRange = await mx.put(`/users/${user}/goals/${first.guid}`, { goal: { position: 9 } });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.message).toContain('goal.position');
  });

  it('follows an aggregated account after the clock moves on and the member aggregates again', async () => {
    const { user, path } = await createMember(mx, 'password');
    await settle(mx, path);
    const accounts = (await mx.get(`/users/${user}/accounts`)).body.accounts as any[];
    const saving = accounts.find((a) => !DEBT.has(a.type) && a.type !== 'INVESTMENT');
    const debt = accounts.find((a) => DEBT.has(a.type));
    const far = await makeGoal(user, saving.guid, { amount: Math.max(0, saving.balance) + 1_000_000 });
    expect(far).toMatchObject({ current_amount: Math.max(0, saving.balance), is_complete: false });
    if (far.projected_to_complete_at) expect(Date.parse(far.projected_to_complete_at)).toBeGreaterThan(mx.clock.now());
    const near = await makeGoal(user, saving.guid, { amount: 0.01, name: 'Near' });
    if (saving.balance >= 0.01) {
      expect(near.is_complete).toBe(true);
      expect(Date.parse(near.completed_at)).toBeLessThanOrEqual(mx.clock.now());
    }
    const owed = debt
      ? await makeGoal(user, debt.guid, { goal_type_name: 'PAYOFF', amount: debt.balance + 500 })
      : null;
    if (owed)
      expect(owed.current_amount).toBeCloseTo(Math.max(0, Math.min(owed.amount, owed.amount - debt.balance)), 2);

    const was = (await mx.get(`/users/${user}/goals`)).body.goals;
    await mx.post('/_mx-sim/clock', { to: '2026-05-01T10:00:00Z' });
    await mx.post(`${path}/aggregate`);
    await settle(mx, path);
    const now = (await mx.get(`/users/${user}/accounts`)).body.accounts as any[];
    const savingNow = now.find((a) => a.guid === saving.guid);
    const goals = (await mx.get(`/users/${user}/goals`, v1)).body.goals;
    expect(goals[0].current_amount).toBeCloseTo(Math.max(0, savingNow.balance), 2);
    if (savingNow.balance !== saving.balance) expect(goals[0].current_amount).not.toBe(was[0].current_amount);
    if (owed) {
      const debtNow = now.find((a) => a.guid === debt.guid);
      expect(goals[2].current_amount).toBeCloseTo(Math.max(0, Math.min(owed.amount, owed.amount - debtNow.balance)), 2);
    }
  });

  it('answers bad bodies, unknown guids and accounts that do not fit with MX errors naming the field', async () => {
    const user = await newUser(mx);
    const jar = await manual(user, { balance: 5 });
    const card = await manual(user, { name: 'Card', account_type: 'CREDIT_CARD', balance: 5 });
    const bad = async (body: unknown, status: number, text: string, opts = {}) => {
      const res = await mx.post(`/users/${user}/goals`, body, opts);
      expect(res.status, res.text).toBe(status);
      expect(res.body.error.message).toContain(text);
    };
    await bad(goalBody(jar.guid, { meta_type_name: 'YACHT' }), 400, 'goal.meta_type_name');
    await bad(goalBody(jar.guid, { goal_type_name: 'SPLURGE' }), 400, 'goal.goal_type_name');
    await bad(goalBody(jar.guid, { goal_type_name: 'SPLURGE' }), 400, 'goal.goal_type_name', v1);
    await bad(goalBody(jar.guid, { amount: 0 }), 400, 'goal.amount');
    await bad(goalBody(jar.guid, { amount: 'lots' }), 400, 'goal.amount');
    await bad(goalBody(jar.guid, { name: ' ' }), 400, 'goal.name');
    await bad(
      { goal: { account_guid: jar.guid, amount: 3, meta_type_name: 'OTHER', goal_type_name: null } },
      400,
      'goal.name',
    );
    await bad(goalBody(jar.guid, { targeted_to_complete_at: '2026-02-30' }), 400, 'goal.targeted_to_complete_at');
    await bad(goalBody(jar.guid, { targeted_to_complete_at: 'next summer' }), 400, 'goal.targeted_to_complete_at');
    await bad(goalBody(jar.guid, { is_complete: true, completed_at: '2026-01-01T24:00' }), 400, 'goal.completed_at');
    // A time with an offset reads back in UTC; MX's own example form is taken.
    const offset = await makeGoal(user, jar.guid, { targeted_to_complete_at: '2026-12-08T10:00:00+02:00' });
    expect(offset.targeted_to_complete_at).toMatch(/^2026-12-08T08:00:00/);
    const mxForm = await makeGoal(user, jar.guid, { targeted_to_complete_at: '2026-12-08 00:00:00.000000' });
    expect(mxForm.targeted_to_complete_at).toMatch(/^2026-12-08T00:00:00/);
    await mx.del(`/users/${user}/goals/${offset.guid}`);
    await mx.del(`/users/${user}/goals/${mxForm.guid}`);
    await bad(goalBody(jar.guid, { goal_type_name: 'PAYOFF' }), 400, 'goal.account_guid');
    await bad(goalBody(card.guid), 400, 'goal.account_guid');
    await bad(goalBody(jar.guid, { position: 3 }), 400, 'goal.position');
    await bad(goalBody('ACT-nope'), 404, 'ACT-nope');
    const other = await newUser(mx);
    const theirs = await manual(other, {});
    await bad(goalBody(theirs.guid), 404, theirs.guid);
    expect((await mx.get('/users/USR-nope/goals')).status).toBe(404);
    const g = await makeGoal(user, jar.guid);
    expect((await mx.put(`/users/${user}/goals/GOL-nope`, { goal: { amount: 1 } })).status).toBe(404);
    expect((await mx.del(`/users/${user}/goals/GOL-nope`, v1)).status).toBe(404);
    const wrongKind = await mx.put(`/users/${user}/goals/${g.guid}`, { goal: { account_guid: card.guid } });
    expect(wrongKind.status).toBe(400);
    const switched = await mx.put(`/users/${user}/goals/${g.guid}`, {
      goal: { account_guid: card.guid, goal_type_name: 'PAYOFF', amount: 10 },
    });
    expect(switched.status, switched.text).toBe(200);
    expect(switched.body.goal).toMatchObject({
      goal_type_name: 'PAYOFF',
      current_amount: 5,
      track_type_name: 'DEBT_TRACK',
    });
    // Another user of the client, and another client, do not see the goal.
    expect((await mx.get(`/users/${other}/goals/${g.guid}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/goals`, { auth: 'other-goals-client:key' })).status).toBe(404);
    expect((await mx.get(`/users/${user}/goals/${g.guid}`)).status).toBe(200);
  });

  it("keeps a goal whose account is deleted, reading nothing on it, and deletes a user's goals with the user", async () => {
    const user = await newUser(mx);
    const jar = await manual(user, { balance: 700 });
    const other = await manual(user, { name: 'Other', balance: 80 });
    const g = await makeGoal(user, jar.guid, { amount: 500 });
    expect(g.is_complete).toBe(true);
    expect((await mx.del(`/users/${user}/accounts/${jar.guid}`)).status).toBe(204);
    const orphan = (await mx.get(`/users/${user}/goals/${g.guid}`)).body.goal;
    expect(orphan).toMatchObject({ account_guid: jar.guid, current_amount: 0, is_complete: false });
    const moved = (await mx.put(`/users/${user}/goals/${g.guid}`, { goal: { account_guid: other.guid } })).body.goal;
    expect(moved).toMatchObject({ account_guid: other.guid, current_amount: 80 });
    expect((await mx.del(`/users/${user}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/goals`)).status).toBe(404);
    const doc = (await mx.get('/_mx-sim/export?format=json')).body;
    expect(JSON.stringify(doc)).not.toContain(g.guid);
  });

  it('gives the same guids for the same seed', async () => {
    const run = async (seed: string) => {
      const sim = await startServer({ seed });
      const user = await newUser(sim);
      const jar = await manual(user, {}, sim);
      const g = await makeGoal(user, jar.guid, {}, sim);
      await sim.close();
      return [user, g.guid];
    };
    const one = await run('seed-one');
    expect(await run('seed-one')).toEqual(one);
    expect((await run('seed-two'))[1]).not.toBe(one[1]);
  });
});

describe('the state file', () => {
  it('keeps goals, their positions and notifications across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-gol-')), 'state.json');
    const before = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z'), stateFile: file });
    const { user, path } = await createMember(before, 'password');
    await settle(before, path);
    const account = (await before.get(`/users/${user}/accounts`)).body.accounts.find((a: any) => !DEBT.has(a.type));
    const a = await makeGoal(user, account.guid, { targeted_to_complete_at: '2028-01-01T12:00:00Z' }, before);
    const b = await makeGoal(user, account.guid, { name: 'B', amount: 1, metadata: 'kept' }, before);
    await before.put(`/users/${user}/goals/reposition`, { goals: [{ guid: b.guid, position: 1 }] });
    await before.put(`/users/${user}/goals/${a.guid}`, { goal: { is_complete: true, has_been_spent: true } });
    await before.post(`/users/${user}/notifications`, { notification: { subject: 'S', content: 'C' } });
    const was = (await before.get(`/users/${user}/goals`)).body;
    const notes = (await before.get(`/users/${user}/notifications`)).body;
    await before.sim.state.save();
    await before.close();

    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file });
    expect((await after.get(`/users/${user}/goals`)).body).toEqual(was);
    expect((await after.get(`/users/${user}/notifications`, v1)).body).toEqual(notes);
    const other = await newUser(after);
    const jar = await manual(other, {}, after);
    const next = await makeGoal(other, jar.guid, {}, after);
    expect(JSON.stringify(was)).not.toContain(next.guid);
    await after.close();
  });
});

describe('export and import', () => {
  const copy = useServer({ seed: 'another-seed', clock: new ManualClock('2026-03-20T10:00:00Z') });

  it('exports goals in position order, and a fresh simulator loads them back with the same figures', async () => {
    const { user, path } = await createMember(mx, 'password');
    await settle(mx, path);
    const accounts = (await mx.get(`/users/${user}/accounts`)).body.accounts as any[];
    const saving = accounts.find((a) => !DEBT.has(a.type));
    const a = await makeGoal(user, saving.guid, { metadata: 'm', targeted_to_complete_at: '2030-01-01' });
    const b = await makeGoal(user, saving.guid, { name: 'Rainy day', meta_type_name: 'EMERGENCY_FUND', amount: 99 });
    await mx.put(`/users/${user}/goals/reposition`, { goals: [{ guid: b.guid, position: 1 }] });
    await mx.put(`/users/${user}/goals/${a.guid}`, {
      goal: { is_complete: true, completed_at: '2026-03-01T00:00:00Z' },
    });
    await mx.post(`/users/${user}/notifications`, { notification: { subject: 'Hi', content: 'There' } });
    const doc = (await mx.get('/_mx-sim/export?format=json')).body;
    const mine = doc.users.find((u: any) => u.guid === user);
    expect(mine.goals.map((g: any) => g.guid)).toEqual([b.guid, a.guid]);
    expect(mine.goals[1]).toMatchObject({ account: saving.guid, metadata: 'm', meta_type_name: 'VACATION' });
    expect(mine.goals[1].marked_complete_at).toMatch(/^2026-03-01T00:00:00/);
    expect(mine.notifications).toEqual([{ guid: expect.stringMatching(/^NTF-/), subject: 'Hi', content: 'There' }]);
    const loaded = await copy.post('/_mx-sim/scenarios?source=export.json', doc);
    expect(loaded.status, loaded.text).toBe(201);
    // A goal reached by its balance counts from its creation, which is the load in the copy.
    const pick = (g: any) =>
      g.guid === a.guid ? g : { ...g, completed_at: undefined, projected_to_complete_at: undefined };
    const [x, y] = [await mx.get(`/users/${user}/goals`), await copy.get(`/users/${user}/goals`)];
    expect(y.status).toBe(200);
    expect(y.body.goals.map(pick)).toEqual(x.body.goals.map(pick));
    const notes = (await copy.get(`/users/${user}/notifications`)).body.notifications;
    expect(notes.map((n: any) => [n.subject, n.content])).toEqual([['Hi', 'There']]);
  });

  it('gives a scenario user goals on accounts named by name, in order, of the kind each account fits', async () => {
    const res = await copy.post('/_mx-sim/scenarios?source=goals.json', {
      users: [
        {
          id: 'saver',
          members: [{ institution: 'mxbank' }],
          goals: [
            { account: 'Checking', name: 'Europe', amount: 6000, meta_type_name: 'VACATION' },
            { account: 'Credit Card', name: 'Card', amount: 2500, targeted_to_complete_at: '2027-01-01' },
          ],
          notifications: [{ subject: 'Welcome', content: 'Your goals are set.' }],
        },
      ],
    });
    expect(res.status, res.text).toBe(201);
    const user = (await copy.get('/users')).body.users.find((u: any) => u.id === 'saver').guid;
    const goals = (await copy.get(`/users/${user}/goals`, v1)).body.goals;
    expect(goals.map((g: any) => [g.name, g.position, g.goal_type_name, g.meta_type_name])).toEqual([
      ['Europe', 1, 'SAVE_AMOUNT', 'VACATION'],
      ['Card', 2, 'PAYOFF', 'OTHER'],
    ]);
    expect(goals[1].targeted_to_complete_at).toMatch(/^2027-01-01T00:00:00/);
    const notes = (await copy.get(`/users/${user}/notifications`)).body.notifications;
    expect(notes).toMatchObject([{ subject: 'Welcome', content: 'Your goals are set.', notification_type: 11 }]);
  });

  it("names a scenario goal's account that is not the user's", async () => {
    const res = await copy.post('/_mx-sim/scenarios?source=bad.json', {
      users: [{ id: 'goal-user', goals: [{ account: 'Nowhere', name: 'X', amount: 5 }] }],
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.text).toContain('goals[0].account');
  });
});
