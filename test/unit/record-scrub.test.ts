// What a recording (`--record DIR`) must never keep: credential values, MFA answers, API keys and
// secret headers, wherever they appear (URL, query, headers, request and response bodies), and full
// account numbers. Pure: redactExchange on hand-made exchanges, and the Recorder on a temp directory.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDACTED, Recorder, readRecording, redactExchange, redactValue } from '../../src/client/record.js';
import type { WireExchange } from '../../src/client/transport.js';

const API_KEY = 'sk-live-0123456789abcdef';
const LOGIN = 'jane.doe.secret.login';
const SHORT = 'hunter2';

function exchange(overrides: Partial<WireExchange> = {}): WireExchange {
  return {
    method: 'GET',
    url: 'https://int-api.mx.com/users',
    path: '/users',
    requestHeaders: {},
    requestBody: undefined,
    status: 200,
    responseHeaders: {},
    contentType: 'application/json',
    responseBody: undefined,
    attempt: 1,
    ...overrides,
  } as WireExchange;
}

describe('secret headers', () => {
  const names = [
    'authorization',
    'Authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'x-api-key',
    'MX-API-KEY',
    'mx-client-id',
  ];

  it('are redacted by name, whatever their case, in the request and the response', () => {
    const headers = Object.fromEntries(names.map((n, i) => [n, `value-${i}`]));
    const recorded = redactExchange(exchange({ requestHeaders: headers, responseHeaders: headers }), 1);
    for (const n of names) {
      expect(recorded.requestHeaders[n], n).toBe(REDACTED);
      expect(recorded.responseHeaders[n], n).toBe(REDACTED);
    }
  });

  it('leave other headers as they were', () => {
    const headers = { accept: 'application/json', 'x-request-id': 'abc', authorizationx: 'kept', 'x-cookie': 'kept' };
    const recorded = redactExchange(exchange({ requestHeaders: headers, responseHeaders: headers }), 1);
    expect(recorded.requestHeaders).toEqual(headers);
    expect(recorded.responseHeaders).toEqual(headers);
  });
});

describe('bodies', () => {
  it('redact credential values and MFA answers in a JSON request body (a string on the wire)', () => {
    const body = {
      member: {
        institution_code: 'mxbank',
        credentials: [
          { guid: 'CRD-1', value: 'mxuser' },
          { guid: 'CRD-2', value: 'password' },
        ],
        challenges: [{ guid: 'CRD-3', value: 'correct' }],
      },
    };
    const recorded = redactExchange(exchange({ method: 'POST', requestBody: JSON.stringify(body) }), 1);
    expect(recorded.requestBody).toEqual({
      member: {
        institution_code: 'mxbank',
        credentials: [
          { guid: 'CRD-1', value: REDACTED },
          { guid: 'CRD-2', value: REDACTED },
        ],
        challenges: [{ guid: 'CRD-3', value: REDACTED }],
      },
    });
  });

  it('keep challenge prompts and option values (items with a type), and {guid, value} items elsewhere', () => {
    const body = {
      challenges: [{ guid: 'CRD-1', type: 'OPTIONS', value: 'shown', options: [{ guid: 'o', value: 'correct' }] }],
      credentials: [{ value: 'no guid' }, { guid: 'no value' }, 'text', null],
      other: [{ guid: 'CRD-9', value: 'ordinary' }],
    };
    expect(redactValue(body)).toEqual(body);
  });

  it('redact secret fields at any depth, whatever their case, in request and response bodies', () => {
    const secret = {
      api_key: 'k',
      PASSWORD: 'p',
      Secret: 's',
      token: 't',
      access_token: 'a',
      refresh_token: 'r',
      ssn: '123-45-6789',
      tax_id: '98-7654321',
    };
    const redacted = Object.fromEntries(Object.keys(secret).map((k) => [k, REDACTED]));
    const body = { outer: [{ inner: secret }], keep: { password_hint: 'kept', tokens: 3 } };
    const recorded = redactExchange(
      exchange({ method: 'POST', requestBody: JSON.stringify(body), responseBody: body }),
      1,
    );
    const expected = { outer: [{ inner: redacted }], keep: { password_hint: 'kept', tokens: 3 } };
    expect(recorded.requestBody).toEqual(expected);
    expect(recorded.responseBody).toEqual(expected);
  });

  it('leave a null or absent secret field as it was', () => {
    expect(redactValue({ password: null, token: undefined })).toEqual({ password: null, token: undefined });
  });

  it('mask account and routing numbers to their last four characters, as MX does', () => {
    const numbers = {
      account_number: '1234567890',
      routing_number: '021000021',
      transit_number: '12345',
      institution_number: '1234',
      loan_number: '12',
      card_number: '',
      Account_Number: '1234567890',
    };
    expect(redactValue({ account_numbers: [numbers] })).toEqual({
      account_numbers: [
        {
          account_number: 'XXXXXX7890',
          routing_number: 'XXXXX0021',
          transit_number: 'X2345',
          institution_number: 'XXXX',
          loan_number: 'XX',
          card_number: '',
          // Case-sensitive: MX's fields are lower case.
          Account_Number: '1234567890',
        },
      ],
    });
    expect(redactValue({ account_number: 1234567890, routing_number: null })).toEqual({
      account_number: 1234567890,
      routing_number: null,
    });
  });

  it('keep a request body that is not JSON as text (known secrets still scrubbed)', () => {
    const recorded = redactExchange(exchange({ method: 'POST', requestBody: `login=${LOGIN}&x=1` }), 1, [LOGIN]);
    expect(recorded.requestBody).toBe(`login=${REDACTED}&x=1`);
  });

  it('does not change the exchange it was given', () => {
    const responseBody = { password: 'p', credentials: [{ guid: 'g', value: 'v' }] };
    const requestHeaders = { authorization: 'Basic abc' };
    redactExchange(exchange({ responseBody, requestHeaders }), 1, ['v']);
    expect(responseBody).toEqual({ password: 'p', credentials: [{ guid: 'g', value: 'v' }] });
    expect(requestHeaders).toEqual({ authorization: 'Basic abc' });
  });
});

