// Checks HTTP exchanges against an OpenAPI document: the operation exists, the status is declared,
// and the body matches the declared schema. Used by the tests and by the `contract` command.
import { readFile } from 'node:fs/promises';
import type { AjvCustomizer, OpenAPIBackend, Operation } from 'openapi-backend';
import { parse as parseYaml } from 'yaml';

export interface Exchange {
  method: string;
  /** The request path, with or without a query string. */
  path: string;
  status: number;
  body: unknown;
  contentType?: string | undefined;
}

export interface Violation {
  operationId: string | undefined;
  method: string;
  path: string;
  status: number;
  message: string;
}

/** A deliberate, documented difference from a document that is known to be wrong. */
export interface SpecException {
  /** JSON pointer into the document, e.g. `/components/schemas/UserResponse/properties/email`. */
  pointer: string;
  /** Properties merged into the object at `pointer`. */
  patch: Record<string, unknown>;
  /** Why the document is wrong here. */
  reason: string;
}

type Doc = Record<string, unknown>;

function applyException(doc: Doc, ex: SpecException): void {
  const parts = ex.pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc;
  for (const part of parts) {
    if (node === null || typeof node !== 'object' || !(part in node)) {
      throw new Error(`spec exception: ${ex.pointer} does not exist in the document (${ex.reason})`);
    }
    node = (node as Record<string, unknown>)[part];
  }
  Object.assign(node as object, ex.patch);
}

/**
 * openapi-backend validates response bodies declared as `application/json` only, while MX's v20111101
 * document (and ours for that version) declare `application/vnd.mx.api.v1+json`: give each vendor JSON
 * body an `application/json` twin so that it is validated at all.
 */
function aliasVendorJson(doc: Doc): void {
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const op of Object.values(item)) {
      const responses = (op as { responses?: Record<string, { content?: Record<string, unknown> }> })?.responses;
      for (const response of Object.values(responses ?? {})) {
        const content = response?.content;
        if (!content || content['application/json']) continue;
        const vendor = Object.keys(content).find((m) => /^application\/[\w.+-]*\+json$/i.test(m));
        if (vendor) content['application/json'] = content[vendor];
      }
    }
  }
}

export class ContractValidator {
  readonly #api: OpenAPIBackend;
  readonly title: string;
  /**
   * `operationFor`'s answers by method and path: openapi-backend rebuilds its list of every operation on
   * each match, and one exchange asks up to three times (request, response, report).
   */
  readonly #matches = new Map<string, Operation | undefined>();

  private constructor(api: OpenAPIBackend, title: string) {
    this.#api = api;
    this.title = title;
  }

  static async fromDocument(document: Doc, exceptions: readonly SpecException[] = []): Promise<ContractValidator> {
    const doc = structuredClone(document);
    for (const ex of exceptions) applyException(doc, ex);
    aliasVendorJson(doc);
    // openapi-backend makes a new Ajv for every operation's validators, and each new Ajv compiles the JSON
    // Schema meta-schema again to check the schemas it is given: most of the time a check took. Keep the
    // first Ajv of each kind (request body, parameters, response, headers: each has its options and
    // formats) and compile every later operation's schemas in it; each schema is still checked.
    const ajvs = new Map<string, ReturnType<AjvCustomizer>>();
    // Loaded on first use: openapi-backend and its Ajv are a large part of a start that checks nothing.
    // A CommonJS package: a named export natively and under vitest; in the bundled commands (esbuild)
    // only its module.exports, as the default export.
    const backend = await import('openapi-backend');
    const OpenAPIBackend = backend.OpenAPIBackend ?? (backend.default as unknown as typeof backend).OpenAPIBackend;
    // String formats (`date-time`, `email`, OpenAPI's `int32`, `double`, `binary`…) are checked, and none is
    // an unknown format that Ajv warns about on the console. `uri` (the scenario schema's institution url,
    // in openapi/admin.json) stays known and unchecked: the scenario schema itself decides what it takes.
    // A CommonJS package whose module.exports is the plugin, with itself as `.default`: Node's ES module
    // interop (and esbuild's) gives that object as the default export.
    const addFormats = (await import('ajv-formats')).default.default;
    const api = new OpenAPIBackend({
      definition: doc as never,
      quick: true,
      validate: true,
      // No optimisation passes over the generated code: the same checks, compiled about a fifth sooner
      // (each operation's validators are compiled on its first exchange; 170 operations' answers took
      // about 1.15 s, now about 0.9 s).
      ajvOpts: { strict: false, allErrors: true, code: { optimize: false } },
      customizeAjv: (ajv, opts, context) => {
        const key = `${context} ${JSON.stringify(opts)}`;
        const first = ajvs.get(key);
        if (first) return first;
        addFormats(ajv as never);
        ajv.addFormat('uri', true);
        ajvs.set(key, ajv);
        return ajv;
      },
    });
    await api.init();
    const info = (doc.info ?? {}) as { title?: string; version?: string };
    return new ContractValidator(api, `${info.title ?? 'OpenAPI document'} ${info.version ?? ''}`.trim());
  }

