import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createSimulator } from '../../src/server/app.js';
import { startServer, useServer } from '../helpers/server.js';

const mx = useServer();

describe('auth', () => {
  it('answers 401 in MX error JSON without credentials, with a malformed header, or with an empty key', async () => {
    const cases: Array<[string | null, Record<string, string>]> = [
      [null, {}],
      [null, { Authorization: 'Bearer abc' }],
      [null, { Authorization: `Basic ${btoa('no-colon')}` }],
      [null, { Authorization: `Basic ${btoa('client:')}` }],
    ];
    for (const [auth, headers] of cases) {
      const res = await mx.get('/institutions', { auth, headers });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ status: 'unauthorized', type: 'unauthorized' });
      expect(res.body.error.message).toContain('Authorization');
    }
  });

  it('accepts only configured pairs when the simulator is restricted', async () => {
    const locked = await startServer({ clients: [{ client_id: 'ci', api_key: 's3cret' }] });
    try {
      expect((await locked.get('/institutions', { auth: 'ci:s3cret' })).status).toBe(200);
      expect((await locked.get('/institutions', { auth: 'ci:wrong' })).status).toBe(401);
      expect((await locked.get('/institutions', { auth: 'other:s3cret' })).status).toBe(401);
    } finally {
      await locked.close();
    }
  });
});

