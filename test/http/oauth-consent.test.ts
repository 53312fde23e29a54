// The OAuth consent page as someone other than the client could drive it (issue 12): it needs no
// credentials, so its token must be unguessable, good once, only the member's newest, dead once the
// member moves on; its URI is built from the simulator's public URL, never a request's Host; a bad
// client_redirect_url is refused when given, and an answer never half-applies. After the answer it is MX's
// completion page (issue 13): the message it posts to its opener for each of MX's error reasons, and the
// redirect to client_redirect_url only for a window requested with referral_source=APP.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/load.js';
import { createSimulator } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import { GuidSequence } from '../../src/server/generators/ids.js';
import { settle } from '../helpers/members.js';
import { basic, type TestServer, useServer } from '../helpers/server.js';

const CLIENT = 'consent-client';
const mx = useServer({ clientId: CLIENT, clients: [{ client_id: CLIENT, api_key: 'test-key' }] });

let users = 0;
async function oauthMember(server: TestServer = mx, extra: Record<string, unknown> = {}) {
  const user = (await server.post('/users', { user: { id: `consent-user-${++users}` } })).body.user.guid;
  const res = await server.post(`/users/${user}/members`, {
    member: { institution_code: 'mx_bank_oauth', is_oauth: true },
    ...extra,
  });
  expect(res.status, res.text).toBe(200);
  const path = `/users/${user}/members/${res.body.member.guid}`;
  return { user, path, guid: res.body.member.guid as string, uri: res.body.member.oauth_window_uri as string };
}

const status = async (path: string) => (await mx.get(`${path}/status`)).body.member.connection_status;
const tokenOf = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);
/** What a browser sends when the user presses a button on the page. */
const press = (uri: string, action: string) =>
  mx.fetch(uri, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `action=${action}`,
    redirect: 'manual',
  });

