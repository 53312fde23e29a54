// The request chain (app.ts): every kind of answer carries the request id, errors from each step come
// back in MX's error JSON with the right status, and the access log names requests without secrets.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';

const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;
const V25 = { Accept: 'application/json', 'Accept-Version': 'v20250224' };

function simulator() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const sim = createSimulator({ clock: new ManualClock(), fast: true, logger: pino({ level: 'info' }, sink) });
  const call = (path: string, init: RequestInit & { auth?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    if (init.auth !== null) headers.set('authorization', basic(init.auth ?? 'chain-client:secret-key-123'));
    return sim.app.request(path, { ...init, headers });
  };
  return { sim, call, lines };
}

describe('the request chain', () => {
  it('puts a request id on answers from every step: auth, version, route table, admin and the consent page', async () => {
    const { call } = simulator();
    const answers = [
      await call('/users', { auth: null, headers: V25 }), // auth: 401
      await call('/users', { headers: { Accept: 'text/html' } }), // version: 406
      await call('/users/nobody', { headers: V25 }), // route table: 404
      await call('/institutions/mxbank', { headers: V25 }), // a cached body built as its own Response
      await call('/_mx-sim/clock'), // admin
      await call('/oauth/authorize/no-such-token', { auth: null }), // consent page: 404 page
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 406, 404, 200, 200, 404]);
    const ids = answers.map((r) => r.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^req-[0-9a-z]{6}$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of answers.slice(0, 3)) expect((await r.json()).error.message).toBeTruthy();
  });

  it('puts it beside the right content type on route answers of every kind, each header once', async () => {
    const { call } = simulator();
    const V1 = { Accept: 'application/vnd.mx.api.v1+json', 'Accept-Version': 'v20111101' };
    const JSON_BODY = { ...V25, 'Content-Type': 'application/json' };
    const created = await call('/users', {
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify({ user: { id: 'chain-u' } }),
    });
    const guid = (await created.clone().json()).user.guid;
    const answers = [
      created, // 200 JSON from a handler
      await call('/users', { headers: V1 }), // v20111101: its media type
      await call(`/users/${guid}`, { method: 'DELETE', headers: V25 }), // 204, no body
      await call('/users', { method: 'POST', headers: JSON_BODY, body: '{' }), // 400 from validation
      await call('/oauth/authorize/no-such-token', { auth: null, method: 'POST', body: 'x'.repeat(5000) }), // 413 page
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 204, 400, 413]);
    expect(answers.map((r) => r.headers.get('content-type')?.split(';')[0] ?? null)).toEqual([
      'application/json',
      'application/vnd.mx.api.v1+json',
      null,
      'application/json',
      'text/html',
    ]);
    for (const r of answers) expect(r.headers.get('x-request-id')).toMatch(/^req-[0-9a-z]{6}$/);
  });

  it("echoes the caller's own acceptable X-Request-Id and replaces one that is not", async () => {
    const { call } = simulator();
    const mine = await call('/users', { headers: { ...V25, 'X-Request-Id': 'ci-run-42=a' } });
    expect(mine.headers.get('x-request-id')).toBe('ci-run-42=a');
    const bad = await call('/users', { headers: { ...V25, 'X-Request-Id': 'no spaces allowed' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^req-/);
  });

  it('runs auth before version negotiation (401 wins over 406), as MX does', async () => {
    const { call } = simulator();
    const res = await call('/users', { auth: null, headers: { Accept: 'text/html' } });
    expect(res.status).toBe(401);
  });

  it('settles due jobs before the handler reads: a member read after the clock passes its job is done', async () => {
    const clock = new ManualClock();
    const sim = createSimulator({ clock, fast: true });
    const headers = { ...V25, authorization: basic('settle-client:k'), 'content-type': 'application/json' };
    const user = await (
      await sim.app.request('/users', { method: 'POST', headers, body: JSON.stringify({ user: { id: 'u1' } }) })
    ).json();
    const creds = await (await sim.app.request('/institutions/mxbank/credentials', { headers })).json();
    const [login, password] = creds.credentials;
    const created = await sim.app.request(`/users/${user.user.guid}/members`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        member: {
          institution_code: 'mxbank',
          credentials: [
            { guid: login.guid, value: 'mxuser' },
            { guid: password.guid, value: 'password' },
          ],
        },
      }),
    });
    expect(created.status).toBe(202);
    const member = (await created.json()).member;
    expect(member.is_being_aggregated).toBe(true);
    clock.advance(10);
    const status = await (
      await sim.app.request(`/users/${user.user.guid}/members/${member.guid}/status`, { headers })
    ).json();
    expect(status.member).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
  });

  it('logs one line per request with id, method, path and status, and never the API key or credentials', async () => {
    const { call, lines } = simulator();
    await call('/users', { headers: V25 });
    await call('/users', { auth: 'chain-client:wrong', headers: { Accept: 'text/html' } });
    const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(logged.map((l) => [l.method, l.path, l.status])).toEqual([
      ['GET', '/users', 200],
      ['GET', '/users', 406],
    ]);
    for (const l of logged) expect(l.reqId).toMatch(/^req-/);
    const all = lines.join('\n');
    expect(all).not.toContain('secret-key-123');
    expect(all).not.toContain(Buffer.from('chain-client:secret-key-123').toString('base64'));
  });
});

describe('writes from another site', () => {
  it("refuses a browser's cross-site or same-site write with 403, before anything runs; reads and scripts pass", async () => {
    const { call } = simulator();
    const JSON_BODY = { ...V25, 'Content-Type': 'application/json' };
    const body = JSON.stringify({ user: { id: 'from-elsewhere' } });
    for (const site of ['cross-site', 'same-site']) {
      const res = await call('/users', { method: 'POST', headers: { ...JSON_BODY, 'Sec-Fetch-Site': site }, body });
      expect(res.status).toBe(403);
      const error = (await res.json()).error;
      expect(error.type).toBe('cross_site_request');
      expect(error.message).toContain(`Sec-Fetch-Site: ${site}`);
      const reset = await call('/_mx-sim/reset', { method: 'POST', headers: { 'Sec-Fetch-Site': site } });
      expect(reset.status).toBe(403);
    }
    // Nothing was created.
    expect((await (await call('/users', { headers: V25 })).json()).users).toEqual([]);
    const read = await call('/users', { headers: { ...V25, 'Sec-Fetch-Site': 'cross-site' } });
    expect(read.status).toBe(200);
    const own = await call('/users', {
      method: 'POST',
      headers: { ...JSON_BODY, 'Sec-Fetch-Site': 'same-origin' },
      body,
    });
    expect(own.status).toBe(200);
    const script = await call('/users', {
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify({ user: { id: 'x2' } }),
    });
    expect(script.status).toBe(200);
  });
});

describe("bodies in MX's v1 media type", () => {
  it('are read as JSON by every operation, as MX v20111101 SDK sends some of them', async () => {
    const sim = createSimulator();
    const headers = {
      Authorization: `Basic ${btoa('v1-body:k')}`,
      'Accept-Version': 'v20111101',
      Accept: 'application/vnd.mx.api.v1+json',
      'Content-Type': 'application/vnd.mx.api.v1+json',
    };
    const res = await sim.app.request('/users', {
      method: 'POST',
      headers,
      body: JSON.stringify({ user: { id: 'v1' } }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).user.id).toBe('v1');
    const xml = await sim.app.request('/users', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/xml' },
      body: '<user/>',
    });
    expect(xml.status).toBe(415);
  });
});
