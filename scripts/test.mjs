#!/usr/bin/env node
// `npm test`: every check, the static ones beside the tests. The tests (vitest: unit, http and e2e) print
// as they run; typecheck, lint and the import rules run at the same time, their output held and printed
// when the tests are done. tsc runs on one core, so on a 2-core machine this takes about the tests' time
// instead of the tests' plus the typecheck's. Exits non-zero when any check or test fails.
// Arguments go to vitest (`npm test -- --project unit`).
import { spawn } from 'node:child_process';

const CHECKS = ['typecheck', 'lint', 'deps'];
const shell = process.platform === 'win32';

/** Runs `npm <args>`; resolves with the exit code, the output (when held) and the time taken. */
function npm(args, hold) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', args, { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ code: 1, output: `${output}${error.message}\n`, ms: Date.now() - started }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output, ms: Date.now() - started }));
  });
}

const checks = CHECKS.map((name) => npm(['run', '-s', name], true).then((result) => ({ name, ...result })));
const tests = await npm(['exec', '--no', '--', 'vitest', 'run', ...process.argv.slice(2)], false);
const results = await Promise.all(checks);

for (const { name, code, output } of results) {
  if (output.trim()) process.stdout.write(`\n── npm run ${name}${code ? ' (failed)' : ''}\n${output.trimEnd()}\n`);
}
process.stdout.write('\n');
for (const { name, code, ms } of [...results, { name: 'vitest run', ...tests }]) {
  process.stdout.write(`${code ? '✗' : '✓'} ${name} (${(ms / 1000).toFixed(1)} s)\n`);
}
process.exit([...results, tests].some((r) => r.code !== 0) ? 1 : 0);
