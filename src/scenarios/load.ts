// Reads scenario files (YAML or JSON) and validates them, with errors that point at the file, the
// line and the path inside it and say what is wrong.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Composer, CST, type Document, isNode, isScalar, Lexer, LineCounter, Parser, visit } from 'yaml';
import type { z } from 'zod';
import { type Scenario, scenarioSchemas } from './schema.js';

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

/**
 * What a scenario text may hold. Scenario text comes from whoever can reach the admin API or hand over a
 * file, so reading it stays within bounds far above what a real scenario needs and far below what would
 * exhaust the process (docs/shared-instance.md#untrusted-scenario-files).
 */
export interface ScenarioLimits {
  readonly bytes: number;
  readonly depth: number;
  readonly tokens: number;
  readonly aliases: number;
  readonly problems: number;
}

export const SCENARIO_LIMITS: ScenarioLimits = {
  /** The text: an export of the largest world the export allows (100,000 transactions) is about 30 MB. */
  bytes: 64 * 1024 * 1024,
  /**
   * Collections inside collections. The deepest real scenario (users, members, accounts, transactions,
   * each a list of maps) nests about a dozen levels; the YAML parser recurses once per level, and a few
   * thousand levels exhaust the stack.
   */
  depth: 64,
  /**
   * YAML and JSON tokens: keys, values, brackets, commas and indicators, where a space, line break or
   * comment counts a quarter. Parsing holds every token in memory, up to about 500 bytes each with what
   * validation adds: 5 million keep a scenario under about 3 GB. The largest export holds about 4.7 million.
   */
  tokens: 5_000_000,
  /** Alias references (`*name`), and how far they may expand (the yaml package's maxAliasCount). */
  aliases: 100,
  /** Problems reported at once. */
  problems: 50,
};

const mib = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;

/** A problem line never echoes more than this much of the input. */
const MAX_LINE = 400;
const clip = (line: string) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);

/** The first problems, and how many more there are. */
function firstProblems(lines: readonly string[], total: number, limits: ScenarioLimits): string[] {
  const shown = lines.slice(0, limits.problems).map(clip);
  if (total > shown.length) shown.push(`… and ${total - shown.length} more problems; fix these first`);
  return shown;
}

/**
 * What a lexical token costs against SCENARIO_LIMITS.tokens, in quarters: nothing for the lexer's own
 * markers, a quarter for a space, line break or comment, one for anything else.
 */
function quarters(lexeme: string): number {
  switch (CST.tokenType(lexeme)) {
    case 'doc-mode':
    case 'flow-error-end':
    case 'scalar': // the marker before a plain scalar; the scalar itself is the next lexeme
      return 0;
    case 'space':
    case 'newline':
    case 'comment':
      return 1;
    default:
      return 4;
  }
}

/**
 * The YAML document of a scenario text, read within SCENARIO_LIMITS. The text goes through the yaml
 * package's lexer and parser (both loops, no recursion) one token at a time, and is refused at the first
 * token past a limit, before the composer (which recurses per level) sees any of it.
 */
function readDocument(
  text: string,
  source: string,
  limits: ScenarioLimits,
  lineCounter: LineCounter,
  where: (offset?: number) => string,
) {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  /** Where the token in hand starts. */
  let at = 0;
  const refuse = (problem: string, offset = at): never => {
    throw new ScenarioError(source, [`${where(offset)}: ${problem}`]);
  };
  const tokens: CST.Token[] = [];
  let documents = 0;
  const keep = (token: CST.Token) => {
    if (token.type === 'document' && ++documents > 1) {
      refuse('a second YAML document (after ---); a scenario is one document', token.offset);
    }
    tokens.push(token);
  };
  const budget = limits.tokens * 4;
  let spent = 0;
  for (const lexeme of new Lexer().lex(text)) {
    at = parser.offset;
    for (const token of parser.next(lexeme)) keep(token);
    // The parser's stack holds the document, each collection being read and the node in hand.
    if (parser.stack.length > limits.depth) {
      refuse(
        `nested more than ${limits.depth} levels deep (lists and maps inside each other); ` +
          'a scenario needs about a dozen: check the brackets and the indentation here',
      );
    }
    spent += quarters(lexeme);
    if (spent > budget) {
      refuse(
        `more than ${limits.tokens.toLocaleString('en-US')} YAML/JSON tokens by here, more than a ` +
          'scenario may hold (the largest export holds about 4.7 million); split it, e.g. export one user at ' +
          'a time with GET /_mx-sim/export?user=',
      );
    }
  }
  at = parser.offset;
  for (const token of parser.end()) keep(token);
  // The composer makes an Error for each problem it finds, and broken text can hold one per token: without
  // a stack trace each costs a quarter of the memory. Nothing else runs while it composes.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // logLevel 'error': the yaml package would print its warnings (quoting the text) on the process's stderr.
    const [doc] = new Composer({ uniqueKeys: false, logLevel: 'error' }).compose(tokens, true, text.length);
    return doc as Document.Parsed;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * In one pass over the document: the map keys that repeat (the yaml package's own check compares every key
 * with every other, which a map of many keys turns into minutes), and the aliases (each one the yaml
 * package resolves looks through every anchor and alias before it).
 */
function keysAndAliases(doc: Document) {
  const repeated: Array<number | undefined> = [];
  const aliases: Array<number | undefined> = [];
  visit(doc, {
    Alias(_, alias) {
      aliases.push(alias.range?.[0]);
    },
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) repeated.push(key.range?.[0]);
        seen.add(key.value);
      }
    },
  });
  return { repeated, aliases };
}

