// End to end: the real CLI on a free port, compiled by the e2e project's setup (test/e2e/setup.ts). The first
// test starts it as `npm start` does (dist/bin/mx-sim.js); the others through the `mx-sim` bin.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { basic } from '../helpers/server.js';

/** `npm start`: the compiled entry point. */
const NPM_START = ['dist/bin/mx-sim.js'];
/** The `mx-sim` bin. */
const MX_SIM = [inject('commands').server];

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGTERM');
});

async function startCli(args: string[], command = MX_SIM): Promise<{ url: string; output: () => string }> {
  const child = spawn(process.execPath, [...command, '--port', '0', ...args], {
    cwd: new URL('../..', import.meta.url),
    env: { ...process.env, PORT: '' },
  });
  running.push(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  while (!/listening on (http:\/\/\S+)/.test(out)) {
    if (child.exitCode !== null) throw new Error(`mx-sim exited: ${out}`);
    await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
  }
  return { url: /listening on (http:\/\/\S+)/.exec(out)![1]!, output: () => out };
}

const headers = (pair: string) => ({
  Authorization: basic(pair),
  'Accept-Version': 'v20250224',
  Accept: 'application/json',
});

describe('mx-sim CLI', () => {
  it('starts on a free port, prints its URL and answers an institution search', async () => {
    const { url } = await startCli(['--log-level', 'silent'], NPM_START);
    const res = await fetch(`${url}/institutions?name=bank&records_per_page=25`, { headers: headers('cli:key') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { institutions: unknown[] };
    expect(body.institutions.length).toBe(25);
  });

  it('starts from the code cache the build wrote (its ready line says so), and without it under --enable-source-maps', async () => {
    for (const [command, expected] of [
      [NPM_START, 'used'],
      [['--enable-source-maps', ...NPM_START], 'off'],
    ] as const) {
      const { url, output } = await startCli(['--log-format', 'json'], [...command]);
      for (let i = 0; i < 100 && !output().includes('mx-sim ready'); i++) await new Promise((r) => setTimeout(r, 20));
      const ready = JSON.parse(
        output()
          .split('\n')
          .find((l) => l.includes('"mx-sim ready"')) ?? '{}',
      );
      expect(ready.code_cache, command.join(' ')).toBe(expected);
      expect((await fetch(`${url}/institutions/mxbank`, { headers: headers('cli:key') })).status).toBe(200);
    }
  });

  it('prints where everything is after its URL, and logs readable lines with --log-format pretty', async () => {
    const { url, output } = await startCli(['--log-format', 'pretty', '--scenario', 'mfa-gauntlet']);
    for (let i = 0; i < 50 && !output().includes('mx-sim ready'); i++) await new Promise((r) => setTimeout(r, 20));
    const lines = output().split('\n');
    expect(lines[0]).toBe(`mx-sim listening on ${url}`);
    const documents = /API documents +(\S+),/.exec(output())?.[1];
    expect(documents).toBe(`${url}/_mx-sim/openapi/v20250224.json`);
    expect((await fetch(documents as string)).status).toBe(200);
    const admin = /document: (\S+)\)/.exec(output())?.[1];
    expect((await (await fetch(admin as string)).json()).info.title).toBe('mx-sim admin API');
    expect(output()).toMatch(/scenarios +mfa-gauntlet/);
    // pino-pretty (an optional dependency, installed here): a readable line, not JSON.
    expect(output()).toMatch(/\] INFO: mx-sim ready/);
    expect(output()).not.toContain('"msg":"mx-sim ready"');
    const help = spawn(process.execPath, [...MX_SIM, '--help'], { cwd: new URL('../..', import.meta.url) });
    let out = '';
    help.stdout.on('data', (d) => (out += d));
    await once(help, 'exit');
    expect(out).toContain('Examples:');
    expect(out).toMatch(/--log-format <format>[\s\S]*default: "auto"/);
    expect(out).toMatch(/--port <port>[\s\S]*default: 8080/);
  });

  it('restricts access to --client pairs and never logs the API key', async () => {
    const { url, output } = await startCli(['--client', 'ci-job:topsecret', '--log-level', 'info']);
    expect((await fetch(`${url}/institutions/mxbank`, { headers: headers('ci-job:topsecret') })).status).toBe(200);
    expect((await fetch(`${url}/institutions/mxbank`, { headers: headers('ci-job:nope') })).status).toBe(401);
    for (let i = 0; i < 50 && !output().includes('"status":401'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(output()).toContain('"status":401');
    expect(output()).not.toContain('topsecret');
  });

  it('--fast completes a member job within milliseconds', async () => {
    const { url } = await startCli(['--fast', '--log-level', 'silent']);
    const h = { ...headers('fast:key'), 'Content-Type': 'application/json' };
    const user = (await (
      await fetch(`${url}/users`, { method: 'POST', headers: h, body: '{"user":{"id":"u"}}' })
    ).json()) as any;
    const creds = [
      { guid: 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1', value: 'mxuser' },
      { guid: 'CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d', value: 'password' },
    ];
    const created = await fetch(`${url}/users/u/members`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ member: { institution_code: 'mxbank', credentials: creds } }),
    });
    expect(created.status).toBe(202);
    const guid = ((await created.json()) as any).member.guid;
    let status: any;
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = ((await (await fetch(`${url}/users/u/members/${guid}/status`, { headers: h })).json()) as any).member;
      if (!status.is_being_aggregated) break;
    }
    expect(status).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
    expect(user.user.id).toBe('u');
  });

  it('requires Accept-Version by default; --lenient-version lets the v1 Accept alone through; --strict-version warns', async () => {
    const v1Only = { Authorization: basic('cli:key'), Accept: 'application/vnd.mx.api.v1+json' };
    const strict = await startCli(['--log-level', 'silent']);
    expect((await fetch(`${strict.url}/institutions/mxbank`, { headers: v1Only })).status).toBe(406);
    const lenient = await startCli(['--lenient-version', '--log-level', 'silent']);
    const res = await fetch(`${lenient.url}/institutions/mxbank`, { headers: v1Only });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mx.api.v1+json');
    const deprecated = await startCli(['--strict-version', '--log-level', 'warn']);
    expect(deprecated.output()).toContain('--strict-version is deprecated');
    expect((await fetch(`${deprecated.url}/institutions/mxbank`, { headers: v1Only })).status).toBe(406);
  });

  it('--contract checks the traffic it serves; GET /_mx-sim/contract reports it', async () => {
    const { url } = await startCli(['--contract', 'own', '--log-level', 'silent']);
    expect((await fetch(`${url}/institutions/mxbank`, { headers: headers('cli:key') })).status).toBe(200);
    const report = await fetch(`${url}/_mx-sim/contract?format=junit`, {
      headers: { Authorization: basic('cli:key') },
    });
    expect(report.status).toBe(200);
    expect(await report.text()).toContain(
      '<testcase classname="v20250224 GET /institutions/{institution_code}" name="readInstitution"></testcase>',
    );
  });

  it('refuses a bad option with a message and a non-zero exit', async () => {
    const child = spawn(process.execPath, [...MX_SIM, '--port', 'eighty'], {
      cwd: new URL('../..', import.meta.url),
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const [code] = await once(child, 'exit');
    expect(code).not.toBe(0);
    expect(err).toContain('expected a port number');
  });

  it('--scenario loads built-in scenarios by name and files by path, merged in order', async () => {
    const { url } = await startCli([
      '--scenario',
      'mfa-gauntlet',
      '--scenario',
      'src/scenarios/builtins/large-history.yaml',
      '--log-level',
      'silent',
    ]);
    const res = await fetch(`${url}/_mx-sim/scenarios`, { headers: headers('cli:key') });
    const body = (await res.json()) as any;
    expect(body.scenarios.map((s: any) => s.name)).toEqual(['mfa-gauntlet', 'large-history']);
    expect((await fetch(`${url}/institutions/gauntletbank`, { headers: headers('cli:key') })).status).toBe(200);
    expect((await fetch(`${url}/institutions/bigbank`, { headers: headers('cli:key') })).status).toBe(200);
  });

  it('--tick-ms sends the webhook of a job that ends while nobody polls', async () => {
    const bodies: any[] = [];
    const receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (d) => (text += d));
      req.on('end', () => {
        bodies.push(JSON.parse(text));
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const dir = mkdtempSync(join(tmpdir(), 'mx-sim-'));
      const file = join(dir, 'hooks.yaml');
      const port = (receiver.address() as AddressInfo).port;
      writeFileSync(
        file,
        `timing: { fast: true }\nwebhooks: { url: http://127.0.0.1:${port}/hooks, types: [AGGREGATION] }\n`,
      );
      const { url } = await startCli(['--scenario', file, '--tick-ms', '20', '--log-level', 'silent']);
      const h = { ...headers('ticker:key'), 'Content-Type': 'application/json' };
      const user = (
        (await (await fetch(`${url}/users`, { method: 'POST', headers: h, body: '{"user":{"id":"u"}}' })).json()) as any
      ).user.guid;
      const fields = ((await (await fetch(`${url}/institutions/mxbank/credentials`, { headers: h })).json()) as any)
        .credentials as Array<{ guid: string; field_name: string }>;
      const member = {
        institution_code: 'mxbank',
        credentials: fields.map((f) => ({ guid: f.guid, value: f.field_name === 'PASSWORD' ? 'password' : 'mxuser' })),
      };
      const created = await fetch(`${url}/users/${user}/members`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ member }),
      });
      expect(created.status).toBe(202);
      // The job ends a few ms after the create answers; no request is made after it.
      for (let i = 0; i < 100 && bodies.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).toMatchObject({ type: 'AGGREGATION', is_background: false });
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  }, 20_000);

  it('points oauth_window_uri at where it listens, or at --public-url', async () => {
    const windowOf = async (url: string) => {
      const h = { ...headers('oauth:key'), 'Content-Type': 'application/json' };
      await fetch(`${url}/users`, { method: 'POST', headers: h, body: '{"user":{"id":"u"}}' });
      const created = await fetch(`${url}/users/u/members`, {
        method: 'POST',
        // A forged Host names another machine: the URI must not.
        headers: { ...h, Host: 'attacker.example' },
        body: JSON.stringify({ member: { institution_code: 'mx_bank_oauth', is_oauth: true } }),
      });
      return ((await created.json()) as any).member.oauth_window_uri as string;
    };
    const plain = await startCli(['--log-level', 'silent']);
    const own = await windowOf(plain.url);
    expect(own.startsWith(`${plain.url}/oauth/authorize/`)).toBe(true);
    expect((await fetch(own)).status).toBe(200);
    const proxied = await startCli(['--public-url', 'https://sim.example.test/mx/', '--log-level', 'silent']);
    expect(await windowOf(proxied.url)).toMatch(/^https:\/\/sim\.example\.test\/mx\/oauth\/authorize\/[0-9a-f]{32}$/);
  });

  it('--webhook-allow refuses a scenario whose webhooks go elsewhere, and --help lists the new flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mx-sim-'));
    const file = join(dir, 'hooks.yaml');
    writeFileSync(file, 'webhooks: { url: "http://192.168.7.7:9/hooks" }\n');
    const child = spawn(
      process.execPath,
      [...MX_SIM, '--port', '0', '--webhook-allow', '10.0.0.0/8,::1', '--scenario', file],
      {
        cwd: new URL('../..', import.meta.url),
      },
    );
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    expect((await once(child, 'exit'))[0]).toBe(1);
    expect(err).toContain(`invalid scenario ${file}:`);
    expect(err).toContain(
      'webhooks.url: 192.168.7.7:9 is not a webhook target this simulator allows (--webhook-allow 10.0.0.0/8,::1)',
    );
    const help = spawn(process.execPath, [...MX_SIM, '--help'], { cwd: new URL('../..', import.meta.url) });
    let out = '';
    help.stdout.on('data', (d) => (out += d));
    await once(help, 'exit');
    expect(out).toContain('--public-url <url>');
    expect(out).toContain('--webhook-allow <hosts>');
  });

  it('refuses an invalid scenario file with its problems and a non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mx-sim-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'outcomes:\n  - match: { institution: mxbank }\n    jobs: [RESUMED]\n');
    const child = spawn(process.execPath, [...MX_SIM, '--port', '0', '--scenario', file], {
      cwd: new URL('../..', import.meta.url),
    });
    let err = '';
    let out = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => (out += d));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(out).not.toContain('listening');
    expect(err).toContain(`${file}:3:12 outcomes[0].jobs[0]: 'RESUMED' is a status MX shows while a job runs`);
    const missing = spawn(process.execPath, [...MX_SIM, '--scenario', 'no-such-thing'], {
      cwd: new URL('../..', import.meta.url),
    });
    let err2 = '';
    missing.stderr.on('data', (d) => (err2 += d));
    expect((await once(missing, 'exit'))[0]).toBe(1);
    expect(err2).toContain(
      'no such file, and no built-in scenario of that name (built-ins: flaky-institution, large-history, mfa-gauntlet',
    );
  });

  it('refuses a scenario file nested too deep or with an alias bomb: one clear message, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mx-sim-'));
    const deep = join(dir, 'deep.yaml');
    writeFileSync(deep, `{"name":"x","institutions":${'['.repeat(1000)}${']'.repeat(1000)}}\n`);
    const bomb = join(dir, 'bomb.yaml');
    const laughs = ['a: &a [x,x,x,x,x,x,x,x,x]'];
    for (const [name, prev] of ['ba', 'cb', 'dc', 'ed', 'fe']) {
      laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    writeFileSync(bomb, `${laughs.join('\n')}\n`);
    const expected = {
      [deep]: `mx-sim: invalid scenario ${deep}:\n  - ${deep}:1:90: nested more than 64 levels deep`,
      [bomb]: `mx-sim: invalid scenario ${bomb}:\n  - ${bomb}: its aliases (*name) expand too far`,
    };
    for (const [file, message] of Object.entries(expected)) {
      const child = spawn(process.execPath, [...MX_SIM, '--port', '0', '--scenario', file], {
        cwd: new URL('../..', import.meta.url),
      });
      let err = '';
      let out = '';
      child.stderr.on('data', (d) => (err += d));
      child.stdout.on('data', (d) => (out += d));
      const [code, signal] = await once(child, 'exit');
      expect({ code, signal }).toEqual({ code: 1, signal: null });
      expect(out).not.toContain('listening');
      expect(err.startsWith(message), err).toBe(true);
      expect(err).not.toMatch(/^\s+at /m);
      expect(err).not.toContain('FATAL');
      expect(err.trim().split('\n')).toHaveLength(2);
    }
  });
});
