// Issue 14's goals as every benchmark reports them: one row per measured goal, in the JSON each bench
// writes (`goals`) and in the summary `npm run bench` prints. A benchmark never fails on a goal: the
// row says PASS or BELOW TARGET.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';

export interface Goal {
  /** Which goal of issue 14: `1 start`, `2 http`, `3 scale`, `4 flow`. */
  goal: string;
  /** What was measured, e.g. `status: req/s simulator / bare`. */
  measure: string;
  value: number;
  /** `ms`, `µs`, `%`, `MiB`, `×`. */
  unit: string;
  /** The target in words, e.g. `≥ 50 %`. */
  target: string;
  pass: boolean;
}

export function goal(g: Goal): Goal {
  return g;
}

const shown = (g: Goal) =>
  g.unit === '%' ? `${g.value.toFixed(1)} %` : `${g.value < 10 ? g.value.toFixed(2) : Math.round(g.value)} ${g.unit}`;

/** A table of goals: goal, measure, value, target, PASS / BELOW TARGET. */
export function goalTable(goals: readonly Goal[]): string {
  const head = ['goal', 'measure', 'value', 'target', ''];
  const rows = goals.map((g) => [g.goal, g.measure, shown(g), g.target, g.pass ? 'PASS' : 'BELOW TARGET']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 2 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('   ');
  return [line(head), ...rows.map(line)].join('\n');
}

/** Writes a bench's report (with the machine it ran on) as JSON; returns the path. */
export function writeReport(path: string, report: Record<string, unknown>): string {
  mkdirSync(dirname(path), { recursive: true });
  const machine = { date: new Date().toISOString(), node: process.version, cpus: cpus().length };
  writeFileSync(path, `${JSON.stringify({ ...machine, ...report }, null, 2)}\n`);
  return path;
}

export const defaultReportPath = (name: string) =>
  `reports/${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
