// Contract watch: the simulator checks every MX API request it receives, and its own answer, against an
// OpenAPI document (MX's official ones, or the project's own), per client_id. A user's CI runs its own
// client's tests against the simulator, then reads GET /_mx-sim/contract (JSON or JUnit XML) to learn
// whether that client spoke MX's contract, whatever language it is written in.
import { readFileSync } from 'node:fs';
import { MX_EXCEPTIONS } from '../../contract/mx-exceptions.js';
import { findMxSpec, MX_SPEC_HINT } from '../../contract/mx-spec.js';
import {
  type CheckedExchange,
  checkExchange,
  type OperationReport,
  reportLines,
  toJUnit,
} from '../../contract/report.js';
import { ContractValidator } from '../../contract/validator.js';
import { API_VERSIONS, type ApiVersion } from '../../mx/versions.js';

export interface ContractWatch {
  /** What the traffic is checked against, for reports: per version, a path or "the mx-sim document". */
  sources: Record<ApiVersion, string>;
  validators: Record<ApiVersion, ContractValidator>;
}

/** `mx`: MX's documents (MX_OPENAPI_SPEC or ../shared/mx-openapi/), with their documented corrections; `own`: ours. */
export async function loadContractWatch(kind: 'mx' | 'own'): Promise<ContractWatch> {
  const entries = await Promise.all(
    API_VERSIONS.map(async (version) => {
      if (kind === 'own') {
        const url = new URL(`../../../openapi/${version}.json`, import.meta.url);
        const validator = await ContractValidator.fromDocument(JSON.parse(readFileSync(url, 'utf8')));
        return [version, validator, `the mx-sim document (openapi/${version}.json)`] as const;
      }
      const path = findMxSpec(version);
      if (!path) throw new Error(`--contract mx: MX's ${version} document was not found; ${MX_SPEC_HINT}`);
      return [version, await ContractValidator.fromFile(path, MX_EXCEPTIONS[version]), path] as const;
    }),
  );
  return {
    sources: Object.fromEntries(entries.map(([v, , source]) => [v, source])) as Record<ApiVersion, string>,
    validators: Object.fromEntries(entries.map(([v, validator]) => [v, validator])) as Record<
      ApiVersion,
      ContractValidator
    >,
  };
}

/** One request as the client sent it and the answer it got, in the version it asked for. */
export type WatchedExchange = CheckedExchange & { version: ApiVersion };

/** One client's checked traffic, grouped per operation; lives until cleared, across resets of its world. */
export class ContractLog {
  readonly #operations = new Map<string, OperationReport>();

  /** Checks the exchange into its operation's report; returns how many problems it had. */
  record(watch: ContractWatch, ex: WatchedExchange): number {
    const validator = watch.validators[ex.version];
    const op = validator.operationFor(ex.method, ex.path);
    const pathname = ex.path.split('?')[0] as string;
    const route = `${ex.version} ${ex.method} ${op?.path ?? pathname}`;
    const name = op?.operationId ?? `${ex.method} ${pathname}`;
    const key = `${ex.version} ${name}`;
    const entry = this.#operations.get(key) ?? { name, route, calls: 0, violations: [] };
    this.#operations.set(key, entry);
    entry.calls++;
    const found = checkExchange(validator, ex);
    entry.violations.push(...found);
    return found.length;
  }

  operations(): OperationReport[] {
    return [...this.#operations.values()].sort((a, b) => a.route.localeCompare(b.route));
  }

  clear(): void {
    this.#operations.clear();
  }
}

/** The watch and each client's log; checks each request and its answer as they pass through the root app. */
export class ContractWatcher {
  readonly watch: ContractWatch;
  readonly #logs = new Map<string, ContractLog>();

  constructor(watch: ContractWatch) {
    this.watch = watch;
  }

  /** The client's log, made (and kept) on its first checked request. */
  logFor(clientId: string): ContractLog {
    let log = this.#logs.get(clientId);
    if (!log) {
      log = new ContractLog();
      this.#logs.set(clientId, log);
    }
    return log;
  }

  /** The client's log to read: an empty one, not kept, when it has none. */
  peek(clientId: string): ContractLog {
    return this.#logs.get(clientId) ?? new ContractLog();
  }

  /** Whether the client has a report (checked requests not cleared since). */
  has(clientId: string): boolean {
    return this.#logs.has(clientId);
  }

  /** Forgets the client's report. */
  forget(clientId: string): void {
    this.#logs.delete(clientId);
  }

  /** Answers the request, then checks it and its answer (both bodies read from copies). */
  /** Checks the request and `answer()`'s response into the client's log; `checked` hears the problem count. */
  async answer(
    raw: Request,
    clientId: string,
    version: ApiVersion,
    answer: () => Promise<Response>,
    checked?: (violations: number) => void,
  ) {
    const requestBody = raw.method === 'GET' || raw.method === 'HEAD' ? undefined : await raw.clone().text();
    const res = await answer();
    const contentType = res.headers.get('content-type') ?? undefined;
    const responseBody = contentType?.includes('json')
      ? await res
          .clone()
          .json()
          .catch(() => undefined)
      : undefined;
    const url = new URL(raw.url);
    const headers = Object.fromEntries([...raw.headers].filter(([k]) => k.toLowerCase() !== 'authorization'));
    const violations = this.logFor(clientId).record(this.watch, {
      version,
      method: raw.method,
      path: url.pathname + url.search,
      headers,
      requestBody,
      status: res.status,
      responseBody,
      contentType,
    });
    checked?.(violations);
    return res;
  }
}

/** The report as the admin API answers it. */
export function contractReport(clientId: string, watch: ContractWatch, log: ContractLog) {
  const operations = log.operations();
  return {
    client_id: clientId,
    sources: watch.sources,
    operations: operations.map((op) => ({
      name: op.name,
      route: op.route,
      calls: op.calls,
      violations: op.violations.map((v) => ({ status: v.status, method: v.method, path: v.path, message: v.message })),
    })),
    violation_count: operations.reduce((n, op) => n + op.violations.length, 0),
    text: reportLines(operations, Object.values(watch.sources).join(' + ')).join('\n'),
  };
}

export function contractJUnit(watch: ContractWatch, log: ContractLog): string {
  return toJUnit(log.operations(), Object.values(watch.sources).join(' + '));
}
