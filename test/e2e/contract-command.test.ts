// The `contract` command for a user's CI: the flow against any base URL, every request and response checked
// against an OpenAPI document, a JUnit report, and a non-zero exit when anything drifts.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCommand } from '../../src/client/run.js';
import { systemClock } from '../../src/server/clock.js';
import { mxSpecPath } from '../helpers/contract.js';
import { startServer, type TestServer } from '../helpers/server.js';

/** A proxy in front of the simulator that corrupts one field of one response: a drifted server. */
async function brokenProxy(upstream: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
    ) as Record<string, string>;
    const answer = await fetch(upstream + (req.url ?? '/'), {
      method: req.method ?? 'GET',
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    let text = await answer.text();
    if (req.method === 'GET' && /\/members\/[^/]+\/accounts(\?|$)/.test(req.url ?? '')) {
      const body = JSON.parse(text);
      body.accounts[0].balance = 'a lot';
      text = JSON.stringify(body);
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let sim: TestServer;
let proxy: { url: string; server: Server };
const dir = mkdtempSync(join(tmpdir(), 'mx-contract-'));

beforeAll(async () => {
  // Fast jobs on the system clock: the spawned CLI polls in real time.
  sim = await startServer({ fast: true, clock: systemClock as never, clientId: 'contract-test', socket: true });
  proxy = await brokenProxy(sim.url);
});
afterAll(async () => {
  proxy.server.close();
  await sim.close();
});

describe('the contract command', () => {
  it('passes against the simulator: exit 0, every operation a passing JUnit testcase', async () => {
    const lines: string[] = [];
    const junit = join(dir, 'ok.xml');
    const outcome = await runCommand(
      {
        baseUrl: sim.url,
        products: ['transactions', 'account_verification'],
        credentials: { PASSWORD: 'challenge' },
        pollIntervalMs: 10,
        junit,
        ...(mxSpecPath ? { spec: mxSpecPath } : {}),
      },
      { print: (l) => lines.push(l) },
    );
    expect(outcome).toMatchObject({ exitCode: 0, violations: 0, result: { ok: true } });
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="mx-sim contract" tests="\d+" failures="0">/);
    for (const op of [
      'listInstitutions',
      'createMember',
      'readMemberStatus',
      'resumeAggregation',
      'listMemberAccounts',
    ])
      expect(xml).toContain(`name="${op}"`);
    expect(lines).toContain(
      '  ✓ listMemberAccounts (GET /users/{user_identifier}/members/{member_identifier}/accounts) ×2',
    );
    expect(lines.join('\n')).not.toContain('mx-sim-flow-key');
  });

  it('catches a deliberately broken response: exit 1, and the JUnit report names the failing operation', async () => {
    const junit = join(dir, 'broken.xml');
    const child = spawn(
      process.execPath,
      [inject('commands').client, 'contract', '--base-url', proxy.url, '--poll-interval', '10', '--junit', junit],
      {
        cwd: new URL('../..', import.meta.url),
        env: { ...process.env, MX_CLIENT_ID: 'contract-test', MX_API_KEY: 'k' },
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const [code] = await once(child, 'exit');
    expect(code, out).toBe(1);
    expect(out).toMatch(
      /✗ listMemberAccounts \(GET \/users\/\{user_identifier\}\/members\/\{member_identifier\}\/accounts\)/,
    );
    expect(out).toMatch(/\/accounts\/0\/balance must be number/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/failures="1"/);
    const failing = /<testcase classname="([^"]+)" name="([^"]+)">\s*<failure message="([^"]+)"/.exec(xml);
    expect(failing?.slice(1, 3)).toEqual([
      'GET /users/{user_identifier}/members/{member_identifier}/accounts',
      'listMemberAccounts',
    ]);
    expect(failing?.[3]).toContain('balance must be number');
    // Everything else still passed.
    expect(xml).toMatch(/<testcase classname="GET \/institutions" name="listInstitutions"><\/testcase>/);
  }, 30_000);
});
