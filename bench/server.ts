// One server under test, in its own process so it never shares an event loop with the load generator.
//
//   tsx bench/server.ts sim [--fast] [--max-tenants N] [--dist]   the simulator (createSimulator + @hono/node-server);
//                              --dist loads the compiled dist/server/app.js that `npm start` runs
//   tsx bench/server.ts bare   a bare node:http server answering every request with the bytes read from stdin;
//                              when stdin is a JSON object { "bodies": { "<path>": "<base64>" } }, the bytes for
//                              the request's path (one Map lookup per request)
//
// Listens on 127.0.0.1 on a free port and prints `listening on http://127.0.0.1:PORT` as its first
// stdout line. When started with an IPC channel (as bench/http.bench.ts and bench/soak.ts do) it
// answers { cmd: 'cpu' } with its process.cpuUsage(), { cmd: 'memory', gc } with its RSS, heap used (after
// a full GC when asked; start it with --expose-gc) and the simulator's kept tenants, and stops on
// { cmd: 'stop' }; SIGINT/SIGTERM also stop it.
import { createServer, type Server } from 'node:http';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import type { ChildMessage, ParentMessage } from './protocol.js';

const HOST = '127.0.0.1';
const { positionals, values: flags } = parseArgs({
  allowPositionals: true,
  options: {
    fast: { type: 'boolean' },
    dist: { type: 'boolean' },
    'max-tenants': { type: 'string' },
    'spin-us': { type: 'string' },
  },
});
const mode = positionals[0];
let tenants: () => number = () => 0;

function listening(server: Server): void {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  process.stdout.write(`listening on http://${HOST}:${address.port}\n`);
}

async function start(): Promise<Server> {
  if (mode === 'sim') {
    // --dist: the compiled modules `npm start` runs (dist/, built by `npm run build:js`), not src/ through tsx.
    const { createSimulator } = (await import(
      flags.dist ? '../dist/server/app.js' : '../src/server/app.js'
    )) as typeof import('../src/server/app.js');
    const sim = createSimulator({
      fast: flags.fast ?? false,
      ...(flags['max-tenants'] ? { maxTenants: Number(flags['max-tenants']) } : {}),
    });
    tenants = () => sim.tenants.size;
    return await new Promise<Server>((resolve) => {
      const server = serve({ fetch: sim.app.fetch, port: 0, hostname: HOST }, () => resolve(server as Server));
    });
  }
  if (mode === 'bare') {
    const input = await text(process.stdin);
    if (input.length === 0) throw new Error('bare: expected the response body on stdin');
    const answer = (body: Buffer) => ({
      body,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    });
    const byPath = new Map<string, ReturnType<typeof answer>>();
    let only: ReturnType<typeof answer> | undefined;
    const parsed = input.startsWith('{"bodies"')
      ? (JSON.parse(input) as { bodies: Record<string, string> })
      : undefined;
    if (parsed)
      for (const [path, b64] of Object.entries(parsed.bodies)) byPath.set(path, answer(Buffer.from(b64, 'base64')));
    else only = answer(Buffer.from(input, 'utf8'));
    const spinMs = Number(flags['spin-us'] ?? 0) / 1000;
    const server = createServer((req, res) => {
      // Drain the (empty) request and answer with the fixed bytes: nothing else happens per request.
      req.resume();
      if (spinMs > 0) {
        const until = performance.now() + spinMs;
        while (performance.now() < until);
      }
      const a = only ?? byPath.get(req.url ?? '');
      if (!a) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, a.headers);
      res.end(a.body);
    });
    return await new Promise<Server>((resolve) => server.listen(0, HOST, () => resolve(server)));
  }
  throw new Error(`usage: tsx bench/server.ts sim|bare (got ${mode ?? 'nothing'})`);
}

const server = await start();
listening(server);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  // process.exit (not a hard kill) so that `--cpu-prof` writes its profile.
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}

const send = (msg: ChildMessage) => process.send?.(msg);
process.on('message', (msg: ParentMessage) => {
  if (msg.cmd === 'cpu') send({ cmd: 'cpu', usage: process.cpuUsage() });
  else if (msg.cmd === 'memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (msg.gc && gc) {
      // Twice: objects freed by the first (finalizers, weak maps) go in the second.
      gc();
      gc();
    }
    const { rss, heapUsed } = process.memoryUsage();
    send({ cmd: 'memory', rss, heapUsed, tenants: tenants() });
  } else if (msg.cmd === 'stop') stop();
});
process.on('disconnect', stop);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stop);
