// State that survives a restart (docs/shared-instance.md#state-that-survives-a-restart): every client's
// world to a versioned JSON file and back. Writes are atomic (a temporary file in the same folder,
// fsync, rename), so a crash mid-save leaves the previous file whole; a file that cannot be read or
// understood stops the load and is never written over. No secret is written (store/state.ts).
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { type LoadedScenario, parseScenario, ScenarioError } from '../scenarios/load.js';
import { profileFor } from './domain/jobs.js';
import { parseBasicAuth } from './middleware/auth.js';
import { ADMIN_PREFIX } from './routes/admin/common.js';
import {
  type ClientState,
  parseState,
  restoreTenant,
  type SavedScenario,
  type SavedStackEntry,
  STATE_FORMAT,
  StateFormatError,
  saveTenant,
  scenarioWithoutSecrets,
} from './store/state.js';
import type { Tenant, Tenants } from './store/tenant.js';
import type { Worlds } from './worlds.js';

/** The state could not be loaded; the message is one paragraph for people (no stack trace needed). */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

export interface StateDeps {
  worlds: Worlds;
  tenants: Tenants;
  /** Scenario stacks loaded at run time, per client_id (the admin API's). */
  stacks: Map<string, LoadedScenario[]>;
  /** The scenarios given at start. */
  startup: readonly LoadedScenario[];
  logger: Logger;
  /** The state file (`--state`); without one, save and load need a path. */
  file?: string | undefined;
}

export interface SaveResult {
  file: string;
  bytes: number;
  clients: number;
  ms: number;
}

/** A state file's text in pieces, how many clients it holds, and each client's line. */
interface StateText {
  chunks: () => string[];
  clients: number;
  lines: Map<string, string>;
}

/** Two files hold the same (apart from their time): the same clients with the same lines. */
function sameLines(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string> | undefined): boolean {
  if (!b || a.size !== b.size) return false;
  for (const [clientId, line] of a) if (b.get(clientId) !== line) return false;
  return true;
}

const HEALTH_PATH = `${ADMIN_PREFIX}/health`;

/** A saved scenario with what was taken out of it, if anything. */
function savedScenario(s: LoadedScenario): SavedScenario {
  const { scenario, removed } = scenarioWithoutSecrets(s.scenario);
  return { source: s.source, scenario: scenario as Record<string, unknown>, ...(removed.length ? { removed } : {}) };
}

/**
 * A client the file need not hold: its world holds nothing (`Tenant.holdsNothing`: a fresh one is the same)
 * and it runs the startup scenarios. The rule Tenants keeps worlds by, so every client written is one a
 * restore keeps (its contract-watch report, which Tenants also keeps, is not written).
 */
const untouched = (tenant: Tenant, own: boolean) => !own && tenant.holdsNothing();

let temporaries = 0;