describe('readiness', () => {
  it('answers GET /_mx-sim/health without credentials, for CI to wait on', async () => {
    const res = await mx.get('/_mx-sim/health', { auth: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', versions: ['v20250224', 'v20111101'] });
    expect(res.headers.get('x-request-id')).toMatch(/^req-/);
  });

  it('serves the admin API without any version header (Accept-Version is for the MX API only)', async () => {
    const bare = { 'Accept-Version': undefined, Accept: undefined };
    expect((await mx.get('/_mx-sim/clock', { headers: bare })).status).toBe(200);
    expect((await mx.get('/institutions', { headers: bare })).status).toBe(406);
  });
});

describe('API version negotiation', () => {
  it('selects v20250224 from Accept-Version with Accept: application/json', async () => {
    expect((await mx.get('/institutions/mxbank')).status).toBe(200);
    expect((await mx.get('/institutions/mxbank', { headers: { Accept: undefined } })).status).toBe(200);
    // MX's v3 SDK examples send the v1 media type alongside Accept-Version.
    expect(
      (await mx.get('/institutions/mxbank', { headers: { Accept: 'application/vnd.mx.api.v1+json' } })).status,
    ).toBe(200);
  });

  it('requires Accept-Version: the v1 Accept header alone answers 406 naming both values, as MX after 2026-08-12', async () => {
    const res = await mx.get('/institutions/mxbank', {
      headers: { 'Accept-Version': undefined, Accept: 'application/vnd.mx.api.v1+json' },
    });
    expect(res.status).toBe(406);
    expect(res.body).toEqual({
      error: {
        message:
          "Missing Accept-Version header: since 2026-08-12 'Accept: application/vnd.mx.api.v1+json' alone selects no version; add 'Accept-Version: v20111101' (or v20250224)",
        status: 'not_acceptable',
        type: 'not_acceptable',
      },
    });
  });

  it('with lenientVersion, serves v20111101 to the v1 Accept header alone, in its media type', async () => {
    const lenient = await startServer({ lenientVersion: true });
    try {
      const res = await lenient.get('/institutions/mxbank', {
        headers: { 'Accept-Version': undefined, Accept: 'application/vnd.mx.api.v1+json' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.mx.api.v1+json');
      expect(res.body.institution.supports_account_verification).toBe(true);
      // Lenient still needs some version: a plain JSON Accept alone is refused.
      expect((await lenient.get('/institutions', { headers: { 'Accept-Version': undefined } })).status).toBe(406);
    } finally {
      await lenient.close();
    }
  });

  it('answers 406 naming the header to send when no version is requested', async () => {
    const res = await mx.get('/institutions', { headers: { 'Accept-Version': undefined } });
    expect(res.status).toBe(406);
    expect(res.body.error.status).toBe('not_acceptable');
    expect(res.body.error.message).toContain('Accept-Version: v20250224');
  });

  it('answers 406 for an unknown version and for an Accept it cannot serve', async () => {
    const unknown = await mx.get('/institutions', { headers: { 'Accept-Version': 'v1999' } });
    expect(unknown.status).toBe(406);
    expect(unknown.body.error.message).toBe(
      "Accept-Version 'v1999' is not a supported API version; use one of v20250224, v20111101",
    );
    const xml = await mx.get('/institutions', { headers: { Accept: 'application/xml' } });
    expect(xml.status).toBe(406);
    expect(xml.body.error.message).toContain("send 'Accept: application/json'");
  });

  it('keeps the deprecated strictVersion as a no-op, and refuses it together with lenientVersion', async () => {
    const strict = await startServer({ strictVersion: true });
    try {
      const res = await strict.get('/institutions', {
        headers: { 'Accept-Version': undefined, Accept: 'application/vnd.mx.api.v1+json' },
      });
      expect(res.status).toBe(406);
      expect(res.body.error.message).toMatch(/^Missing Accept-Version header/);
      expect((await strict.get('/institutions/mxbank')).status).toBe(200);
    } finally {
      await strict.close();
    }
    expect(() => createSimulator({ strictVersion: true, lenientVersion: true })).toThrow(
      'strictVersion and lenientVersion contradict each other',
    );
  });
});

describe('errors', () => {
  it('answers an unknown route with 404 and a wrong method with 405 and Allow', async () => {
    const unknown = await mx.get('/no/such/route');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ status: 'not_found', type: 'route_not_found' });
    const wrong = await mx.call('PATCH', '/users/USR-1');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, PUT, DELETE');
    expect(wrong.body.error.message).toBe('PATCH is not allowed on /users/USR-1; use GET, PUT, DELETE');
  });

  it('answers malformed JSON, a non-JSON content type and an oversized body with clear messages', async () => {
    const bad = await mx.call('POST', '/users', { raw: '{"user": {' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ status: 'bad_request', type: 'invalid_json' });
    const form = await mx.call('POST', '/users', {
      raw: 'user=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(form.body.error.message).toContain('Content-Type: application/json');
    // Its own server: the client's connection is not reusable after a body the server refused to read.
    const own = await startServer();
    try {
      const big = await own.post('/users', { user: { metadata: 'x'.repeat(1_100_000) } });
      expect(big.status).toBe(413);
      expect(big.body.error.type).toBe('payload_too_large');
    } finally {
      await own.close();
    }
  });

  it('names the query parameter and the problem when a query fails validation', async () => {
    const res = await mx.get('/institutions?records_per_page=lots');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      message: 'records_per_page: must be a whole number',
      status: 'bad_request',
      type: 'validation_error',
    });
  });

  it('returns X-Request-Id, echoing a caller-supplied one', async () => {
    expect((await mx.get('/institutions/mxbank')).headers.get('x-request-id')).toMatch(/^req-/);
    expect(
      (await mx.get('/institutions/mxbank', { headers: { 'X-Request-Id': 'mine-1' } })).headers.get('x-request-id'),
    ).toBe('mine-1');
  });
});

describe('unhandled exceptions', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk, _enc, done) => {
      lines.push(String(chunk));
      done();
    },
  });
  let server: Awaited<ReturnType<typeof startServer>>;
  afterAll(() => server?.close());

  it('answers 500 in MX error JSON, logs without secrets, and keeps serving', async () => {
    server = await startServer({ logger: pino({ level: 'info' }, sink) });
    const spy = vi.spyOn(server.sim.tenants, 'get').mockImplementationOnce(() => {
      throw new Error('store exploded');
    });
    const res = await server.get('/institutions', { auth: 'client-x:super-secret-key' });
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ status: 'internal_server_error', type: 'internal_server_error' });
    expect(res.body.error.message).not.toContain('exploded');
    spy.mockRestore();
    expect((await server.get('/institutions/mxbank', { auth: 'client-x:super-secret-key' })).status).toBe(200);
    const log = lines.join('');
    expect(log).toContain('store exploded');
    expect(log).not.toContain('super-secret-key');
    expect(log).not.toContain(btoa('client-x:super-secret-key'));
  });
});
