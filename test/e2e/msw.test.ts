// mx-sim/msw (src/msw) as an app's test suite would use it: MSW's setupServer (msw/node) with the
// simulator's handlers, and the app's own code unchanged: MX's official Node SDK (axios, Node's http
// module) with its default base path https://int-api.mx.com, and plain fetch to https://api.mx.com and to a
// base URL of the app's own. No port is opened: MSW intercepts every request and the in-process simulator
// answers it; an unhandled request fails the test.

import { setupServer } from 'msw/node';
import { Configuration, InstitutionsApi, MembersApi, UsersApi } from 'mx-platform-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, ManualClock } from '../../src/index.js';
import { MX_BASE_URLS, mxSimHandlers } from '../../src/msw/index.js';

const clock = new ManualClock('2026-03-02T09:00:00Z');
const sim = createSimulator({ seed: 'msw', clock, institutionCount: 20 });
const proxied = createSimulator({ seed: 'msw-proxy', clock: new ManualClock(), institutionCount: 0 });
const mxServer = setupServer(
  ...mxSimHandlers(sim),
  ...mxSimHandlers(proxied, { baseUrls: ['https://mx-proxy.example.test/platform/'] }),
);
/** Requests the handlers did not answer: none may reach the network. */
const unhandled: string[] = [];

beforeAll(() => {
  mxServer.listen({
    onUnhandledRequest: (request) => {
      unhandled.push(`${request.method} ${request.url}`);
    },
  });
});
afterEach(() => {
  expect(unhandled).toEqual([]);
});
afterAll(() => {
  mxServer.close();
});

const CLIENT_ID = 'msw-client';
const API_KEY = 'msw-key';
const auth = `Basic ${Buffer.from(`${CLIENT_ID}:${API_KEY}`).toString('base64')}`;

describe('MX’s Node SDK (axios), unchanged, under msw/node', () => {
  // As MX's README configures it; no basePath: the SDK's default, https://int-api.mx.com.
  const configuration = new Configuration({
    username: CLIENT_ID,
    password: API_KEY,
    baseOptions: { headers: { Accept: 'application/vnd.mx.api.v1+json', 'Accept-Version': 'v20111101' } },
  });

  it('reads an institution and its credentials, and creates a user and a member that connects', async () => {
    const institutions = new InstitutionsApi(configuration);
    const mxbank = await institutions.readInstitution('mxbank');
    expect(mxbank.status).toBe(200);
    expect(mxbank.request.host ?? mxbank.config.url).toContain('int-api.mx.com');
    expect(mxbank.data.institution?.name).toBe('MX Bank');
    const fields = (await institutions.listInstitutionCredentials('mxbank')).data.credentials ?? [];

    const user = (await new UsersApi(configuration).createUser({ user: { id: 'msw-user-1' } })).data.user;
    const members = new MembersApi(configuration);
    const created = await members.createMember(user?.guid as string, {
      member: {
        institution_code: 'mxbank',
        credentials: fields.map((f) => ({
          guid: f.guid as string,
          value: f.field_name === 'PASSWORD' ? 'password' : 'mxuser',
        })),
      },
    });
    expect(created.status).toBe(202);
    clock.advance(60_000);
    const status = await members.readMemberStatus(created.data.member?.guid as string, user?.guid as string);
    expect(status.data.member).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
  });

  it('gets MX’s error JSON as an axios error, as from MX', async () => {
    const err = await new InstitutionsApi(configuration).readInstitution('no-such-bank').catch((e: unknown) => e);
    expect(err).toMatchObject({ isAxiosError: true, response: { status: 404 } });
    expect((err as { response: { data: { error: { message: string } } } }).response.data.error.message).toBeTruthy();
  });
});

describe('plain fetch under msw/node', () => {
  it('answers https://api.mx.com as well as the integration environment', async () => {
    expect(MX_BASE_URLS).toEqual(['https://int-api.mx.com', 'https://api.mx.com']);
    const res = await fetch('https://api.mx.com/institutions/mxbank', {
      headers: { Authorization: auth, 'Accept-Version': 'v20250224', Accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).institution.code).toBe('mxbank');
    // The simulator's own admin API is there too.
    const clockRes = await fetch('https://api.mx.com/_mx-sim/clock', { headers: { Authorization: auth } });
    expect((await clockRes.json()).client_id).toBe(CLIENT_ID);
  });

  it('answers a base URL given (the path after it is the MX path), from its own simulator', async () => {
    const res = await fetch('https://mx-proxy.example.test/platform/users', {
      method: 'POST',
      headers: {
        Authorization: auth,
        'Accept-Version': 'v20250224',
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ user: { id: 'proxied-user' } }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).user.id).toBe('proxied-user');
    // That user lives in the simulator behind that base URL only.
    const here = await fetch('https://int-api.mx.com/users', {
      headers: { Authorization: auth, 'Accept-Version': 'v20250224', Accept: 'application/json' },
    });
    expect((await here.json()).users.map((u: { id: string }) => u.id)).not.toContain('proxied-user');
  });

  it('serves the OAuth consent page at the oauth_window_uri it hands out, under the intercepted URL', async () => {
    const headers = {
      Authorization: auth,
      'Accept-Version': 'v20250224',
      Accept: 'application/json',
      'Content-Type': 'application/json',
    };
    const base = 'https://int-api.mx.com';
    const user = (
      await (
        await fetch(`${base}/users`, { method: 'POST', headers, body: JSON.stringify({ user: { id: 'oauth-user' } }) })
      ).json()
    ).user.guid;
    const member = (
      await (
        await fetch(`${base}/users/${user}/members`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ member: { institution_code: 'mx_bank_oauth', is_oauth: true } }),
        })
      ).json()
    ).member;
    expect(member.oauth_window_uri).toMatch(/^https:\/\/int-api\.mx\.com\/oauth\/authorize\//);
    const consent = await fetch(member.oauth_window_uri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'action=approve',
      redirect: 'manual',
    });
    expect(consent.status).toBeLessThan(400);
    clock.advance(60_000);
    const status = await fetch(`${base}/users/${user}/members/${member.guid}/status`, { headers });
    expect((await status.json()).member.connection_status).toBe('CONNECTED');
  });

  it('serves the Connect widget page and its assets at the widget URL it hands out, under the intercepted URL', async () => {
    const headers = { Authorization: auth, 'Accept-Version': 'v20250224', 'Content-Type': 'application/json' };
    const base = 'https://int-api.mx.com';
    const post = async (path: string, body: unknown) =>
      (await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json();
    const user = (await post('/users', { user: { id: 'widget-user' } })).user.guid;
    const { url } = (await post(`/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget' } }))
      .widget_url;
    expect(url).toMatch(/^https:\/\/int-api\.mx\.com\/md\/connect\//);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(new URL('../assets/connect.js', url))).status).toBe(200);
  });
});
