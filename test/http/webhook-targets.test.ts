// Where a world's webhooks may go, over the admin API (issue 12): a password in webhooks.url is refused
// at load (basic_auth is the way), `webhookAllow` (--webhook-allow) refuses a scenario pointing outside
// it, and no url password shows in GET /_mx-sim/webhooks or the logs, whatever an error quotes.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/scenarios/load.js';
import { createSimulator } from '../../src/server/app.js';
import { createMember, settle } from '../helpers/members.js';
import { startServer, type TestServer, useServer } from '../helpers/server.js';

const load = (server: TestServer, yaml: string) => server.call('POST', '/_mx-sim/scenarios', { raw: yaml });
const scenarios = async (server: TestServer) => (await server.get('/_mx-sim/scenarios')).body.scenarios;

describe('a password in webhooks.url', () => {
  const mx = useServer({ fast: true });

  it('is refused at load with a located error pointing to basic_auth, never echoing it', async () => {
    const before = await scenarios(mx);
    const res = await load(mx, 'name: leaky\nwebhooks:\n  url: http://hooks:pa55-w0rd@127.0.0.1:9/mx\n');
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('invalid_scenario');
    expect(res.body.error.message).toContain(
      'request body:3:8 webhooks.url: must not hold a user name or password (user:pass@); give them as basic_auth: { username, password }',
    );
    expect(res.text).not.toContain('pa55-w0rd');
    expect(await scenarios(mx)).toEqual(before);
    // The way that works: basic_auth beside a plain url.
    const ok = await load(
      mx,
      'webhooks:\n  url: http://127.0.0.1:9/mx\n  basic_auth: { username: hooks, password: pa55-w0rd }\n',
    );
    expect(ok.status, ok.text).toBe(201);
    expect((await mx.get('/_mx-sim/webhooks')).text).not.toContain('pa55-w0rd');
  });

  it('in a scenario given at start is refused the same way', () => {
    const parse = () => parseScenario('webhooks: { url: "https://u:s3cr3t@hooks.example.com/x" }\n', 'start.yaml');
    expect(parse).toThrow(ScenarioError);
    expect(parse).toThrow('start.yaml:1:18 webhooks.url: must not hold a user name or password');
    expect(parse).not.toThrow(/s3cr3t/);
  });
});

describe('webhookAllow (--webhook-allow)', () => {
  const mx = useServer({ fast: true, webhookAllow: ['127.0.0.1,hooks.example.com', '10.0.0.0/8'] });

  it('refuses a scenario whose webhooks.url is elsewhere: 400 invalid_scenario saying what is allowed, nothing changes', async () => {
    const before = await scenarios(mx);
    for (const url of [
      'http://192.168.1.5/x',
      'http://[::1]:9/x',
      'https://evil.example.com/x',
      'http://localhost/x',
    ]) {
      const res = await load(mx, `name: elsewhere\nwebhooks: { url: "${url}" }\n`);
      expect(res.status, url).toBe(400);
      expect(res.body.error).toMatchObject({ status: 'bad_request', type: 'invalid_scenario' });
      expect(res.body.error.message).toContain(
        `webhooks.url: ${new URL(url).host} is not a webhook target this simulator allows (--webhook-allow 127.0.0.1,hooks.example.com,10.0.0.0/8)`,
      );
      expect(await scenarios(mx)).toEqual(before);
    }
  });

  it('takes a url on the list, and a world that only logs', async () => {
    for (const url of ['http://127.0.0.1:9999/mx', 'https://HOOKS.example.com./mx', 'http://10.20.30.40:8080/h']) {
      const res = await load(mx, `webhooks: { url: "${url}" }\n`);
      expect(res.status, `${url}: ${res.text}`).toBe(201);
    }
    expect((await load(mx, 'webhooks: { types: [AGGREGATION] }\n')).status).toBe(201);
  });

  it('refuses startup scenarios outside it, and entries that are not hosts, addresses or CIDRs', () => {
    const scenario = {
      scenario: parseScenario('webhooks: { url: "http://192.168.1.5/x" }\n', 'hooks.yaml'),
      source: 'hooks.yaml',
    };
    expect(() => createSimulator({ webhookAllow: ['10.0.0.0/8'], scenarios: [scenario] })).toThrow(
      /hooks\.yaml:\n {2}- webhooks\.url: 192\.168\.1\.5 is not a webhook target/,
    );
    expect(() => createSimulator({ scenarios: [scenario] })).not.toThrow();
    expect(() => createSimulator({ webhookAllow: ['10.0.0.0/40'] })).toThrow(/'10\.0\.0\.0\/40' is not a host name/);
  });
});

describe('delivery errors in the log', () => {
  it('never show a url password, from an error that quotes one or a redirect that names one', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    let answer: () => Promise<Response> = async () => {
      throw new TypeError('connect failed for http://hooks:l3aked@127.0.0.1:9/mx');
    };
    const inits: RequestInit[] = [];
    const mx = await startServer({
      fast: true,
      logger: pino({ level: 'info' }, sink),
      webhookDelivery: {
        fetch: (async (_url: string, init: RequestInit) => {
          inits.push(init);
          return answer();
        }) as unknown as typeof fetch,
      },
    });
    try {
      expect(
        (
          await load(
            mx,
            'webhooks: { url: "http://127.0.0.1:9/mx", types: [CONNECTION_STATUS], retry: { retries: 2, gaps_ms: [1000] } }\n',
          )
        ).status,
      ).toBe(201);
      const first = await createMember(mx, 'INVALID');
      expect((await settle(mx, first.path)).connection_status).toBe('DENIED');
      await mx.sim.webhookDeliveries();
      await mx.post('/_mx-sim/clock', { advance_ms: 60_000 });
      await mx.sim.webhookDeliveries();
      answer = async () =>
        new Response(null, { status: 302, headers: { location: 'http://hooks:l3aked@10.9.9.9/elsewhere?key=k3y' } });
      const second = await createMember(mx, 'INVALID');
      await settle(mx, second.path);
      await mx.sim.webhookDeliveries();
      await mx.post('/_mx-sim/clock', { advance_ms: 60_000 });
      await mx.sim.webhookDeliveries();
      const log = await mx.get('/_mx-sim/webhooks');
      expect(log.body.webhooks.map((w: any) => w.delivery)).toEqual([
        { state: 'failed', attempts: 3, status: null, last_error: 'connect failed for http://127.0.0.1:9/mx' },
        {
          state: 'failed',
          attempts: 3,
          status: null,
          last_error:
            "HTTP 302: redirect (to http://10.9.9.9/elsewhere) not followed; set webhooks.url to the receiver's own URL",
        },
      ]);
      expect(inits.every((i) => i.redirect === 'manual')).toBe(true);
      const shown = log.text + lines.join('');
      expect(lines.join('')).toContain('webhook delivery failed');
      expect(shown).not.toContain('l3aked');
      expect(shown).not.toContain('k3y');
    } finally {
      await mx.close();
    }
  });
});
