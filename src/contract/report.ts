// Contract checks while the flow runs: each MX API request and response is validated against an OpenAPI
// document (MX's official one given by path, else the project's own); violations are grouped per operation
// and written as text or JUnit XML.
import { readFileSync } from 'node:fs';
import { MX_V20250224_EXCEPTIONS } from './mx-exceptions.js';
import { findMxSpec, MX_SPEC_HINT } from './mx-spec.js';
import { ContractValidator, type Violation } from './validator.js';

const OWN_DOCUMENT = new URL('../../openapi/v20250224.json', import.meta.url);

/** One request and its answer as a client saw them (the reference client's WireExchange has this shape). */
export interface ClientExchange {
  method: string;
  /** Path and query, relative to the API's base URL. */
  path: string;
  requestHeaders: Record<string, string>;
  requestBody: string | undefined;
  status: number;
  contentType: string | undefined;
  /** Parsed JSON, the text for other text types, undefined for binary or empty bodies. */
  responseBody: unknown;
}

export interface LoadedContract {
  validator: ContractValidator;
  /** What was loaded, for messages: a path or "the mx-sim document". */
  source: string;
}

/**
 * Documents already loaded in this process, by `spec`: a validator compiles each operation's schemas the
 * first time it checks one, so a later run (the tests run the flow many times) reuses that work.
 */
const loaded = new Map<string | undefined, Promise<LoadedContract>>();

/**
 * The document to check against: `spec` as a path (MX's document gets its documented corrections, see
 * contract/mx-exceptions.ts), `mx` for MX's document found on this machine, else the project's own.
 */
export function loadContract(spec?: string): Promise<LoadedContract> {
  let contract = loaded.get(spec);
  if (!contract) {
    contract = readContract(spec);
    loaded.set(spec, contract);
    contract.catch(() => loaded.delete(spec));
  }
  return contract;
}

async function readContract(spec?: string): Promise<LoadedContract> {
  if (!spec) {
    return {
      validator: await ContractValidator.fromDocument(JSON.parse(readFileSync(OWN_DOCUMENT, 'utf8'))),
      source: 'the mx-sim document (openapi/v20250224.json)',
    };
  }
  const path = spec === 'mx' ? findMxSpec('v20250224') : spec;
  if (!path) throw new Error(`--spec mx: MX's document was not found; ${MX_SPEC_HINT}`);
  const text = readFileSync(path, 'utf8');
  const isMx = /title:\s*MX Platform API|"title":\s*"MX Platform API/.test(text.slice(0, 4000));
  return {
    validator: await ContractValidator.fromFile(path, isMx ? MX_V20250224_EXCEPTIONS : []),
    source: path,
  };
}

export interface OperationReport {
  /** operationId, or `METHOD /path` for a call the document has no operation for. */
  name: string;
  /** `METHOD /template` from the document, when it has the operation. */
  route: string;
  calls: number;
  violations: Violation[];
}

/** Collects exchanges (give `record` to the client's onExchange) and validates each as it arrives. */
export class ContractRecorder {
  readonly #validator: ContractValidator;
  readonly #operations = new Map<string, OperationReport>();

  constructor(validator: ContractValidator) {
    this.#validator = validator;
  }

  readonly record = (ex: ClientExchange): void => {
    // Only MX API calls: the OAuth window (a web page) carries no version header and is outside the document.
    if (!ex.requestHeaders['accept-version']) return;
    const op = this.#validator.operationFor(ex.method, ex.path);
    const name = op?.operationId ?? `${ex.method} ${ex.path.split('?')[0]}`;
    const entry = this.#operations.get(name) ?? {
      name,
      route: op ? `${ex.method} ${op.path}` : `${ex.method} ${ex.path.split('?')[0]}`,
      calls: 0,
      violations: [],
    };
    this.#operations.set(name, entry);
    entry.calls++;
    entry.violations.push(
      ...checkExchange(this.#validator, {
        method: ex.method,
        path: ex.path,
        headers: ex.requestHeaders,
        requestBody: ex.requestBody,
        status: ex.status,
        responseBody: ex.responseBody,
        contentType: ex.contentType,
      }),
    );
  };

  operations(): OperationReport[] {
    return [...this.#operations.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  violationCount(): number {
    return this.operations().reduce((n, op) => n + op.violations.length, 0);
  }
}

/** One request (its raw body text) and the answer it got (parsed), as both checkers see them. */
export interface CheckedExchange {
  method: string;
  /** With the query string. */
  path: string;
  headers: Record<string, string>;
  requestBody: string | undefined;
  status: number;
  responseBody: unknown;
  contentType?: string | undefined;
}

/** The request's violations (path, query, headers, body), then the answer's (status, body). */
export function checkExchange(validator: ContractValidator, ex: CheckedExchange): Violation[] {
  return [
    ...validator.validateRequest({
      method: ex.method,
      path: ex.path,
      headers: ex.headers,
      body: parseJson(ex.requestBody),
    }),
    ...validator.validate({
      method: ex.method,
      path: ex.path,
      status: ex.status,
      body: ex.responseBody,
      contentType: ex.contentType,
    }),
  ];
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One line per operation, then each violation under it. */
export function reportLines(ops: readonly OperationReport[], source: string): string[] {
  const bad = ops.filter((op) => op.violations.length);
  const lines = [`Contract (${source}): ${ops.length} operations checked, ${bad.length} with violations`];
  for (const op of ops) {
    lines.push(`  ${op.violations.length ? '✗' : '✓'} ${op.name} (${op.route}) ×${op.calls}`);
    for (const v of op.violations) lines.push(`      ${v.status ? `${v.status}: ` : ''}${v.message}`);
  }
  return lines;
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * JUnit XML: one testcase per operation (classname = the route, name = the operationId), a failure listing
 * its violations; a failed flow adds a failing `flow` testcase, so CI shows why calls are missing.
 */
export function toJUnit(ops: readonly OperationReport[], source: string, flowFailure?: string): string {
  const cases = ops.map((op) => {
    const head = `    <testcase classname="${xml(op.route)}" name="${xml(op.name)}">`;
    if (!op.violations.length) return `${head}</testcase>`;
    const detail = op.violations
      .map((v) => `${v.method} ${v.path} → ${v.status || 'request'}: ${v.message}`)
      .join('\n');
    return `${head}\n      <failure message="${xml(`${op.violations.length} violation(s): ${op.violations[0]?.message ?? ''}`)}" type="contract">${xml(detail)}</failure>\n    </testcase>`;
  });
  if (flowFailure) {
    cases.push(
      `    <testcase classname="flow" name="integration flow">\n      <failure message="${xml(flowFailure)}" type="flow">${xml(flowFailure)}</failure>\n    </testcase>`,
    );
  }
  const failures = ops.filter((op) => op.violations.length).length + (flowFailure ? 1 : 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mx-sim contract" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="${xml(`contract: ${source}`)}" tests="${cases.length}" failures="${failures}" errors="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