/** Writes `chunks` to `file` atomically: a temporary file beside it, fsync, rename, then the folder's fsync. */
async function writeAtomically(file: string, chunks: readonly string[]): Promise<number> {
  const dir = dirname(resolve(file));
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${++temporaries}.tmp`);
  let bytes = 0;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    // writeFile writes a whole chunk (a plain write may write part of a large one) after the previous one.
    for (const chunk of chunks) {
      await handle.writeFile(chunk, 'utf8');
      bytes += Buffer.byteLength(chunk);
    }
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await handle.close();
  try {
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  // The rename itself survives a crash once the folder is synced (not every file system can).
  const folder = await open(dir, 'r').catch(() => undefined);
  await folder
    ?.sync()
    .catch(() => {})
    .finally(() => folder.close());
  return bytes;
}

const sameScenarios = (a: readonly { scenario: unknown }[], b: readonly { scenario: unknown }[]) =>
  a.length === b.length && a.every((s, i) => JSON.stringify(s.scenario) === JSON.stringify(b[i]?.scenario));

/** The client_id a request names (its Basic credentials), if any: the client whose world it may change. */
function clientOf(header: string | undefined): string | undefined {
  try {
    return parseBasicAuth(header).clientId;
  } catch {
    return undefined;
  }
}

/** Every client's world to a state file and back. One per simulator (createSimulator's `state`). */
export class SimulatorState {
  readonly #deps: StateDeps;
  #changed = false;
  /**
   * Each client's line of the last periodic save, and the clients changed since (`all`: any of them).
   * A periodic save serializes only those; a save asked for (and the last one) serializes every client.
   */
  readonly #lines = new Map<string, { tenant: Tenant; line: string | undefined }>();
  readonly #dirty = new Set<string>();
  #allDirty = true;
  /** The client lines last written to the state file, to skip writing the same again. */
  #written: Map<string, string> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #closed: Promise<SaveResult | undefined> | undefined;

  constructor(deps: StateDeps) {
    this.#deps = deps;
  }

  get file(): string | undefined {
    return this.#deps.file;
  }

  /**
   * Something may have changed in this client's world (any client's without one: a tick, a consent
   * page, an in-process change): the next saveIfChanged writes.
   */
  markChanged(clientId?: string): void {
    this.#changed = true;
    if (clientId === undefined) this.#allDirty = true;
    else this.#dirty.add(clientId);
  }

  /** Marks the world of the request's client changed once it is answered (any request but readiness checks). */
  watch(): MiddlewareHandler {
    return async (c, next) => {
      await next();
      // The world the request ran in (a processor's request runs in the client's that issued its code or
      // token); else, as for the admin API, the client its credentials name.
      const ran = (c.get('tenant') as Tenant | undefined)?.clientId;
      if (c.req.path !== HEALTH_PATH) this.markChanged(ran ?? clientOf(c.req.header('authorization')));
    };
  }

  /** One client's line of the file, or undefined when the file need not hold it. */
  #line(clientId: string, tenant: Tenant, index: ReadonlyMap<LoadedScenario, number>): string | undefined {
    const { stacks, startup } = this.#deps;
    const own = stacks.has(clientId);
    if (untouched(tenant, own)) return undefined;
    const stack = stacks.get(clientId) ?? startup;
    const scenarios = stack.map((s): SavedStackEntry => {
      const at = index.get(s);
      return at === undefined ? savedScenario(s) : { startup: at };
    });
    const client: ClientState = { ...saveTenant(tenant, (m) => profileFor(m, tenant)), own_stack: own, scenarios };
    return JSON.stringify(client);
  }

  /**
   * The state file's text in pieces: a head, then one line per client. `reuse`: the lines of clients
   * nothing marked changed since the last time are taken as they were.
   */
  #chunks(savedAt: string, reuse = false): StateText {
    const { tenants, startup } = this.#deps;
    const index = new Map(startup.map((s, i) => [s, i]));
    const lines = new Map<string, string>();
    const all = this.#allDirty;
    this.#allDirty = false;
    const dirty = new Set(this.#dirty);
    this.#dirty.clear();
    const ids = tenants.clientIds();
    for (const clientId of ids) {
      const tenant = tenants.find(clientId);
      if (!tenant) continue;
      const kept = reuse && !all && !dirty.has(clientId) ? this.#lines.get(clientId) : undefined;
      const line = kept?.tenant === tenant ? kept.line : this.#line(clientId, tenant, index);
      this.#lines.set(clientId, { tenant, line });
      if (line !== undefined) lines.set(clientId, line);
    }
    const present = new Set(ids);
    for (const clientId of this.#lines.keys()) if (!present.has(clientId)) this.#lines.delete(clientId);
    const head = `{"mx_sim_state":${STATE_FORMAT},"saved_at":${JSON.stringify(savedAt)}`;
    const scenarios = `,"startup_scenarios":${JSON.stringify(startup.map(savedScenario))},"clients":[\n`;
    return {
      // Joined only when written.
      chunks: () => [head, scenarios, [...lines.values()].join(',\n'), '\n]}\n'],
      clients: lines.size,
      lines,
    };
  }

  /** Every client's world as a state document (JSON, a copy). */
  document(): unknown {
    return JSON.parse(this.#chunks(new Date().toISOString()).chunks().join(''));
  }

  /**
   * Writes every client's world to `file` (default the state file), atomically. Saves run one at a
   * time, in order.
   */
  save(file = this.#deps.file): Promise<SaveResult> {
    if (!file)
      return Promise.reject(new Error('save: no state file (give one, or create the simulator with stateFile)'));
    return this.#enqueue(file, this.#chunks(new Date().toISOString()));
  }

  #enqueue(file: string, text: StateText): Promise<SaveResult> {
    const started = performance.now();
    this.#changed = false;
    const run = this.#queue.then(async () => {
      try {
        const bytes = await writeAtomically(file, text.chunks());
        if (file === this.#deps.file) this.#written = text.lines;
        return { file, bytes, clients: text.clients, ms: Math.round(performance.now() - started) };
      } catch (e) {
        this.#changed = true;
        throw e;
      }
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Saves to the state file when something changed since the last save (and what it holds differs). */
  async saveIfChanged(): Promise<SaveResult | undefined> {
    const file = this.#deps.file;
    if (!file || !this.#changed || this.#closed) return undefined;
    this.#changed = false;
    const text = this.#chunks(new Date().toISOString(), true);
    if (sameLines(text.lines, this.#written)) return undefined;
    return this.#enqueue(file, text);
  }

  /** The last save, on shutdown: later calls answer the same. Nothing happens without a state file. */
  close(): Promise<SaveResult | undefined> {
    this.#closed ??= this.#deps.file ? this.save(this.#deps.file) : Promise.resolve(undefined);
    return this.#closed;
  }

  /**
   * Loads every client's world from `file` (default the state file). A missing file loads nothing and
   * answers false. Anything else that stops the load throws StateFileError, changing nothing.
   */
  loadFile(file = this.#deps.file): boolean {
    if (!file) throw new Error('loadFile: no state file');
    const fail = (reason: string) =>
      new StateFileError(
        `cannot load the state file ${file}: ${reason}. The file was not changed; fix it, move it away to start ` +
          'with empty worlds, or start without a state file.',
      );
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== 'ENOENT') throw fail(`it cannot be read (${err.code ?? err.message})`);
      this.#checkFolder(file, fail);
      return false;
    }
    this.#checkFolder(file, fail);
    if (!text.trim()) throw fail('it is empty');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw fail(`it is not valid JSON (${(e as Error).message})`);
    }
    try {
      this.restore(data);
    } catch (e) {
      if (e instanceof StateFileError) throw fail(e.message);
      throw e;
    }
    return true;
  }

  /** The state file is written in its folder: a folder that is missing or read-only stops the start. */
  #checkFolder(file: string, fail: (reason: string) => Error): void {
    const dir = dirname(resolve(file));
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a folder');
      accessSync(dir, constants.W_OK);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw fail(`its folder ${dir} cannot be written to (${err.code ?? err.message})`);
    }
  }

  /**
   * Gives the clients of a state document (parsed JSON of a state file) their worlds back, in a simulator
   * whose clients hold no world yet (at start; it throws otherwise). Each restored world takes a tenant
   * slot (`Tenants.restore`). Throws StateFileError and changes nothing when any part does not load, or
   * when the document holds more clients than the simulator's `maxTenants` (`--max-tenants`).
   */
  restore(data: unknown): void {
    const { worlds, tenants, stacks, startup, logger } = this.#deps;
    const holding = tenants.clientIds();
    if (holding.length) {
      throw new Error(
        `restore: a state file is restored only into a simulator whose clients hold no world yet; ${holding.length} ` +
          `do (${holding.slice(0, 3).join(', ')}${holding.length > 3 ? ', …' : ''})`,
      );
    }
    let doc: ReturnType<typeof parseState>;
    try {
      doc = parseState(data);
    } catch (e) {
      if (e instanceof StateFormatError) throw new StateFileError(e.message);
      throw e;
    }
    const problems: string[] = [];
    const revalidate = (s: SavedScenario, where: string): LoadedScenario | undefined => {
      try {
        return { scenario: parseScenario(JSON.stringify(s.scenario), s.source), source: s.source };
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        problems.push(`${where} (${s.source}) is not a valid scenario: ${e.problems.slice(0, 2).join('; ')}`);
        return undefined;
      }
    };
    // The startup scenarios of this run when they are the saved run's (they keep their secrets), else the saved ones.
    const sameStartup = sameScenarios(
      doc.startup_scenarios,
      startup.map((s) => savedScenario(s)),
    );
    const savedStartup = sameStartup
      ? [...startup]
      : doc.startup_scenarios.map((s, i) => revalidate(s, `startup_scenarios[${i}]`));
    // The one stack every client on the startup scenarios shares (its merged world and catalogue with it).
    const savedStartupStack = savedStartup as LoadedScenario[];
    const onStartup = (entries: readonly SavedStackEntry[]) =>
      entries.length === savedStartup.length && entries.every((e, i) => 'startup' in e && e.startup === i);
    const warnings: string[] = [];
    const built: Array<{ clientId: string; tenant: Tenant; stack: LoadedScenario[]; own: boolean }> = [];
    const seen = new Set<string>();
    doc.clients.forEach((client, i) => {
      const where = `clients[${i}] (client ${client.client_id})`;
      if (seen.has(client.client_id)) {
        problems.push(`${where}: the client is there twice`);
        return;
      }
      seen.add(client.client_id);
      const stack: LoadedScenario[] = [];
      client.scenarios.forEach((entry, j) => {
        const loaded = 'startup' in entry ? savedStartup[entry.startup] : revalidate(entry, `${where} scenarios[${j}]`);
        if (loaded) stack.push(loaded);
        else if ('startup' in entry) problems.push(`${where} scenarios[${j}]: no startup scenario ${entry.startup}`);
        if (!('startup' in entry) && entry.removed) {
          warnings.push(`client ${client.client_id}: ${entry.source} was saved without ${entry.removed.join(', ')}`);
        }
      });
      if (stack.length !== client.scenarios.length) return;
      const onStartupStack = !client.own_stack && onStartup(client.scenarios);
      const runs = onStartupStack ? (sameStartup ? startup : savedStartupStack) : stack;
      let tenant: Tenant;
      try {
        tenant = worlds.empty(client.client_id, runs, client.seed);
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        problems.push(`${where}: its scenarios do not load here: ${e.problems.slice(0, 2).join('; ')}`);
        return;
      }
      for (const p of restoreTenant(tenant, client)) problems.push(`${where} ${p}`);
      built.push({
        clientId: client.client_id,
        tenant,
        stack: onStartupStack && !sameStartup ? savedStartupStack : stack,
        own: client.own_stack || !sameStartup,
      });
    });
    if (problems.length) {
      const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
      throw new StateFileError(`it does not load (${problems.slice(0, 3).join('; ')}${more})`);
    }
    // Every client restored keeps its world (one that holds nothing was not written) and takes a slot.
    const kept = built.filter((b) => b.own || !b.tenant.holdsNothing()).length;
    if (kept > tenants.free) {
      throw new StateFileError(
        `it holds the worlds of ${kept} client_ids and --max-tenants (maxTenants) allows ${tenants.maxTenants}; ` +
          `start with --max-tenants ${kept} or more`,
      );
    }
    // Everything loaded: only now does the simulator change. A client's own scenarios go in first (they
    // are part of what it holds).
    for (const { clientId, tenant, stack, own } of built) {
      if (own) stacks.set(clientId, stack);
      tenants.restore(clientId, tenant);
      // Deliveries under way at the last save go out again.
      for (const entry of tenant.webhooks.entries()) {
        if (entry.delivery.state === 'pending') tenant.webhooks.onEntry?.(entry);
      }
    }
    if (!sameStartup && doc.clients.some((c) => !c.own_stack)) {
      warnings.push(
        'the scenarios given at start are not those of the saved run: its clients keep the scenarios they ran ' +
          '(DELETE /_mx-sim/scenarios moves a client onto this run’s)',
      );
    }
    if (!sameStartup) {
      doc.startup_scenarios.forEach((s, i) => {
        if (s.removed) warnings.push(`startup scenario ${i} (${s.source}) was saved without ${s.removed.join(', ')}`);
      });
    }
    for (const w of warnings) logger.warn(w);
    logger.info({ clients: kept }, 'state loaded');
    this.#changed = false;
    this.#lines.clear();
    this.#allDirty = true;
  }
}
