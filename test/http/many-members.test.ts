// A client with many members: a request settles only the members with something due (the due index,
// src/server/store/members.ts), and every step still applies when its time comes: the last member's job,
// each idle member's daily background aggregation, a user disabled and enabled again, a member's
// background aggregation turned off over the API.
import { describe, expect, it } from 'vitest';
import { credentialsFor, newUser } from '../helpers/members.js';
import { useServer } from '../helpers/server.js';

const DAY = 86_400_000;

describe('a client with many members', () => {
  const mx = useServer({ fast: true });

  it("settles each member's steps on time, whichever member is polled", async () => {
    const users = [await newUser(mx), await newUser(mx)];
    const paths: string[] = [];
    for (let i = 0; i < 60; i++) {
      const user = users[i % 2] as string;
      const credentials = await credentialsFor(mx, 'mxbank', 'password', `mxuser${i}`);
      const res = await mx.post(`/users/${user}/members`, {
        member: { institution_code: 'mxbank', credentials, id: `m${i}` },
      });
      expect(res.status).toBe(202);
      paths.push(`/users/${user}/members/${res.body.member.guid}`);
      mx.clock.advance(1);
    }
    const last = paths[59] as string;
    // Polling only the last member: every member's job finished when its time came.
    mx.clock.advance(5);
    expect((await mx.get(`${last}/status`)).body.member).toMatchObject({
      connection_status: 'CONNECTED',
      is_being_aggregated: false,
    });
    const first = (await mx.get(`${paths[0]}/status`)).body.member;
    expect(first).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });

    // Member 1 stops background aggregation over the API; user 0 (even members) is disabled.
    const m1 = paths[1] as string;
    expect((await mx.put(m1, { member: { background_aggregation_is_disabled: true } })).status).toBe(200);
    expect((await mx.put(`/users/${users[0]}`, { user: { is_disabled: true } })).status).toBe(200);
    mx.clock.advance(DAY + 10);
    // One request (the clock) settles all of them.
    await mx.get('/_mx-sim/clock');
    const aggregatedAt = async (path: string) => (await mx.get(`${path}/status`)).body.member.aggregated_at;
    const before = Date.parse(first.aggregated_at);
    for (let i = 0; i < 60; i++) {
      const at = Date.parse(await aggregatedAt(paths[i] as string));
      if (i % 2 === 0 || i === 1) expect(at, `member ${i}`).toBeLessThan(before + DAY);
      else expect(at, `member ${i}`).toBeGreaterThan(before + DAY);
    }
    // User 0 enabled again: its members' background aggregations run at the next request.
    expect((await mx.put(`/users/${users[0]}`, { user: { is_disabled: false } })).status).toBe(200);
    mx.clock.advance(10);
    for (let i = 0; i < 60; i += 2) {
      expect(Date.parse(await aggregatedAt(paths[i] as string)), `member ${i}`).toBeGreaterThan(before + DAY);
    }
    expect(Date.parse(await aggregatedAt(m1))).toBeLessThan(before + DAY);
  });
});
