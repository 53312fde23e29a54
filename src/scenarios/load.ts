// Reads scenario files (YAML or JSON) and validates them, with errors that point at the file, the
// line and the path inside it and say what is wrong.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Scenario, ScenarioSchema } from './schema.js';

export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid scenario ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

const pathText = (path: ReadonlyArray<PropertyKey>) =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  ) || '(top level)';

/** The deepest issue of a union, so `jobs[0][1]` says what is wrong with the step, not "invalid input". */
function flatten(
  issues: readonly z.core.$ZodIssue[],
  base: PropertyKey[] = [],
): Array<{ path: PropertyKey[]; message: string }> {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Prefer the branch that got furthest (the most specific complaint).
      const branches = issue.errors.map((errs) => flatten(errs, path));
      const best = branches.reduce((a, b) =>
        Math.max(...b.map((x) => x.path.length)) > Math.max(...a.map((x) => x.path.length)) ? b : a,
      );
      return best;
    }
    return [{ path, message: issue.message }];
  });
}

/** Parses and validates scenario text. `source` names it in errors (a file path, or "request body"). */
export function parseScenario(text: string, source: string): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const where = (offset: number | undefined) => {
    if (offset === undefined) return source;
    const { line, col } = lineCounter.linePos(offset);
    return `${source}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      source,
      doc.errors.map((e) => `${where(e.pos[0])}: not valid YAML or JSON: ${e.message.split('\n')[0]}`),
    );
  }
  const data = doc.toJS() ?? {};
  const result = ScenarioSchema.safeParse(data);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const found: Array<{ offset: number; line: string }> = [];
  for (const { path, message } of flatten(result.error.issues)) {
    let node: unknown = doc.getIn(path as unknown[], true);
    for (let n = path.length; !isNode(node) && n > 0; n--) node = doc.getIn(path.slice(0, n - 1) as unknown[], true);
    const offset = isNode(node) ? node.range?.[0] : undefined;
    const line = `${where(offset)} ${pathText(path)}: ${message}`;
    if (!seen.has(line)) found.push({ offset: offset ?? 0, line });
    seen.add(line);
  }
  // In the order they appear in the file.
  found.sort((a, b) => a.offset - b.offset);
  throw new ScenarioError(
    source,
    found.map((f) => f.line),
  );
}

/** A validated scenario and where it came from (a file path, or the admin API). */
export interface LoadedScenario {
  scenario: Scenario;
  source: string;
}

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(path, [`cannot read the file: ${(e as Error).message}`]);
  }
  return parseScenario(text, path);
}

/** The folder of built-in scenarios (one YAML or JSON file each). */
export const BUILTINS_DIR = fileURLToPath(new URL('./builtins/', import.meta.url));

export function builtinScenarioNames(): string[] {
  return readdirSync(BUILTINS_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => f.replace(/\.(ya?ml|json)$/, ''))
    .sort();
}

/** A path as given, or the built-in scenario of that name. */
export function resolveScenarioPath(nameOrPath: string): string {
  if (existsSync(nameOrPath)) return nameOrPath;
  for (const ext of ['yaml', 'yml', 'json']) {
    const candidate = `${BUILTINS_DIR}${nameOrPath}.${ext}`;
    if (existsSync(candidate)) return candidate;
  }
  throw new ScenarioError(nameOrPath, [
    `no such file, and no built-in scenario of that name (built-ins: ${builtinScenarioNames().join(', ') || 'none'})`,
  ]);
}
