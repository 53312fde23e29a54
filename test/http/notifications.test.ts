// Notifications over HTTP: v20250224 creates from a JSON body, v20111101 from `subject` and `content` query
// parameters, over the same state; what was made reads back in both, in pages, without a pagination object.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { newUser } from '../helpers/members.js';
import { useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer({ clock: new ManualClock('2026-03-20T10:00:00Z') });
const v1 = { headers: VERSION_HEADERS.v20111101 };

const create = (user: string, subject: string, content: string) =>
  mx.post(`/users/${user}/notifications`, { notification: { subject, content } });
const createV1 = (user: string, query: string) => mx.post(`/users/${user}/notifications?${query}`, undefined, v1);

describe('notifications', () => {
  it('creates an API_NOTIFICATION on channel PUSH in each version and reads it back in both', async () => {
    const user = await newUser(mx);
    const res = await create(user, 'Monthly Budget Report', 'You have spent $20 of $100.');
    expect(res.status, res.text).toBe(200);
    const n = res.body.notification;
    expect(n).toEqual({
      channel: 'PUSH',
      content: 'You have spent $20 of $100.',
      created_at: expect.any(String),
      deep_link_guid: null,
      delivered_at: null,
      entity_guid: null,
      guid: expect.stringMatching(/^NTF-/),
      has_been_delivered: false,
      has_been_viewed: false,
      notification_type: 11,
      subject: 'Monthly Budget Report',
      threshold: null,
    });
    expect(Date.parse(n.created_at)).toBe(mx.clock.now());
    expect((await mx.get(`/users/${user}/notifications/${n.guid}`, v1)).body.notification).toEqual(n);

    mx.clock.advance(86_400_000);
    const old = await createV1(
      user,
      `subject=${encodeURIComponent('Hi there')}&content=${encodeURIComponent('A & B')}`,
    );
    expect(old.status, old.text).toBe(200);
    const m = old.body.notification;
    expect(m).toMatchObject({ subject: 'Hi there', content: 'A & B', channel: 'PUSH', notification_type: 11 });
    expect((await mx.get(`/users/${user}/notifications/${m.guid}`)).body.notification).toEqual(m);

    const list = await mx.get(`/users/${user}/notifications`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ notifications: [n, m] });
    expect((await mx.get(`/users/${user}/notifications`, v1)).body).toEqual(list.body);
  });

  it('pages the list, and v20111101 filters it by the day it was made', async () => {
    const user = await newUser(mx);
    const start = Date.parse(`${new Date(mx.clock.now()).toISOString().slice(0, 10)}T00:00:00Z`);
    const made: string[] = [];
    for (let i = 0; i < 12; i++) {
      made.push((await create(user, `s${i}`, `c${i}`)).body.notification.guid);
      mx.clock.advance(86_400_000);
    }
    const page2 = await mx.get(`/users/${user}/notifications?records_per_page=10&page=2`);
    expect(page2.body.notifications.map((n: any) => n.guid)).toEqual(made.slice(10));
    expect(page2.body).not.toHaveProperty('pagination');
    // One a day: the i-th was made on day(i).
    const day = (i: number) => new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    const some = await mx.get(`/users/${user}/notifications?from_date=${day(2)}&to_date=${day(4)}`, v1);
    expect(some.status, some.text).toBe(200);
    expect(some.body.notifications.map((n: any) => n.subject)).toEqual(['s2', 's3', 's4']);
    const backwards = await mx.get(`/users/${user}/notifications?from_date=${day(4)}&to_date=${day(2)}`, v1);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain('from_date');
    expect((await mx.get(`/users/${user}/notifications?from_date=2026-02-30`, v1)).status).toBe(400);
  });

  it('answers a missing or empty subject or content, and unknown guids, with MX errors naming the field', async () => {
    const user = await newUser(mx);
    const bad = async (res: Promise<any>, status: number, text: string) => {
      const r = await res;
      expect(r.status, r.text).toBe(status);
      expect(r.body.error.message).toContain(text);
    };
    await bad(create(user, '', 'c'), 400, 'notification.subject');
    await bad(create(user, 's', '  '), 400, 'notification.content');
    await bad(mx.post(`/users/${user}/notifications`, { notification: { subject: 's' } }), 400, 'content');
    await bad(mx.post(`/users/${user}/notifications`, {}), 400, 'notification');
    await bad(createV1(user, 'content=c'), 400, 'subject');
    // v20111101 takes the texts in the query only: a body is not read for them.
    await bad(
      mx.post(`/users/${user}/notifications`, { notification: { subject: 's', content: 'c' } }, v1),
      400,
      'query parameter',
    );
    await bad(createV1(user, 'subject=s&content='), 400, 'content');
    await bad(
      mx.post('/users/USR-nope/notifications', { notification: { subject: 's', content: 'c' } }),
      404,
      'USR-nope',
    );
    await bad(mx.get(`/users/${user}/notifications/NTF-nope`, v1), 404, 'NTF-nope');
    expect((await mx.get(`/users/${user}/notifications`)).body.notifications).toEqual([]);
  });

  it('keeps each user’s and each client’s notifications to itself, and deletes them with the user', async () => {
    const user = await newUser(mx);
    const other = await newUser(mx);
    const n = (await create(user, 's', 'c')).body.notification;
    expect((await mx.get(`/users/${other}/notifications/${n.guid}`)).status).toBe(404);
    expect((await mx.get(`/users/${other}/notifications`)).body.notifications).toEqual([]);
    expect((await mx.get(`/users/${user}/notifications`, { auth: 'other-ntf-client:key' })).status).toBe(404);
    expect((await mx.del(`/users/${user}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/notifications/${n.guid}`)).status).toBe(404);
    const doc = (await mx.get('/_mx-sim/export?format=json')).body;
    expect(JSON.stringify(doc)).not.toContain(n.guid);
  });
});