describe('known secrets (the API key and the credential values given to the run)', () => {
  it('are scrubbed wherever they appear: URL, path and query, header values, request and response bodies', () => {
    const ex = exchange({
      method: 'POST',
      url: `https://int-api.mx.com/users?api=${API_KEY}&login=${LOGIN}`,
      path: `/users?api=${API_KEY}&login=${LOGIN}`,
      requestHeaders: { 'x-debug': `key ${API_KEY}`, 'x-login': LOGIN },
      requestBody: JSON.stringify({ note: `my key is ${API_KEY}`, user: { id: LOGIN, email: SHORT } }),
      responseHeaders: { location: `https://x/${LOGIN}` },
      responseBody: { echo: [`${LOGIN}!`, { deep: API_KEY }], pw: SHORT },
    });
    const recorded = redactExchange(ex, 7, [API_KEY, LOGIN, SHORT]);
    const text = JSON.stringify(recorded);
    for (const secret of [API_KEY, LOGIN, SHORT]) expect(text).not.toContain(secret);
    expect(recorded).toMatchObject({
      seq: 7,
      url: `https://int-api.mx.com/users?api=${REDACTED}&login=${REDACTED}`,
      path: `/users?api=${REDACTED}&login=${REDACTED}`,
      requestHeaders: { 'x-debug': `key ${REDACTED}`, 'x-login': REDACTED },
      requestBody: { note: `my key is ${REDACTED}`, user: { id: REDACTED, email: REDACTED } },
      responseHeaders: { location: `https://x/${REDACTED}` },
      responseBody: { echo: [`${REDACTED}!`, { deep: REDACTED }], pw: REDACTED },
    });
  });

  it('shorter than 12 characters only replace a whole value, so ordinary words survive', () => {
    const recorded = redactExchange(
      exchange({ responseBody: { a: 'challenge', b: 'challenges', c: 'the challenge text' } }),
      1,
      ['challenge'],
    );
    expect(recorded.responseBody).toEqual({ a: REDACTED, b: 'challenges', c: 'the challenge text' });
  });

  it('of exactly 12 characters are replaced inside longer strings; of 11 they are not', () => {
    const twelve = 'abcdefghijkl';
    const eleven = 'abcdefghijk';
    const recorded = redactExchange(exchange({ responseBody: { a: `x${twelve}y`, b: `x${eleven}y` } }), 1, [
      twelve,
      eleven,
    ]);
    expect(recorded.responseBody).toEqual({ a: `x${REDACTED}y`, b: `x${eleven}y` });
  });

  it('that are empty redact nothing', () => {
    const recorded = redactExchange(exchange({ responseBody: { a: '', b: 'text' } }), 1, ['', API_KEY]);
    expect(recorded.responseBody).toEqual({ a: '', b: 'text' });
  });

  it('leave numbers, booleans and nulls alone', () => {
    const recorded = redactExchange(exchange({ responseBody: { n: 12, t: true, z: null } }), 1, ['12', 'true']);
    expect(recorded.responseBody).toEqual({ n: 12, t: true, z: null });
  });
});

describe('Recorder', () => {
  it('writes each exchange redacted, with secrets given at the start and secrets learnt during the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mx-scrub-'));
    const recorder = new Recorder(dir, [API_KEY]);
    const before = exchange({
      url: `https://int-api.mx.com/users/USR-1?k=${API_KEY}`,
      path: `/users/USR-1?k=${API_KEY}`,
      requestHeaders: { authorization: `Basic ${Buffer.from(`client:${API_KEY}`).toString('base64')}` },
      responseBody: { login: LOGIN },
    });
    recorder.record(before);
    recorder.addSecret(LOGIN);
    recorder.record(exchange({ method: 'POST', responseBody: { login: LOGIN, said: `hello ${LOGIN}` } }));
    const [first, second] = readRecording(dir);
    expect(first).toMatchObject({
      seq: 1,
      url: `https://int-api.mx.com/users/USR-1?k=${REDACTED}`,
      path: `/users/USR-1?k=${REDACTED}`,
      requestHeaders: { authorization: REDACTED },
      // Learnt after this exchange was written.
      responseBody: { login: LOGIN },
    });
    expect(second).toMatchObject({ seq: 2, responseBody: { login: REDACTED, said: `hello ${REDACTED}` } });
  });

  it('names each file by sequence, method and path, guids shortened to their prefix; reads back only those files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mx-names-'));
    const recorder = new Recorder(dir);
    recorder.record(exchange({ url: 'https://int-api.mx.com/users/USR-1a2b/members/MBR-3c4d/accounts?page=2' }));
    recorder.record(exchange({ method: 'POST', url: 'https://int-api.mx.com/' }));
    recorder.record(exchange({ method: 'PUT', url: 'https://int-api.mx.com/a~~b/c%20d/x.y' }));
    writeFileSync(join(dir, 'notes.json'), '{}');
    writeFileSync(join(dir, '0009-get-x.json.bak'), '{}');
    expect(readdirSync(dir).filter((f) => !/notes|bak/.test(f))).toEqual([
      '0001-get-users-USR-members-MBR-accounts.json',
      '0002-post-root.json',
      '0003-put-a_b-c_20d-x.y.json',
    ]);
    expect(readRecording(dir).map((r) => r.seq)).toEqual([1, 2, 3]);
  });
});
