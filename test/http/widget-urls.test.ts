// Widget URLs (issue 17): POST /users/{user_guid}/widget_urls in both versions and v20111101's deprecated
// connect_widget_url answer as MX's documents say (every exchange is checked against them after the file); the
// URL points at the simulator's public URL, works once, for ten minutes of the client's clock; the options are
// checked and their defaults applied; the page's session API works only with the session the URL opened, and
// creates the same members the API lists.
import { describe, expect, it } from 'vitest';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { WIDGET_STATE_ID } from '../../src/server/routes/widget/page.js';
import { credentialsFor } from '../helpers/members.js';
import { type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer({ clientId: 'widget-client', fast: true });
const v1 = { headers: VERSION_HEADERS.v20111101 };

let users = 0;
const newUser = async (server: TestServer = mx) =>
  (await server.post('/users', { user: { id: `widget-user-${++users}` } })).body.user.guid as string;

/** Opens a widget URL as a browser would: the page, and the state its script starts from. */
async function open(url: string, server: TestServer = mx) {
  const res = await server.fetch(url);
  const html = await res.text();
  const m = new RegExp(`<script type="application/json" id="${WIDGET_STATE_ID}">(.*?)</script>`).exec(html);
  return { res, html, state: m ? JSON.parse(m[1] as string) : undefined };
}

/** The page's session API, as its script calls it. */
function session(state: { secret: string; header: string }, server: TestServer = mx) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await server.fetch(`${server.url}/md/session/${path}`, {
      method,
      headers: {
        [state.header]: state.secret,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
  };
}

describe('POST /users/{user_guid}/widget_urls', () => {
  it('answers 200 with the widget type, a URL at the simulator and the user id, in both versions', async () => {
    const user = await newUser();
    const res = await mx.post(`/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.widget_url).toEqual({
      type: 'connect_widget',
      url: expect.stringMatching(/^http:\/\/mx-sim\.test\/md\/connect\/[A-Za-z0-9_-]{32}$/),
      user_id: `widget-user-${users}`,
    });
    const old = await mx.post(`/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget' } }, v1);
    expect(old.status, old.text).toBe(200);
    expect(old.headers.get('content-type')).toBe('application/vnd.mx.api.v1+json');
    expect(old.body.widget_url.url).not.toBe(res.body.widget_url.url);
  });

  it('takes v20111101 connect_widget_url, which v20250224 does not have', async () => {
    const user = await newUser();
    const res = await mx.post(`/users/${user}/connect_widget_url`, { config: { is_mobile_webview: true } }, v1);
    expect(res.status, res.text).toBe(200);
    expect(res.body.user).toEqual({ guid: user, connect_widget_url: expect.stringContaining('/md/connect/') });
    const { state } = await open(res.body.user.connect_widget_url);
    expect(state.options.is_mobile_webview).toBe(true);
    expect(state.options.oauth_referral_source).toBe('APP');
    expect((await mx.post(`/users/${user}/connect_widget_url`, { config: {} })).status).toBe(404);
  });

  it('refuses unknown users, members and institutions (404) and bad options (400), naming them', async () => {
    const user = await newUser();
    const post = (widget_url: Record<string, unknown>) =>
      mx.post(`/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget', ...widget_url } });
    expect(
      (await mx.post('/users/USR-nope/widget_urls', { widget_url: { widget_type: 'connect_widget' } })).status,
    ).toBe(404);
    expect((await post({ current_member_guid: 'MBR-nope' })).status).toBe(404);
    expect((await post({ current_institution_code: 'nope' })).status).toBe(404);
    for (const [option, fragment] of [
      [{ widget_type: 'nope_widget' }, 'widget_type'],
      [{ mode: 'fast' }, 'mode'],
      [{ color_scheme: 'pink' }, 'color_scheme'],
      [{ oauth_referral_source: 'TV' }, 'oauth_referral_source'],
      [{ disable_institution_search: true }, 'disable_institution_search'],
      [{ ui_message_webview_url_scheme: 'not a scheme' }, 'ui_message_webview_url_scheme'],
      [{ client_redirect_url: 'javascript:alert(1)' }, 'client_redirect_url'],
      [{ ui_message_version: 'four' }, 'ui_message_version'],
    ] as const) {
      const res = await post(option);
      expect(res.status, JSON.stringify(option)).toBe(400);
      expect(res.body.error.message).toContain(fragment);
    }
    expect((await mx.post(`/users/${user}/widget_urls`, { widget_url: {} })).status).toBe(400);
    // v20111101's Pulse widgets are not in v20250224's list.
    expect((await post({ widget_type: 'pulse_widget' })).status).toBe(400);
    const pulse = { widget_url: { widget_type: 'pulse_widget' } };
    expect((await mx.post(`/users/${user}/widget_urls`, pulse, v1)).body.widget_url.type).toBe('pulse_widget');
  });

  it('is good once: a second load, or a load after ten minutes of the client clock, is a 404 page', async () => {
    const user = await newUser();
    const url = async () =>
      (await mx.post(`/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget' } })).body.widget_url
        .url as string;
    const first = await url();
    expect((await mx.fetch(first, { method: 'HEAD' })).status).toBe(200);
    const page = await open(first);
    expect(page.res.status).toBe(200);
    expect(page.res.headers.get('cache-control')).toBe('no-store');
    expect(page.res.headers.get('x-frame-options')).toBeNull();
    expect(page.res.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect((await open(first)).res.status).toBe(404);
    expect((await mx.fetch(first, { method: 'HEAD' })).status).toBe(404);
    const late = await url();
    mx.clock.advance(10 * 60_000 + 1);
    expect((await open(late)).res.status).toBe(404);
    const inTime = await url();
    mx.clock.advance(9 * 60_000);
    expect((await open(inTime)).res.status).toBe(200);
  });

  it('carries the options and their defaults to the page: member, institution, webview, version, locale', async () => {
    const user = await newUser();
    const created = await mx.post(`/users/${user}/members`, {
      member: {
        institution_code: 'mxbank',
        credentials: await credentialsFor(mx, 'mxbank', 'sekret-value'),
      },
    });
    const member = created.body.member.guid;
    const res = await mx.post(
      `/users/${user}/widget_urls`,
      {
        widget_url: {
          widget_type: 'connect_widget',
          current_member_guid: member,
          current_institution_code: 'simbank',
          disable_institution_search: true,
          ui_message_version: 3,
          color_scheme: 'dark',
        },
      },
      { headers: { 'Accept-Language': 'fr-CA,fr;q=0.8' } },
    );
    const { html, state } = await open(res.body.widget_url.url);
    expect(html).toContain('<html lang="fr-CA" data-color-scheme="dark">');
    expect(state).toMatchObject({
      user_guid: user,
      session_guid: expect.stringMatching(/^ANS-/),
      options: {
        mode: 'aggregation',
        disable_institution_search: true,
        ui_message_version: 3,
        is_mobile_webview: false,
        ui_message_webview_url_scheme: 'mx',
        oauth_referral_source: 'BROWSER',
        locale: 'fr-CA',
      },
      // current_member_guid wins over the institution fields.
      member: { guid: member, institution_code: 'mxbank' },
      institution: { code: 'mxbank' },
    });
    expect(html).not.toContain('sekret-value');
    const other = await mx.post(`/users/${user}/widget_urls`, {
      widget_url: { widget_type: 'connect_widget', locale: 'es-MX', current_institution_guid: state.institution.guid },
    });
    const second = await open(other.body.widget_url.url);
    expect(second.state.options.locale).toBe('es-MX');
    expect(second.state.institution.code).toBe('mxbank');
    expect(second.state.member).toBeNull();
  });

  it('opens a stand-in page for widget types other than Connect', async () => {
    const user = await newUser();
    const res = await mx.post(`/users/${user}/widget_urls`, { widget_url: { widget_type: 'spending_widget' } });
    expect(res.body.widget_url.type).toBe('spending_widget');
    const { res: page, html } = await open(res.body.widget_url.url);
    expect(page.status).toBe(200);
    expect(html).toContain('simulates the Connect widget only');
  });
});

describe("the widget page's session API", () => {
  it('refuses a request without the session, or from another site', async () => {
    const none = await mx.fetch(`${mx.url}/md/session/institutions`);
    expect(none.status).toBe(401);
    expect((await none.json()).error.type).toBe('widget_session');
    const wrong = await mx.fetch(`${mx.url}/md/session/institutions`, { headers: { 'X-Widget-Session': 'x' } });
    expect(wrong.status).toBe(401);
    const user = await newUser();
    const res = await mx.post(`/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget' } });
    const { state } = await open(res.body.widget_url.url);
    const cross = await mx.fetch(`${mx.url}/md/session/members`, {
      method: 'POST',
      headers: { 'X-Widget-Session': state.secret, 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' },
      body: JSON.stringify({ institution_code: 'mxbank' }),
    });
    expect(cross.status).toBe(403);
  });

  it('connects MX Bank through a challenge; the member is the API member, with its jobs and status', async () => {
    const user = await newUser();
    const res = await mx.post(
      `/users/${user}/widget_urls`,
      { widget_url: { widget_type: 'connect_widget', mode: 'verification', include_transactions: true } },
      { headers: { 'X-Callback-Payload': 'widget-trace' } },
    );
    const { state } = await open(res.body.widget_url.url);
    const call = session(state);
    const search = await call('GET', 'institutions?search=mx%20bank');
    expect(search.status).toBe(200);
    expect(search.body.institutions.map((i: { code: string }) => i.code)).toContain('mxbank');
    const inst = await call('GET', 'institutions/mxbank');
    expect(inst.body.institution.credentials.map((c: { guid: string }) => c.guid)).toEqual([
      MXBANK_LOGIN_GUID,
      MXBANK_PASSWORD_GUID,
    ]);
    const created = await call('POST', 'members', {
      institution_code: 'mxbank',
      credentials: await credentialsFor(mx, 'mxbank', 'challenge'),
    });
    expect(created.status).toBe(201);
    const guid = created.body.member.guid;
    expect(created.body.member).toMatchObject({ connection_status: 'CREATED', connection_status_id: 0 });
    const listed = await mx.get(`/users/${user}/members`);
    expect(listed.body.members.map((m: { guid: string }) => m.guid)).toEqual([guid]);
    expect(listed.body.members[0].background_aggregation_is_disabled).toBe(true);
    mx.clock.advance(5_000);
    const challenged = await call('GET', `members/${guid}`);
    expect(challenged.body.member).toMatchObject({ connection_status: 'CHALLENGED', connection_status_id: 3 });
    const [challenge] = challenged.body.member.challenges;
    expect((await mx.get(`/users/${user}/members/${guid}/challenges`)).body.challenges[0].guid).toBe(challenge.guid);
    const resumed = await call('PUT', `members/${guid}/resume`, {
      challenges: [{ guid: challenge.guid, value: 'correct' }],
    });
    expect(resumed.status).toBe(200);
    mx.clock.advance(5_000);
    expect((await call('GET', `members/${guid}`)).body.member).toMatchObject({
      connection_status: 'CONNECTED',
      connection_status_id: 6,
      is_being_aggregated: false,
    });
    const status = await mx.get(`/users/${user}/members/${guid}/status`);
    expect(status.body.member.connection_status).toBe('CONNECTED');
    // Webhooks as for an API member: the URL request's X-CALLBACK-PAYLOAD, initial_data_ready (v20250224).
    const hooks = ((await mx.get('/_mx-sim/webhooks')).body.webhooks as any[]).filter(
      (w) => w.payload.member_guid === guid || w.payload.member?.guid === guid,
    );
    const byType = (t: string) => hooks.filter((w) => w.type === t).map((w) => w.callback_payload);
    expect(byType('MEMBER')).toEqual(['widget-trace']);
    expect(byType('AGGREGATION')).toEqual(['widget-trace']);
    expect(byType('initial_data_ready')).toHaveLength(1);
    // verification mode: account numbers were gathered with the first job.
    expect(
      (await mx.get(`/users/${user}/members/${guid}/account_numbers`)).body.account_numbers.length,
    ).toBeGreaterThan(0);
    // The session API is not the MX API: another user's member is not the session's.
    const otherUser = await newUser();
    const other = await mx.post(`/users/${otherUser}/members`, {
      member: {
        institution_code: 'mxbank',
        credentials: await credentialsFor(mx, 'mxbank', 'x'),
      },
    });
    expect((await call('GET', `members/${other.body.member.guid}`)).status).toBe(404);
  });

  it('honours use_cases and disable_background_agg on the member it creates', async () => {
    const user = await newUser();
    const res = await mx.post(`/users/${user}/widget_urls`, {
      widget_url: {
        widget_type: 'connect_widget',
        include_transactions: false,
        use_cases: ['PFM'],
        disable_background_agg: true,
      },
    });
    const call = session((await open(res.body.widget_url.url)).state);
    const created = await call('POST', 'members', {
      institution_code: 'mxbank',
      credentials: await credentialsFor(mx, 'mxbank', 'good'),
    });
    const guid = created.body.member.guid;
    mx.clock.advance(5_000);
    expect((await call('GET', `members/${guid}`)).body.member.connection_status).toBe('CONNECTED');
    const member = (await mx.get(`/users/${user}/members/${guid}`)).body.member;
    expect(member).toMatchObject({ use_cases: ['PFM'], background_aggregation_is_disabled: true });
    expect((await mx.get(`/users/${user}/members/${guid}/accounts`)).body.accounts.length).toBeGreaterThan(0);
    // The user removes it in the widget: gone from the API too.
    expect((await call('DELETE', `members/${guid}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/members/${guid}`)).status).toBe(404);
  });

  it('include_transactions: false gathers accounts without transactions until a later aggregation', async () => {
    const user = await newUser();
    const res = await mx.post(`/users/${user}/widget_urls`, {
      widget_url: { widget_type: 'connect_widget', include_transactions: false },
    });
    const call = session((await open(res.body.widget_url.url)).state);
    const created = await call('POST', 'members', {
      institution_code: 'mxbank',
      credentials: await credentialsFor(mx, 'mxbank', 'no-transactions'),
    });
    const path = `/users/${user}/members/${created.body.member.guid}`;
    mx.clock.advance(5_000);
    expect((await call('GET', `members/${created.body.member.guid}`)).body.member.connection_status).toBe('CONNECTED');
    expect((await mx.get(`${path}/accounts`)).body.accounts.length).toBeGreaterThan(0);
    expect((await mx.get(`${path}/transactions`)).body.transactions).toEqual([]);
    // A later aggregation asks for transactions (MX: the option does not affect later aggregations).
    expect((await mx.post(`${path}/aggregate`)).status).toBe(202);
    mx.clock.advance(5_000);
    expect((await mx.get(`${path}/transactions`)).body.transactions.length).toBeGreaterThan(0);
    // The API's own create member: data_request.products without transactions does the same.
    const api = await mx.post(`/users/${user}/members`, {
      member: { institution_code: 'mxbank', credentials: await credentialsFor(mx, 'mxbank', 'api-no-transactions') },
      data_request: { products: ['account_verification'] },
    });
    const apiPath = `/users/${user}/members/${api.body.member.guid}`;
    mx.clock.advance(5_000);
    expect((await mx.get(`${apiPath}/account_numbers`)).body.account_numbers.length).toBeGreaterThan(0);
    expect((await mx.get(`${apiPath}/transactions`)).body.transactions).toEqual([]);
    // verification mode with include_transactions: true gathers both.
    const both = await mx.post(`/users/${user}/widget_urls`, {
      widget_url: { widget_type: 'connect_widget', mode: 'verification', include_transactions: true },
    });
    const verify = session((await open(both.body.widget_url.url)).state);
    const member = (
      await verify('POST', 'members', {
        institution_code: 'mxbank',
        credentials: await credentialsFor(mx, 'mxbank', 'with-transactions'),
      })
    ).body.member.guid;
    mx.clock.advance(5_000);
    expect((await mx.get(`/users/${user}/members/${member}/transactions`)).body.transactions.length).toBeGreaterThan(0);
  });

  it('creates an OAuth member waiting at the consent page, and refuses bad credentials with MX errors', async () => {
    const user = await newUser();
    const res = await mx.post(`/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget' } });
    const { state } = await open(res.body.widget_url.url);
    const call = session(state);
    const oauth = await call('POST', 'members', { institution_code: 'mx_bank_oauth' });
    expect(oauth.body.member).toMatchObject({ is_oauth: true, connection_status: 'PENDING' });
    expect(oauth.body.member.oauth_window_uri).toMatch(/\/oauth\/authorize\//);
    const approved = await mx.fetch(`${oauth.body.member.oauth_window_uri}?action=approve`);
    expect(approved.status).toBe(200);
    mx.clock.advance(5_000);
    expect((await call('GET', `members/${oauth.body.member.guid}`)).body.member.connection_status).toBe('CONNECTED');
    // In a WebView (oauth_referral_source APP by default), the consent page ends at the app's scheme.
    const webview = await mx.post(`/users/${user}/widget_urls`, {
      widget_url: { widget_type: 'connect_widget', is_mobile_webview: true, ui_message_webview_url_scheme: 'myapp' },
    });
    const app = session((await open(webview.body.widget_url.url)).state);
    const appMember = (await app('POST', 'members', { institution_code: 'mxcu_oauth' })).body.member;
    const redirected = await mx.fetch(`${appMember.oauth_window_uri}?action=approve`, { redirect: 'manual' });
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe(
      `myapp://oauth_complete?status=success&member_guid=${appMember.guid}`,
    );
    // With a client_redirect_url, there instead.
    const withRedirect = await mx.post(`/users/${user}/widget_urls`, {
      widget_url: {
        widget_type: 'connect_widget',
        oauth_referral_source: 'APP',
        client_redirect_url: 'https://app.example.com/done',
      },
    });
    const other = session((await open(withRedirect.body.widget_url.url)).state);
    const otherMember = (await other('POST', 'members', { institution_code: 'mx_bank_oauth' })).body.member;
    const denied = await mx.fetch(`${otherMember.oauth_window_uri}?action=deny`, { redirect: 'manual' });
    expect(denied.headers.get('location')).toBe(
      `https://app.example.com/done?status=error&member_guid=${otherMember.guid}&error_reason=CANCELLED`,
    );
    const bad = await call('POST', 'members', { institution_code: 'mxbank', credentials: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('missing value for LOGIN');
    expect((await call('POST', 'members', { nope: 1 })).status).toBe(400);
  });
});

describe('the microdeposit flow (current_microdeposit_guid, mode verification)', () => {
  const preinitiate = async (user: string, email = `md-${users}@example.com`) =>
    (
      await mx.post(`/users/${user}/micro_deposits`, {
        micro_deposit: { email, first_name: 'Ada', last_name: 'Lovelace' },
      })
    ).body.micro_deposit.guid as string;
  const widget = (user: string, options: Record<string, unknown>) =>
    mx.post(`/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget', ...options } });
  const amounts = async (guid: string) =>
    ((await mx.get('/_mx-sim/micro_deposits')).body.micro_deposits as any[]).find((m) => m.guid === guid);

  it('answers MX errors at URL request time: unknown or another user’s guid 404, without verification mode 400', async () => {
    const user = await newUser();
    const other = await newUser();
    const theirs = await preinitiate(other);
    const unknown = await widget(user, { mode: 'verification', current_microdeposit_guid: 'MIC-nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('MIC-nope');
    expect((await widget(user, { mode: 'verification', current_microdeposit_guid: theirs })).status).toBe(404);
    const mine = await preinitiate(user);
    const aggregation = await widget(user, { current_microdeposit_guid: mine });
    expect(aggregation.status).toBe(400);
    expect(aggregation.body.error.message).toContain('mode: verification');
    // data_request.products with account_verification is v20250224's way to say verification.
    const products = await widget(user, {
      current_microdeposit_guid: mine,
      data_request: { products: ['account_verification'] },
    });
    expect(products.status).toBe(200);
  });

  it('takes the account details, sends the deposits, verifies the amounts; the API sees the same microdeposit', async () => {
    const user = await newUser();
    const guid = await preinitiate(user);
    const res = await widget(user, { mode: 'verification', current_microdeposit_guid: guid });
    expect(res.status).toBe(200);
    const { state } = await open(res.body.widget_url.url);
    expect(state.microdeposit).toMatchObject({ guid, status: 'PREINITIATED', status_id: 9 });
    const call = session(state);
    // Only the session's microdeposit is reachable.
    const other = await preinitiate(user, 'other@example.com');
    expect((await call('GET', `microdeposits/${other}`)).status).toBe(404);
    // Validation as the API's: the message names the field.
    const bad = await call('PUT', `microdeposits/${guid}`, {
      routing_number: '12345',
      account_number: '3333111',
      account_type: 'CHECKING',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('routing_number');
    // A routing number the domain would deny at once is blocked: nothing changes, another may be given.
    const blocked = await call('PUT', `microdeposits/${guid}`, {
      routing_number: '091000018',
      account_number: '3333111',
      account_type: 'CHECKING',
    });
    expect(blocked.status).toBe(200);
    expect(blocked.body.blocked_routing_number).toMatchObject({ routing_number: '091000018', reason: 'BLOCKED' });
    expect(blocked.body.micro_deposit.status).toBe('PREINITIATED');
    const sent = await call('PUT', `microdeposits/${guid}`, {
      routing_number: '091000019',
      account_number: '3333111',
      account_type: 'SAVINGS',
      account_name: 'Rainy day',
    });
    expect(sent.status).toBe(200);
    expect(sent.body.blocked_routing_number).toBeNull();
    expect(sent.body.micro_deposit).toMatchObject({ status: 'INITIATED', account_number_last_four: '3111' });
    expect((await call('PUT', `microdeposits/${guid}`, sent.body.micro_deposit)).status).toBe(400);
    const read = (await mx.get(`/users/${user}/micro_deposits/${guid}`)).body.micro_deposit;
    expect(read).toMatchObject({ account_type: 'SAVINGS', account_name: 'Rainy day', routing_number: '091000019' });
    // Amounts only once DEPOSITED (the API's 405).
    expect(
      (await call('PUT', `microdeposits/${guid}/verify`, { deposit_amount_1: 0.1, deposit_amount_2: 0.2 })).status,
    ).toBe(405);
    mx.clock.advance(10);
    const deposited = (await call('GET', `microdeposits/${guid}`)).body.micro_deposit;
    expect(deposited.status).toBe('DEPOSITED');
    const { deposit_amount_1: a, deposit_amount_2: b } = await amounts(guid);
    const wrong = await call('PUT', `microdeposits/${guid}/verify`, {
      deposit_amount_1: a === 0.99 ? 0.98 : 0.99,
      deposit_amount_2: b,
    });
    expect(wrong.body.micro_deposit).toMatchObject({ status: 'DEPOSITED', attempts_left: 2 });
    expect(wrong.body.micro_deposit.error_message).toContain('2 attempts left');
    const right = await call('PUT', `microdeposits/${guid}/verify`, { deposit_amount_1: a, deposit_amount_2: b });
    expect(right.body.micro_deposit).toMatchObject({ status: 'DEPOSITED', is_verifying: true, error_message: null });
    mx.clock.advance(10);
    expect((await call('GET', `microdeposits/${guid}`)).body.micro_deposit.status).toBe('VERIFIED');
    expect((await mx.get(`/users/${user}/micro_deposits/${guid}`)).body.micro_deposit.status).toBe('VERIFIED');
    // MICRODEPOSIT webhooks as for the API: created, then each change of status.
    const hooks = ((await mx.get('/_mx-sim/webhooks')).body.webhooks as any[]).filter(
      (w) => w.payload.micro_deposit?.guid === guid,
    );
    expect(hooks.map((w) => w.payload.micro_deposit.status_name)).toEqual(
      expect.arrayContaining(['PREINITIATED', 'INITIATED', 'DEPOSITED', 'VERIFIED']),
    );
  });

  it('opens a later URL at the step the microdeposit is in', async () => {
    const user = await newUser();
    const guid = (
      await mx.post(`/users/${user}/micro_deposits`, {
        micro_deposit: { account_number: '3333222', account_type: 'CHECKING', routing_number: '091000019' },
      })
    ).body.micro_deposit.guid;
    mx.clock.advance(10);
    const res = await widget(user, { mode: 'verification', current_microdeposit_guid: guid });
    const { state, html } = await open(res.body.widget_url.url);
    expect(state.microdeposit).toMatchObject({ guid, status: 'DEPOSITED', status_id: 2, attempts_left: 3 });
    expect(html).toContain('Second amount');
  });
});

describe('microdeposits offered when a verification search finds nothing', () => {
  it('starts a PREINITIATED microdeposit for the user in verification mode only, once per session', async () => {
    const user = await newUser();
    const person = { email: 'offer@example.com', first_name: 'Grace', last_name: 'Hopper' };
    const aggregation = await mx.post(`/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget' } });
    const refused = await session((await open(aggregation.body.widget_url.url)).state)('POST', 'microdeposits', person);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('verification');
    const res = await mx.post(`/users/${user}/widget_urls`, {
      widget_url: { widget_type: 'connect_widget', mode: 'verification' },
    });
    const call = session((await open(res.body.widget_url.url)).state);
    expect((await call('POST', 'microdeposits', { ...person, email: undefined })).status).toBe(400);
    const started = await call('POST', 'microdeposits', person);
    expect(started.status).toBe(201);
    const guid = started.body.micro_deposit.guid;
    expect(started.body.micro_deposit).toMatchObject({ status: 'PREINITIATED' });
    expect((await mx.get(`/users/${user}/micro_deposits/${guid}`)).body.micro_deposit).toMatchObject({
      email: 'offer@example.com',
      first_name: 'Grace',
      status: 'PREINITIATED',
    });
    expect((await call('POST', 'microdeposits', person)).status).toBe(409);
    const sent = await call('PUT', `microdeposits/${guid}`, {
      routing_number: '091000019',
      account_number: '3333444',
      account_type: 'CHECKING',
    });
    expect(sent.body.micro_deposit.status).toBe('INITIATED');
  });
});