describe('the consent page', () => {
  it('is served without credentials, also when only --client pairs may use the API', async () => {
    const { uri } = await oauthMember();
    expect((await mx.get('/users', { auth: null })).status).toBe(401);
    const page = await mx.fetch(uri);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers with form POSTs, not links a prefetcher could follow', async () => {
    const { uri, path } = await oauthMember();
    const html = await (await mx.fetch(uri)).text();
    expect(html).toContain('<form method="post">');
    expect(html).toMatch(/<button[^>]*name="action" value="approve"[^>]*>Authorize<\/button>/);
    expect(html).toMatch(/<button[^>]*name="action" value="deny"[^>]*>Deny<\/button>/);
    expect(html).not.toContain('href=');
    // Fetching the page (or its HEAD, even with an action) changes nothing.
    expect((await mx.fetch(`${uri}?action=deny`, { method: 'HEAD' })).status).toBe(200);
    expect(await status(path)).toBe('PENDING');
    // The Authorize button.
    const approved = await press(uri, 'approve');
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain('Thank you');
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
  });

  it('takes Deny by POST too; a POST without an answer or too large is refused without using the token', async () => {
    const { uri, path } = await oauthMember();
    const empty = await mx.fetch(uri, { method: 'POST' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('action=approve');
    expect(await status(path)).toBe('PENDING');
    const huge = await mx.fetch(uri, { method: 'POST', body: `action=deny&pad=${'x'.repeat(8192)}` });
    expect(huge.status).toBe(413);
    expect(await status(path)).toBe('PENDING');
    expect((await press(uri, 'deny')).status).toBe(200);
    expect(await status(path)).toBe('DENIED');
  });

  it('keeps the documented ?action= shortcut for automation', async () => {
    const { uri, path } = await oauthMember();
    expect((await mx.fetch(`${uri}?action=approve`)).status).toBe(200);
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
  });

  it('after an answer redirects a POST with 303 to client_redirect_url (referral_source APP)', async () => {
    const { uri, guid } = await oauthMember(mx, {
      client_redirect_url: 'https://app.example.com/done?state=7',
      referral_source: 'APP',
    });
    const res = await press(uri, 'approve');
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location') as string);
    expect(Object.fromEntries(to.searchParams)).toEqual({ state: '7', status: 'success', member_guid: guid });
  });
});

/** The message the completion page's script posts to its opener, as the page embeds it. */
function postedMessage(html: string): unknown {
  const block = /<script type="application\/json" id="mx-oauth-complete">([^<]*)<\/script>/.exec(html);
  expect(block, html).not.toBeNull();
  return JSON.parse(block?.[1] as string);
}

describe('the completion page', () => {
  it('after Authorize posts oauthComplete/success with the member guid to the opener, and says so', async () => {
    const { uri, guid, path } = await oauthMember();
    const res = await press(uri, 'approve');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(postedMessage(html)).toEqual({ mx: true, type: 'oauthComplete/success', metadata: { member_guid: guid } });
    expect(html).toContain('You authorized MX Bank (OAuth)');
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
  });

  it('after Deny posts oauthComplete/error with CANCELLED (the user refused); the member is DENIED', async () => {
    const { uri, guid, path } = await oauthMember();
    const res = await press(uri, 'deny');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(postedMessage(html)).toEqual({
      mx: true,
      type: 'oauthComplete/error',
      metadata: { member_guid: guid, error_reason: 'CANCELLED' },
    });
    expect(html).toContain('<code>CANCELLED</code>');
    expect(await status(path)).toBe('DENIED');
  });

  it('is what the ?action= shortcut answers too', async () => {
    const { uri, guid } = await oauthMember();
    const res = await mx.fetch(`${uri}?action=deny`);
    expect(res.status).toBe(200);
    expect(postedMessage(await res.text())).toMatchObject({
      metadata: { member_guid: guid, error_reason: 'CANCELLED' },
    });
  });

  it('posts only to an opener, and the browser may run its one script and nothing else', async () => {
    const { uri } = await oauthMember();
    const res = await press(uri, 'approve');
    const html = await res.text();
    const scripts = [...html.matchAll(/<script>([^<]*)<\/script>/g)].map((m) => m[1] as string);
    expect(scripts).toHaveLength(1);
    const script = scripts[0] as string;
    expect(script).toContain('window.opener');
    expect(script).toContain("getElementById('mx-oauth-complete')");
    expect(script).toMatch(/if\(!o\|\|o\.closed\)return;/);
    const hash = createHash('sha256').update(script).digest('base64');
    expect(res.headers.get('content-security-policy')).toBe(
      `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; frame-ancestors 'none'`,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('is shown instead of client_redirect_url for a browser window (referral_source absent or BROWSER)', async () => {
    for (const referral of [{}, { referral_source: 'BROWSER' }]) {
      const { uri, guid } = await oauthMember(mx, { client_redirect_url: 'https://app.example.com/done', ...referral });
      const res = await press(uri, 'approve');
      expect(res.status).toBe(200);
      expect(res.headers.get('location')).toBeNull();
      expect(postedMessage(await res.text())).toMatchObject({
        type: 'oauthComplete/success',
        metadata: { member_guid: guid },
      });
    }
  });

  it('follows the referral_source of the newest oauth_window_uri request', async () => {
    const { path } = await oauthMember(mx, { client_redirect_url: 'https://app.example.com/done' });
    const app = (await mx.get(`${path}/oauth_window_uri?referral_source=APP`)).body.member.oauth_window_uri;
    const browser = (await mx.get(`${path}/oauth_window_uri?referral_source=BROWSER`)).body.member.oauth_window_uri;
    expect((await press(app, 'approve')).status).toBe(404);
    expect((await press(browser, 'approve')).status).toBe(200);
    const { path: other } = await oauthMember(mx, { client_redirect_url: 'https://app.example.com/done' });
    const appOnly = (await mx.get(`${other}/oauth_window_uri?referral_source=APP`)).body.member.oauth_window_uri;
    expect((await press(appOnly, 'approve')).status).toBe(303);
  });
});

describe("a scenario's oauth: error_reason", () => {
  const REASONS = [
    ['CANCELLED', 'DENIED'],
    ['DENIED', 'DENIED'],
    ['IMPEDED', 'IMPEDED'],
    ['PROVIDER_ERROR', 'FAILED'],
    ['SERVER_ERROR', 'FAILED'],
    ['SESSION_ERROR', 'PENDING'],
  ] as const;
  const yaml = [
    'outcomes:',
    ...REASONS.map(([reason]) => `  - { match: { member_id: reason-${reason} }, oauth: { error_reason: ${reason} } }`),
    '  - { match: { member_id: reason-deny }, oauth: deny }',
  ].join('\n');
  const server = useServer({
    clientId: 'reasons-client',
    scenarios: [{ scenario: parseScenario(yaml, 'reasons.yaml'), source: 'reasons.yaml' }],
  });

  /** A new user's OAuth member with the member id the rules match. */
  async function memberOf(memberId: string, extra: Record<string, unknown> = {}) {
    const user = (await server.post('/users', { user: { id: `reasons-user-${++users}` } })).body.user.guid;
    const res = await server.post(`/users/${user}/members`, {
      member: { institution_code: 'mx_bank_oauth', is_oauth: true, id: memberId },
      ...extra,
    });
    expect(res.status, res.text).toBe(200);
    return {
      path: `/users/${user}/members/${res.body.member.guid}`,
      guid: res.body.member.guid as string,
      uri: res.body.member.oauth_window_uri as string,
    };
  }
  const pressOn = (uri: string, action: string) =>
    server.fetch(uri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `action=${action}`,
      redirect: 'manual',
    });

  it.each(REASONS)('%s: whatever the user clicks, the page posts it and the member ends %s', async (reason, ending) => {
    const { uri, guid, path } = await memberOf(`reason-${reason}`);
    const res = await pressOn(uri, 'approve');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(postedMessage(html)).toEqual({
      mx: true,
      type: 'oauthComplete/error',
      metadata: { member_guid: guid, error_reason: reason },
    });
    expect(html).toContain(`<code>${reason}</code>`);
    const after = (await server.get(`${path}/status`)).body.member;
    expect(after).toMatchObject({ connection_status: ending, is_being_aggregated: false });
    // A CONNECTION_STATUS webhook only for a status MX sends one for (DENIED, IMPEDED; not FAILED or PENDING).
    const hooks = (await server.get('/_mx-sim/webhooks?type=CONNECTION_STATUS')).body.webhooks as Array<{
      payload: { member_guid: string; connection_status: string };
    }>;
    const mine = hooks.filter((h) => h.payload.member_guid === guid).map((h) => h.payload.connection_status);
    expect(mine).toEqual(ending === 'DENIED' || ending === 'IMPEDED' ? [ending] : []);
    // The window is used up whatever the ending; a new one can be asked for.
    expect((await pressOn(uri, 'approve')).status).toBe(404);
  });

  it.each(REASONS)('%s: an APP window goes to client_redirect_url with it instead', async (reason) => {
    const { uri, guid } = await memberOf(`reason-${reason}`, {
      client_redirect_url: 'https://app.example.com/cb',
      referral_source: 'APP',
    });
    const res = await server.fetch(`${uri}?action=approve`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location') as string);
    expect(Object.fromEntries(to.searchParams)).toEqual({ status: 'error', member_guid: guid, error_reason: reason });
  });

  it('oauth: deny ends with DENIED (the institution refused); the member is DENIED', async () => {
    const { uri, guid, path } = await memberOf('reason-deny');
    const html = await (await pressOn(uri, 'approve')).text();
    expect(postedMessage(html)).toMatchObject({ metadata: { member_guid: guid, error_reason: 'DENIED' } });
    expect((await server.get(`${path}/status`)).body.member.connection_status).toBe('DENIED');
  });

  it('after SESSION_ERROR the member still waits for consent, and a new window can be asked for', async () => {
    const { uri, guid, path } = await memberOf('reason-SESSION_ERROR');
    expect(postedMessage(await (await pressOn(uri, 'deny')).text())).toMatchObject({
      metadata: { error_reason: 'SESSION_ERROR' },
    });
    expect((await server.get(`${path}/status`)).body.member.connection_status).toBe('PENDING');
    const again = await server.get(`${path}/oauth_window_uri`);
    expect(again.status).toBe(200);
    const fresh = again.body.member.oauth_window_uri as string;
    expect(fresh).not.toBe(uri);
    // The rule still holds for this member: the new window ends the same way, and works once.
    expect(postedMessage(await (await pressOn(fresh, 'approve')).text())).toEqual({
      mx: true,
      type: 'oauthComplete/error',
      metadata: { member_guid: guid, error_reason: 'SESSION_ERROR' },
    });
  });
});

describe('consent tokens', () => {
  it('cannot be worked out from the seed and client_id (they were the tenant’s next seeded guid)', async () => {
    const { uri } = await oauthMember();
    const token = tokenOf(uri);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const seeded = new GuidSequence(mx.sim.seed, CLIENT);
    const guesses = Array.from({ length: 200 }, () => seeded.next('OAUTH').slice(6).replace(/-/g, ''));
    expect(guesses).not.toContain(token);
  });

  it('work once', async () => {
    const { uri } = await oauthMember();
    expect((await press(uri, 'approve')).status).toBe(200);
    expect((await press(uri, 'deny')).status).toBe(404);
    expect((await mx.fetch(`${uri}?action=deny`)).status).toBe(404);
  });

  it('stop working when a newer one is issued', async () => {
    const { uri: first, path } = await oauthMember();
    const second = (await mx.get(`${path}/oauth_window_uri`)).body.member.oauth_window_uri as string;
    expect(second).not.toBe(first);
    expect((await mx.fetch(first)).status).toBe(404);
    expect((await press(first, 'deny')).status).toBe(404);
    expect(await status(path)).toBe('PENDING');
    expect((await press(second, 'approve')).status).toBe(200);
  });

  it('cannot turn a CONNECTED member DENIED: a window handed out earlier is dead once the member moved on', async () => {
    const { uri: first, path } = await oauthMember();
    // The client asks for a window again (the user reloaded its app), the user approves that one …
    const second = (await mx.get(`${path}/oauth_window_uri`)).body.member.oauth_window_uri as string;
    expect((await press(second, 'approve')).status).toBe(200);
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
    // … and neither URI can deny afterwards.
    for (const uri of [first, second]) {
      expect((await press(uri, 'deny')).status).toBe(404);
      expect((await mx.fetch(`${uri}?action=deny`)).status).toBe(404);
    }
    expect(await status(path)).toBe('CONNECTED');
  });
});

describe('client_redirect_url', () => {
  it('is refused when it is not an absolute http(s) URL: 400 naming it, and no member is created', async () => {
    const user = (await mx.post('/users', { user: { id: 'redirect-user' } })).body.user.guid;
    for (const bad of ['notaurl', 'javascript:alert(1)', '/done']) {
      const res = await mx.post(`/users/${user}/members`, {
        member: { institution_code: 'mx_bank_oauth', is_oauth: true },
        client_redirect_url: bad,
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ status: 'bad_request', type: 'validation_error' });
      expect(res.body.error.message).toMatch(/^client_redirect_url: must be an absolute http:\/\/ or https:\/\/ URL/);
    }
    expect((await mx.get(`/users/${user}/members`)).body.members).toEqual([]);
  });

  it('given to oauth_window_uri, is refused before anything changes: the current window still works', async () => {
    const { uri, path, guid } = await oauthMember(mx, {
      client_redirect_url: 'https://app.example.com/a',
      referral_source: 'APP',
    });
    const res = await mx.get(`${path}/oauth_window_uri?client_redirect_url=notaurl&skip_aggregation=true`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('client_redirect_url');
    // Before issue 12 this answered 500 after the member was already connected and the token used.
    const approved = await mx.fetch(`${uri}?action=approve`, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const to = new URL(approved.headers.get('location') as string);
    expect(`${to.origin}${to.pathname}`).toBe('https://app.example.com/a');
    expect(to.searchParams.get('member_guid')).toBe(guid);
    // skip_aggregation was not taken either: the approval started a job.
    expect((await mx.get(`${path}/status`)).body.member.is_being_aggregated).toBe(true);
  });
});

describe('oauth_window_uri', () => {
  const V25 = { Accept: 'application/json', 'Accept-Version': 'v20250224', 'Content-Type': 'application/json' };

  /** Creates an OAuth member with requests made to `origin` (and that Host), returns its window URI. */
  async function windowVia(sim: ReturnType<typeof createSimulator>, origin: string) {
    const headers = { ...V25, Authorization: basic('host-client:key'), Host: new URL(origin).host };
    const user = await (
      await sim.app.request(`${origin}/users`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ user: { id: `h-${++users}` } }),
      })
    ).json();
    const created = await sim.app.request(`${origin}/users/${user.user.guid}/members`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ member: { institution_code: 'mx_bank_oauth', is_oauth: true } }),
    });
    const member = (await created.json()).member;
    const fresh = await sim.app.request(`${origin}/users/${user.user.guid}/members/${member.guid}/oauth_window_uri`, {
      headers,
    });
    return [member.oauth_window_uri as string, (await fresh.json()).member.oauth_window_uri as string];
  }

  it('points under the configured public URL whatever Host the request names', async () => {
    const sim = createSimulator({ clock: new ManualClock(), publicUrl: 'https://sim.example.test/mx/' });
    for (const uri of await windowVia(sim, 'http://attacker.example')) {
      expect(uri).toMatch(/^https:\/\/sim\.example\.test\/mx\/oauth\/authorize\/[0-9a-f]{32}$/);
    }
  });

  it('without one, points where the server listens, else at a loopback origin, else at http://localhost', async () => {
    const sim = createSimulator({ clock: new ManualClock() });
    for (const uri of await windowVia(sim, 'http://attacker.example')) {
      expect(uri.startsWith('http://localhost/oauth/authorize/')).toBe(true);
    }
    const [loopback] = await windowVia(sim, 'http://127.0.0.1:4010');
    expect(loopback?.startsWith('http://127.0.0.1:4010/oauth/authorize/')).toBe(true);
    sim.listeningOn('http://10.0.0.5:8080');
    const [listening] = await windowVia(sim, 'http://attacker.example');
    expect(listening?.startsWith('http://10.0.0.5:8080/oauth/authorize/')).toBe(true);
  });

  it('refuses a public URL that is not a plain http(s) URL', () => {
    for (const bad of ['ftp://x', 'notaurl', 'https://u:p@x', 'https://x/?q=1']) {
      expect(() => createSimulator({ publicUrl: bad })).toThrow(/public URL must be an http/);
    }
  });

  it('is the same for the same seed and requests within one process (runs compare equal)', async () => {
    const a = await windowVia(createSimulator({ clock: new ManualClock(), publicUrl: 'http://sim' }), 'http://sim');
    const b = await windowVia(createSimulator({ clock: new ManualClock(), publicUrl: 'http://sim' }), 'http://sim');
    expect(b).toEqual(a);
    expect(a[1]).not.toBe(a[0]);
  });
});