  static async fromFile(path: string, exceptions: readonly SpecException[] = []): Promise<ContractValidator> {
    const text = await readFile(path, 'utf8');
    const doc = (path.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Doc;
    return ContractValidator.fromDocument(doc, exceptions);
  }

  /** The operation a request maps to, if the document has one. */
  operationFor(method: string, path: string): Operation | undefined {
    const pathname = path.split('?')[0] as string;
    const key = `${method.toLowerCase()} ${pathname}`;
    if (this.#matches.has(key)) return this.#matches.get(key);
    const op = this.#api.matchOperation({ method: method.toLowerCase(), path: pathname, headers: {} }) ?? undefined;
    if (this.#matches.size >= 10_000) this.#matches.clear();
    this.#matches.set(key, op);
    return op;
  }

  /** Every operationId in the document. */
  operationIds(): string[] {
    return this.#api.getOperations().flatMap((op) => (op.operationId ? [op.operationId] : []));
  }

  /**
   * Violations of one request: its path, query and header parameters and its body. A request the document
   * has no operation for is reported by `validate` (with its response), not here.
   */
  validateRequest(req: { method: string; path: string; headers: Record<string, string>; body?: unknown }): Violation[] {
    const op = this.operationFor(req.method, req.path);
    if (!op) return [];
    const [pathname, query = ''] = req.path.split('?') as [string, string?];
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
    let result: ReturnType<OpenAPIBackend['validateRequest']>;
    try {
      result = this.#api.validateRequest(
        { method: req.method.toLowerCase(), path: pathname, query, headers, body: req.body as never },
        op,
      );
    } catch (e) {
      return [
        {
          operationId: op.operationId,
          method: req.method.toUpperCase(),
          path: req.path,
          status: 0,
          message: uncheckable('request', e),
        },
      ];
    }
    return (result.errors ?? []).map((e) => ({
      operationId: op.operationId,
      method: req.method.toUpperCase(),
      path: req.path,
      status: 0,
      message: `request ${e.instancePath || ''} ${e.message ?? 'is invalid'}${describeParams(e.params)}`.replace(
        /\s+/g,
        ' ',
      ),
    }));
  }

  /**
   * Violations for one exchange. An error status the document does not declare is not a violation
   * (MX's documents declare no errors at all); an undeclared success status is.
   */
  validate(ex: Exchange): Violation[] {
    const op = this.operationFor(ex.method, ex.path);
    const base = { method: ex.method.toUpperCase(), path: ex.path, status: ex.status };
    if (!op) {
      // An error for a path the document does not have (404, 405) is outside the contract.
      if (ex.status >= 400) return [];
      return [{ ...base, operationId: undefined, message: `no operation in ${this.title} matches this path` }];
    }
    const responses = (op.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>;
    const declared = responses[String(ex.status)] ?? responses.default;
    const v = (message: string): Violation => ({ ...base, operationId: op.operationId, message });
    if (!declared) {
      if (ex.status >= 400) return [];
      return [v(`status ${ex.status} is not declared (declared: ${Object.keys(responses).join(', ')})`)];
    }
    if (!declared.content || ex.status === 204) {
      return ex.body === undefined || ex.body === null || ex.body === ''
        ? []
        : [v('body present where none is declared')];
    }
    const mediaTypes = Object.keys(declared.content);
    const ct = ex.contentType?.split(';')[0]?.trim().toLowerCase();
    if (ct && !mediaTypes.some((m) => m.toLowerCase() === ct)) {
      // The v1 document declares vendor media types for JSON bodies; any JSON type validates the same body.
      const bothJson = /json/.test(ct) && mediaTypes.some((m) => /json/.test(m));
      if (!bothJson) return [v(`content type ${ct} is not declared (declared: ${mediaTypes.join(', ')})`)];
    }
    if (ct && !/json/.test(ct)) return [];
    let result: ReturnType<OpenAPIBackend['validateResponse']>;
    try {
      result = this.#api.validateResponse(ex.body, op, ex.status);
    } catch (e) {
      return [v(uncheckable('response', e))];
    }
    return (result.errors ?? []).map((e) =>
      v(`${e.instancePath || '(body)'} ${e.message ?? 'is invalid'}${describeParams(e.params)}`),
    );
  }
}

/**
 * A schema of the document that the validator cannot compile (Ajv refuses it, e.g. `nullable` without a
 * `type`): said as a problem of the exchange's operation, so one broken schema never stops the checks
 * (or, with --contract, the answer).
 */
function uncheckable(what: 'request' | 'response', e: unknown): string {
  return `the document's ${what} schema cannot be checked: ${e instanceof Error ? e.message : String(e)}`;
}

function describeParams(params: Record<string, unknown> | undefined): string {
  if (!params) return '';
  if ('allowedValues' in params) return ` (${(params.allowedValues as unknown[]).join(', ')})`;
  if ('missingProperty' in params) return '';
  return '';
}

export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((x) => `${x.operationId ?? '?'} ${x.method} ${x.path} → ${x.status}: ${x.message}`).join('\n');
}
