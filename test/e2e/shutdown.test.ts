// Shutdown of the real command with real signals: stop accepting, let in-flight requests finish within
// the grace period (--shutdown-grace), close what is left, exit 0; a second signal exits at once.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { basic } from '../helpers/server.js';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Sim {
  child: ChildProcess;
  port: number;
  /** Resolves once stdout or stderr has matched `pattern`. */
  waitFor: (pattern: RegExp) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function start(graceMs: number): Promise<Sim> {
  const child = spawn(
    process.execPath,
    [inject('commands').server, '--port', '0', '--shutdown-grace', String(graceMs)],
    {
      cwd: new URL('../..', import.meta.url),
      env: { ...process.env, PORT: '' },
    },
  );
  running.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let out = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const onOutput = (d: Buffer) => {
    out += d;
    for (const w of waiters.splice(0))
      if (w.pattern.test(out)) w.resolve();
      else waiters.push(w);
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const waitFor = (pattern: RegExp) =>
    pattern.test(out)
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => waiters.push({ pattern, resolve })),
          exited.then(() => {
            if (!pattern.test(out)) throw new Error(`mx-sim exited before ${pattern}: ${out}`);
          }),
        ]);
  await waitFor(/listening on http:\/\/\S+:\d+/);
  const port = Number(/listening on http:\/\/\S+:(\d+)/.exec(out)?.[1]);
  return { child, port, waitFor, exited };
}

/** The exit, or a failure when the process is still running after `ms` (it used to hang for minutes). */
async function exitWithin(sim: Sim, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`mx-sim still running ${ms} ms after the signal`)), ms);
  });
  try {
    return await Promise.race([sim.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

const BODY = '{"user":{"id":"during-shutdown"}}';
/**
 * A POST /users whose head and first half of the body are sent; `rest` is the other half. It expects
 * 100-continue: Node answers that once it has parsed the head, so the test knows the request is in flight.
 */
const HEAD =
  'POST /users HTTP/1.1\r\nHost: mx-sim.test\r\n' +
  `Authorization: ${basic('shutdown:key')}\r\nAccept-Version: v20250224\r\nContent-Type: application/json\r\n` +
  `Expect: 100-continue\r\nContent-Length: ${BODY.length}\r\n\r\n`;
const half = BODY.slice(0, 10);
const rest = BODY.slice(10);

/** Opens a request that stalls halfway through its body, once the server is handling it. */
async function halfSent(sim: Sim): Promise<{ socket: net.Socket; received: () => string }> {
  const socket = await connect(sim.port);
  let received = '';
  socket.on('data', (d) => (received += d));
  socket.write(HEAD);
  while (!received.includes('100 Continue')) await once(socket, 'data');
  socket.write(half);
  return { socket, received: () => received };
}

describe('shutdown', () => {
  it('on SIGTERM closes a half-sent request and a half-sent header after the grace period, and exits 0', async () => {
    const sim = await start(200);
    const { socket: stalledBody } = await halfSent(sim);
    const stalledHead = await connect(sim.port);
    stalledHead.write('GET /institutions HTTP/1.1\r\nHost: mx-sim.test\r\nAccept');
    const closedBody = once(stalledBody, 'close');
    const closedHead = once(stalledHead, 'close');
    const since = performance.now();
    sim.child.kill('SIGTERM');
    const { code } = await exitWithin(sim, 10_000);
    expect(code).toBe(0);
    // It waited for the grace period first.
    expect(performance.now() - since).toBeGreaterThanOrEqual(200);
    await sim.waitFor(/grace period over: closing the connections left/);
    await Promise.all([closedBody, closedHead]);
  });

  it('answers a request in flight when it completes within the grace period, refuses new connections, then exits 0', async () => {
    const sim = await start(30_000);
    const { socket, received } = await halfSent(sim);
    const closed = once(socket, 'close');
    sim.child.kill('SIGTERM');
    await sim.waitFor(/SIGTERM: shutting down/);
    // No longer accepting.
    const refused = net.connect(sim.port, '127.0.0.1');
    const [err] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(err.code).toBe('ECONNREFUSED');
    // The in-flight request completes and gets its answer, which closes the connection.
    socket.write(rest);
    await closed;
    const answer = received().replace('HTTP/1.1 100 Continue\r\n\r\n', '');
    expect(answer).toMatch(/^HTTP\/1.1 200 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain('"id":"during-shutdown"');
    // Nothing else to finish: it exits without waiting out the 30 s grace period.
    const { code } = await exitWithin(sim, 10_000);
    expect(code).toBe(0);
  });

  it('exits at once on a second SIGTERM, with 143 (128 + SIGTERM)', async () => {
    const sim = await start(60_000);
    await halfSent(sim);
    sim.child.kill('SIGTERM');
    await sim.waitFor(/SIGTERM: shutting down/);
    sim.child.kill('SIGTERM');
    const { code } = await exitWithin(sim, 10_000);
    expect(code).toBe(143);
    await sim.waitFor(/SIGTERM again: exiting now/);
  });
});
