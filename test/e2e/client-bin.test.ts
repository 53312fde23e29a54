// The `mx-sim-client` bin as a user runs it: a child process, recording to a folder.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('mx-sim-client flow (the bin)', () => {
  it('runs against an in-process simulator with no setup and no prompts when not on a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mx-bin-'));
    const child = spawn(process.execPath, ['bin/mx-sim-client.js', 'flow', '--record', dir], {
      cwd: new URL('../..', import.meta.url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const [code] = await once(child, 'exit');
    expect(code, out).toBe(0);
    expect(out).toMatch(/^Target: the in-process simulator; contract checks against the mx-sim document/);
    expect(out).toContain('Summary: MX Bank (mxbank), member MBR-');
    expect(out).toContain('  result: OK');
    expect(out).toMatch(/Contract \(.*\): \d+ operations checked, 0 with violations/);
    expect(out).not.toMatch(/\bpassword\b|mxuser/);
    expect(readdirSync(dir).length).toBeGreaterThan(10);
  }, 30_000);
});
