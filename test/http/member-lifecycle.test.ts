import { describe, expect, it } from 'vitest';
import { createMember, credentialsFor, newUser, settle } from '../helpers/members.js';
import { useServer } from '../helpers/server.js';

const mx = useServer();

async function answer(path: string, value: (ch: any) => string) {
  const challenges = (await mx.get(`${path}/challenges`)).body.challenges;
  return mx.put(`${path}/resume`, {
    member: { challenges: challenges.map((ch: any) => ({ guid: ch.guid, value: value(ch) })) },
  });
}

describe('a credential member at MX Bank', () => {
  it('goes CREATED → CONNECTED (syncing) → CONNECTED and done, with the polling fields', async () => {
    const { res, path } = await createMember(mx, 'password');
    expect(res.status).toBe(202);
    expect(res.body.member).toMatchObject({
      connection_status: 'CREATED',
      is_being_aggregated: true,
      institution_code: 'mxbank',
      successfully_aggregated_at: null,
      name: 'MX Bank',
    });
    expect(res.body.member.most_recent_job_guid).toMatch(/^JOB-/);
    expect(res.body.member.aggregated_at).toBe(new Date(mx.clock.now()).toISOString());
    mx.clock.advance(2_000);
    const syncing = (await mx.get(`${path}/status`)).body.member;
    expect(syncing).toMatchObject({
      connection_status: 'CONNECTED',
      is_being_aggregated: true,
      is_authenticated: true,
      has_processed_accounts: false,
    });
    mx.clock.advance(4_000);
    const done = (await mx.get(`${path}/status`)).body.member;
    expect(done).toMatchObject({
      connection_status: 'CONNECTED',
      is_being_aggregated: false,
      has_processed_accounts: true,
      has_processed_transactions: true,
    });
    expect(done.successfully_aggregated_at).toBe(new Date(mx.clock.now()).toISOString());
    expect(done.challenges).toBeUndefined();
    expect((await mx.get(path)).body.member.connection_status_message).toBe('Connected to MX Bank.');
  });

  it.each([
    ['BAD_REQUEST', 'FAILED'],
    ['UNAUTHORIZED', 'DENIED'],
    ['INVALID', 'DENIED'],
    ['LOCKED', 'LOCKED'],
    ['DISABLED', 'DISABLED'],
    ['SERVER_ERROR', 'FAILED'],
    ['UNAVAILABLE', 'FAILED'],
    ['denied', 'CONNECTED'],
    ['anyPassword', 'CONNECTED'],
  ])('password %s ends in %s', async (password, status) => {
    const { path } = await createMember(mx, password);
    const end = await settle(mx, path);
    expect(end.connection_status).toBe(status);
    expect(end.is_being_aggregated).toBe(false);
  });

  it.each([
    ['challenge', 'TEXT'],
    ['options', 'OPTIONS'],
    ['image', 'IMAGE_DATA'],
  ])('password %s is CHALLENGED with a %s challenge; answering correct connects', async (password, type) => {
    const { path } = await createMember(mx, password);
    const status = await settle(mx, path);
    expect(status).toMatchObject({ connection_status: 'CHALLENGED', is_being_aggregated: true });
    expect(status.challenges).toHaveLength(1);
    const [ch] = (await mx.get(`${path}/challenges`)).body.challenges;
    expect(ch).toMatchObject({ type, guid: expect.stringMatching(/^CRD-/) });
    if (type === 'OPTIONS') expect(ch.options.map((o: any) => o.value)).toContain('correct');
    if (type === 'IMAGE_DATA') expect(ch.image_data).toMatch(/^data:image\/png;base64,/);
    const resumed = await answer(path, () => 'correct');
    expect(resumed.status).toBe(202);
    expect(resumed.body.member.connection_status).toBe('RESUMED');
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
    expect((await mx.get(`${path}/challenges`)).status).toBe(204);
  });

  it('answering "challenge" raises a follow-up challenge; then correct connects', async () => {
    const { path } = await createMember(mx, 'challenge');
    await settle(mx, path);
    const first = (await mx.get(`${path}/challenges`)).body.challenges[0].guid;
    await answer(path, () => 'challenge');
    const again = await settle(mx, path);
    expect(again.connection_status).toBe('CHALLENGED');
    expect(again.challenges[0].guid).not.toBe(first);
    await answer(path, () => 'correct');
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
  });

  it('a wrong answer is REJECTED; an error password as the answer simulates that error', async () => {
    const wrong = await createMember(mx, 'options');
    await settle(mx, wrong.path);
    await answer(wrong.path, () => 'incorrect');
    expect((await settle(mx, wrong.path)).connection_status).toBe('REJECTED');
    const error = await createMember(mx, 'challenge');
    await settle(mx, error.path);
    await answer(error.path, () => 'LOCKED');
    expect((await settle(mx, error.path)).connection_status).toBe('LOCKED');
  });

  it('an unanswered challenge EXPIRES after the window', async () => {
    const { path } = await createMember(mx, 'challenge');
    await settle(mx, path);
    mx.clock.advance(10 * 60_000);
    expect((await mx.get(`${path}/status`)).body.member).toMatchObject({
      connection_status: 'EXPIRED',
      is_being_aggregated: false,
    });
  });

  it('rejects resume when not challenged (405) and answers for unknown challenges', async () => {
    const { path } = await createMember(mx, 'challenge');
    expect(
      (await mx.put(`${path}/resume`, { member: { challenges: [{ guid: 'CRD-x', value: 'correct' }] } })).status,
    ).toBe(405);
    await settle(mx, path);
    const bad = await mx.put(`${path}/resume`, { member: { challenges: [{ guid: 'CRD-nope', value: 'correct' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('CRD-nope is not a current challenge');
  });

  it('DENIED → update credentials → UPDATED → CONNECTED', async () => {
    const { path, user } = await createMember(mx, 'UNAUTHORIZED');
    const denied = await settle(mx, path);
    expect(denied.connection_status).toBe('DENIED');
    expect((await mx.get(path)).body.member.needs_updated_credentials).toBe(true);
    const updated = await mx.put(path, { member: { credentials: await credentialsFor(mx, 'mxbank', 'correct') } });
    expect(updated.status).toBe(200);
    expect(updated.body.member).toMatchObject({
      connection_status: 'UPDATED',
      is_being_aggregated: true,
      needs_updated_credentials: false,
    });
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
    expect(user).toMatch(/^USR-/);
  });

  it('three DENIED logins in a row (wrong credentials sent again and again) become PREVENTED', async () => {
    const { path } = await createMember(mx, 'INVALID');
    await settle(mx, path);
    for (const password of ['UNAUTHORIZED', 'INVALID']) {
      await mx.put(path, { member: { credentials: await credentialsFor(mx, 'mxbank', password) } });
      await settle(mx, path);
    }
    expect((await mx.get(`${path}/status`)).body.member.connection_status).toBe('PREVENTED');
  });
});

describe('simbank reaches every status', () => {
  it.each([
    'PREVENTED',
    'IMPEDED',
    'RECONNECTED',
    'DEGRADED',
    'DISCONNECTED',
    'DISCONTINUED',
    'CLOSED',
    'DELAYED',
    'UPDATED',
    'IMPORTED',
    'EXPIRED',
    'IMPAIRED',
    'PENDING',
    'CREATED',
    'RESUMED',
    'REJECTED',
  ])('password %s ends the job in that status', async (status) => {
    const { path } = await createMember(mx, status, 'simbank');
    expect((await settle(mx, path)).connection_status).toBe(status);
  });

  it.each([
    ['image_options', ['IMAGE_OPTIONS']],
    ['token', ['TOKEN']],
    ['multi', ['TEXT', 'OPTIONS']],
  ])('password %s raises %j challenges', async (password, types) => {
    const { path } = await createMember(mx, password, 'simbank');
    const status = await settle(mx, path);
    expect(status.challenges.map((c: any) => c.type)).toEqual(types);
    if (password === 'image_options')
      expect(status.challenges[0].image_options[0].data_uri).toMatch(/^data:image\/png/);
    await answer(path, () => 'correct');
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
  });
});

describe('member validation and conflicts', () => {
  it('answers 409 for the same user, institution and credentials, and for a duplicate member id', async () => {
    const user = await newUser(mx);
    const credentials = await credentialsFor(mx, 'mxbank', 'password');
    expect(
      (await mx.post(`/users/${user}/members`, { member: { institution_code: 'mxbank', credentials, id: 'm-1' } }))
        .status,
    ).toBe(202);
    const dup = await mx.post(`/users/${user}/members`, { member: { institution_code: 'mxbank', credentials } });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ status: 'conflict', type: 'duplicate_member' });
    const other = await credentialsFor(mx, 'mxbank', 'challenge');
    const dupId = await mx.post(`/users/${user}/members`, {
      member: { institution_code: 'mxbank', credentials: other, id: 'm-1' },
    });
    expect(dupId.status).toBe(409);
    expect(dupId.body.error.type).toBe('duplicate_member_id');
    // Another user may connect with the same credentials.
    const user2 = await newUser(mx);
    expect(
      (await mx.post(`/users/${user2}/members`, { member: { institution_code: 'mxbank', credentials } })).status,
    ).toBe(202);
  });

  it('names what is wrong: unknown user, institution, credential guid, missing value, product', async () => {
    const user = await newUser(mx);
    const creds = await credentialsFor(mx, 'mxbank', 'password');
    expect(
      (await mx.post('/users/USR-nobody/members', { member: { institution_code: 'mxbank', credentials: creds } }))
        .status,
    ).toBe(404);
    expect(
      (await mx.post(`/users/${user}/members`, { member: { institution_code: 'nobank', credentials: creds } })).status,
    ).toBe(404);
    const foreign = await mx.post(`/users/${user}/members`, {
      member: { institution_code: 'mxbank', credentials: [...creds, { guid: 'CRD-foreign', value: 'x' }] },
    });
    expect(foreign.body.error.message).toMatch(
      /^member.credentials\[2\].guid: CRD-foreign is not a credential of institution mxbank/,
    );
    const missing = await mx.post(`/users/${user}/members`, {
      member: { institution_code: 'mxbank', credentials: creds.slice(0, 1) },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      'member.credentials: missing value for PASSWORD (guid CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d)',
    );
    const product = await mx.post(`/users/${user}/members`, {
      member: { institution_code: 'mxbank', credentials: creds },
      data_request: { products: ['crypto'] },
    });
    expect(product.status).toBe(400);
    expect(product.body.error.message).toContain('data_request.products.0');
    const noCreds = await mx.post(`/users/${user}/members`, { member: { institution_code: 'mxbank' } });
    expect(noCreds.body.error.message).toMatch(/^member.credentials: is required/);
  });

  it('reads, lists, updates and deletes by guid or id; credentials list never shows values', async () => {
    const { user, path, member } = await createMember(mx, 'password', 'mxbank', {
      id: 'my-member',
      metadata: '{"a":1}',
    });
    expect((await mx.get(`/users/${user}/members/my-member`)).body.member.guid).toBe(member);
    expect((await mx.get(`/users/${user}/members`)).body.members.map((m: any) => m.guid)).toEqual([member]);
    const creds = await mx.get(`${path}/credentials`);
    expect(creds.body.credentials.map((c: any) => c.field_name)).toEqual(['LOGIN', 'PASSWORD']);
    expect(JSON.stringify(creds.body)).not.toContain('mxuser');
    const upd = await mx.put(`/users/${user}/members/my-member`, {
      member: { metadata: 'changed', background_aggregation_is_disabled: true },
    });
    expect(upd.body.member).toMatchObject({ metadata: 'changed', background_aggregation_is_disabled: true });
    expect((await mx.del(path)).status).toBe(204);
    expect((await mx.get(path)).status).toBe(404);
  });

  it('deleting a user deletes its members', async () => {
    const { user, path } = await createMember(mx, 'password');
    expect((await mx.del(`/users/${user}`)).status).toBe(204);
    expect((await mx.get(path)).status).toBe(404);
  });
});

describe('aggregation rules', () => {
  it('aggregating while aggregating gives 202 and no new job; mxbank is never throttled', async () => {
    const { path } = await createMember(mx, 'password');
    const job = (await mx.get(path)).body.member.most_recent_job_guid;
    const again = await mx.post(`${path}/aggregate`);
    expect(again.status).toBe(202);
    expect(again.body.member.most_recent_job_guid).toBe(job);
    await settle(mx, path);
    const next = await mx.post(`${path}/aggregate`);
    expect(next.body.member.most_recent_job_guid).not.toBe(job);
    expect(next.body.member.is_being_aggregated).toBe(true);
  });

  it('throttles standard aggregation of other institutions for 3 hours', async () => {
    const { path } = await createMember(mx, 'pw', 'mxcu_credential');
    await settle(mx, path);
    const job = (await mx.get(path)).body.member.most_recent_job_guid;
    const throttled = await mx.post(`${path}/aggregate`);
    expect(throttled.status).toBe(202);
    expect(throttled.body.member).toMatchObject({ is_being_aggregated: false, most_recent_job_guid: job });
    mx.clock.advance(3 * 3_600_000);
    expect((await mx.post(`${path}/aggregate`)).body.member.is_being_aggregated).toBe(true);
  });

  it('aggregates in the background every 24 hours unless disabled', async () => {
    const on = await createMember(mx, 'password');
    const off = await createMember(mx, 'password', 'mxbank', { background_aggregation_is_disabled: true });
    await settle(mx, on.path);
    await settle(mx, off.path);
    const before = (await mx.get(on.path)).body.member.successfully_aggregated_at;
    mx.clock.advance(24 * 3_600_000 + 10_000);
    const after = (await mx.get(on.path)).body.member;
    expect(after.successfully_aggregated_at).not.toBe(before);
    expect(after.is_being_aggregated).toBe(false);
    expect((await mx.get(off.path)).body.member.aggregated_at).not.toBe(after.aggregated_at);
  });
});

describe('OAuth members', () => {
  async function oauthMember(extra: Record<string, unknown> = {}) {
    const user = await newUser(mx);
    const res = await mx.post(`/users/${user}/members`, {
      member: { institution_code: 'mx_bank_oauth', is_oauth: true },
      ...extra,
    });
    return { res, path: `/users/${user}/members/${res.body.member.guid}` };
  }

  it('waits PENDING with an oauth_window_uri; approving aggregates to CONNECTED', async () => {
    const { res, path } = await oauthMember();
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({ connection_status: 'PENDING', is_being_aggregated: false, is_oauth: true });
    const uri = res.body.member.oauth_window_uri as string;
    expect(uri.startsWith(mx.url)).toBe(true);
    const page = await mx.fetch(uri);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Authorize');
    const approve = await mx.fetch(`${uri}?action=approve`);
    expect(await approve.text()).toContain('Thank you');
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
    expect((await mx.fetch(`${uri}?action=approve`)).status).toBe(404);
  });

  it('denying gives DENIED and redirects an APP window to client_redirect_url with the result', async () => {
    // MX applies client_redirect_url only with referral_source APP (a browser gets the completion page);
    // the user's refusal is CANCELLED in MX's reasons (DENIED: the user could not authenticate).
    const { path } = await oauthMember({ client_redirect_url: 'https://app.example.com/done', referral_source: 'APP' });
    const fresh = await mx.get(`${path}/oauth_window_uri`);
    expect(fresh.body.member.oauth_window_uri).toMatch(/\/oauth\/authorize\//);
    const res = await mx.fetch(`${fresh.body.member.oauth_window_uri}?action=deny`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://app.example.com/done');
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ status: 'error', error_reason: 'CANCELLED' });
    expect((await mx.get(`${path}/status`)).body.member.connection_status).toBe('DENIED');
  });

  it('refuses is_oauth at an institution without OAuth', async () => {
    const user = await newUser(mx);
    const res = await mx.post(`/users/${user}/members`, { member: { institution_code: 'mxbank', is_oauth: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('oauth_not_supported');
  });
});
