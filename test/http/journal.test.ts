// The request journal (GET /_mx-sim/journal): each client's MX API requests, newest first, bounded, with
// the bodies a person debugging needs and never a credential value or a challenge answer.
import { describe, expect, it } from 'vitest';
import { createMember, settle } from '../helpers/members.js';
import { basic, useServer } from '../helpers/server.js';

const journal = async (mx: ReturnType<typeof useServer>, auth?: string, query = '') => {
  const res = await mx.get(`/_mx-sim/journal${query}`, auth ? { auth } : {});
  expect(res.status, res.text).toBe(200);
  return res.body as { client_id: string; size: number; last_seq: number; entries: any[] };
};

describe('the request journal', () => {
  const mx = useServer({ fast: true, journalSize: 5, clientId: 'journal-a' });

  it('lists requests newest first with status, version, the user and member, and redacted bodies', async () => {
    const { path, member, user } = await createMember(mx, 'challenge', 'mxbank', { id: 'j-m' });
    await settle(mx, path);
    const challenges = (await mx.get(`${path}/challenges`)).body.challenges;
    const resumed = await mx.put(`${path}/resume`, {
      member: { challenges: challenges.map((ch: any) => ({ guid: ch.guid, value: 'correct' })) },
    });
    expect(resumed.status).toBe(202);
    const j = await journal(mx);
    expect(j.client_id).toBe('journal-a');
    expect(j.size).toBe(5);
    const [resume, read] = j.entries;
    expect(resume).toMatchObject({ method: 'PUT', path: `${path}/resume`, status: 202, version: 'v20250224' });
    expect(resume.user).toBe(user);
    expect(resume.member).toBe(member);
    expect(resume.request_body).toContain('[redacted]');
    expect(resume.request_body).not.toContain('correct');
    expect(read).toMatchObject({ method: 'GET', path: `${path}/challenges`, status: 200 });
    // A successful answer keeps no body unless the inspector page is open on this client.
    expect(resume.response_body).toBeNull();
    expect(read.response_body).toBeNull();
    const page = await mx.fetch(`${mx.url}/_mx-sim/ui/view/journal`, {
      headers: { Authorization: basic('journal-a:test-key') },
    });
    expect(page.status).toBe(200);
    await mx.get(`${path}/status`);
    const [inspected] = (await journal(mx)).entries;
    expect(JSON.parse(inspected.response_body).member.guid).toBe(member);
    expect(j.entries.map((e) => e.seq)).toEqual([...j.entries.map((e) => e.seq)].sort((a, b) => b - a));
    expect(j.entries).toHaveLength(5);
    expect(JSON.stringify(j)).not.toContain('mxuser');
  });

  it('keeps the credential values of a member create out of it, and records errors with their bodies', async () => {
    await mx.del('/_mx-sim/journal');
    const { path } = await createMember(mx, 'password');
    const missing = await mx.get('/users/nobody/members');
    expect(missing.status).toBe(404);
    const wrongVersion = await mx.get('/users', { headers: { 'Accept-Version': 'v1999' } });
    expect(wrongVersion.status).toBe(406);
    const [notAcceptable, notFound, created] = (await journal(mx)).entries.filter((e) => e.path !== `${path}/status`);
    expect(notAcceptable).toMatchObject({ status: 406, version: null });
    expect(notAcceptable.response_body).toContain('Accept-Version');
    expect(notFound).toMatchObject({ status: 404, user: 'nobody', member: null });
    expect(created).toMatchObject({ method: 'POST', status: 202 });
    expect(created.request_body).toContain('"value":"[redacted]"');
    expect(created.request_body).not.toContain('password');
    expect(created.request_body).not.toContain('mxuser');
  });

  it('is per client, counts on after a clear, and answers only what is newer than ?after', async () => {
    const before = await journal(mx);
    expect((await mx.del('/_mx-sim/journal')).body.entries).toEqual([]);
    await mx.get('/users');
    const after = await journal(mx);
    expect(after.entries.map((e) => e.seq)).toEqual([before.last_seq + 1]);
    expect((await journal(mx, undefined, `?after=${before.last_seq + 1}`)).entries).toEqual([]);
    const other = await journal(mx, 'journal-b:key');
    expect(other.entries).toEqual([]);
    const bad = await mx.get('/_mx-sim/journal?after=-1');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('after');
  });
});

describe('the journal turned off', () => {
  const mx = useServer({ fast: true, journalSize: 0 });

  it('keeps nothing with journalSize 0', async () => {
    await mx.get('/users');
    const j = await journal(mx);
    expect(j.size).toBe(0);
    expect(j.entries).toEqual([]);
  });
});
