// Setup file of the unit and http projects: their tests open no socket and start no process. A test
// that needs one (a real port, a receiver, a spawned command, MX's SDK) belongs in test/e2e.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

function refuse(what: string) {
  return () => {
    throw new Error(
      `${what}: tests outside test/e2e run without sockets or child processes; move this test to test/e2e`,
    );
  };
}

net.Socket.prototype.connect = refuse('a socket connection') as never;
net.Server.prototype.listen = refuse('listening on a port') as never;
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  (childProcess as Record<string, unknown>)[name] = refuse(`child_process.${name}`);
}
syncBuiltinESMExports();