/** Parses and validates scenario text. `source` names it in errors (a file path, or "request body"). */
export function parseScenario(text: string, source: string, limits = SCENARIO_LIMITS): Scenario {
  try {
    return parseChecked(text, source, limits);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    // Whatever else goes wrong reading untrusted text is still a problem with the text, never a crash.
    throw new ScenarioError(source, [
      clip(`${source}: could not be read as a scenario: ${String((e as Error)?.message ?? e).split('\n')[0]}`),
    ]);
  }
}

function parseChecked(text: string, source: string, limits: ScenarioLimits): Scenario {
  if (text.length > limits.bytes) {
    throw new ScenarioError(source, [
      `${source}: ${text.length.toLocaleString('en-US')} characters; a scenario may be up to ${mib(limits.bytes)}`,
    ]);
  }
  const lineCounter = new LineCounter();
  const where = (offset: number | undefined) => {
    if (offset === undefined) return source;
    const { line, col } = lineCounter.linePos(offset);
    return `${source}:${line}:${col}`;
  };
  const doc = readDocument(text, source, limits, lineCounter, where);
  const { repeated, aliases } = keysAndAliases(doc);
  if (aliases.length > limits.aliases) {
    throw new ScenarioError(source, [
      `${where(aliases[limits.aliases])}: more than ${limits.aliases} aliases (*name); write the repeated values out`,
    ]);
  }
  const yamlErrors = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0] })),
    ...repeated.map((offset) => ({ offset, message: 'Map keys must be unique' })),
  ];
  if (yamlErrors.length > 0) {
    yamlErrors.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
    throw new ScenarioError(
      source,
      firstProblems(
        yamlErrors.slice(0, limits.problems).map((e) => `${where(e.offset)}: not valid YAML or JSON: ${e.message}`),
        yamlErrors.length,
        limits,
      ),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: limits.aliases }) ?? {};
  } catch (e) {
    // The yaml package's words for a document whose aliases expand past maxAliasCount.
    if (/excessive alias count/i.test((e as Error)?.message ?? '')) {
      throw new ScenarioError(source, [
        `${source}: its aliases (*name) expand too far: an alias copies everything under its anchor, and ` +
          `aliases inside what is copied multiply (at most ${limits.aliases} copies, counting copies inside ` +
          'copies); write the repeated values out',
      ]);
    }
    throw e;
  }
  const result = scenarioSchemas().ScenarioSchema.safeParse(data);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const found: Array<{ offset: number; line: string }> = [];
  // Enough issues to fill the report; a list of a million wrong items need not be located a million times.
  const issues = result.error.issues;
  for (const { path, message } of flatten(issues.slice(0, limits.problems * 4))) {
    let node: unknown = doc.getIn(path as unknown[], true);
    for (let n = path.length; !isNode(node) && n > 0; n--) node = doc.getIn(path.slice(0, n - 1) as unknown[], true);
    const offset = isNode(node) ? node.range?.[0] : undefined;
    const line = `${where(offset)} ${pathText(path)}: ${message}`;
    if (!seen.has(line)) found.push({ offset: offset ?? 0, line });
    seen.add(line);
  }
  // In the order they appear in the file.
  found.sort((a, b) => a.offset - b.offset);
  const more = Math.max(0, issues.length - limits.problems * 4);
  throw new ScenarioError(
    source,
    firstProblems(
      found.map((f) => f.line),
      found.length + more,
      limits,
    ),
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
    const { size } = statSync(path);
    if (size > SCENARIO_LIMITS.bytes) {
      throw new ScenarioError(path, [
        `${path}: the file is ${mib(size)}; a scenario may be up to ${mib(SCENARIO_LIMITS.bytes)}`,
      ]);
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
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

/**
 * A scenario file, or a built-in scenario by name, read and validated: one entry of
 * `createSimulator({ scenarios })`. Throws ScenarioError when it does not load.
 */
export function loadScenario(nameOrPath: string): LoadedScenario {
  const source = resolveScenarioPath(nameOrPath);
  return { scenario: loadScenarioFile(source), source };
}
