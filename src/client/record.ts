// `--record DIR`: saves every exchange as a JSON file, with credentials, API keys, MFA answers and account
// numbers redacted, so a run against MX can be kept, reviewed and turned into a scenario (see to-scenario.ts).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WireExchange } from './transport.js';

export const REDACTED = '[REDACTED]';

/** One saved exchange: the wire exchange after redaction, plus where it came from. */
export interface RecordedExchange extends Omit<WireExchange, 'requestBody'> {
  seq: number;
  requestBody: unknown;
}

/** Headers that carry secrets, whatever the API calls them. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|mx-api-key|mx-client-id)$/i;
/** Fields whose value is an account or routing number: only the last four characters are kept, as MX masks them. */
const ACCOUNT_NUMBER = /^(account_number|routing_number|transit_number|institution_number|loan_number|card_number)$/;
/** Fields that carry a secret outright: credential and MFA values (in `credentials`/`challenges` items), keys, tokens. */
const SECRET_FIELD = /^(api_key|password|secret|token|access_token|refresh_token|ssn|tax_id)$/i;

function maskNumber(value: unknown): unknown {
  if (typeof value !== 'string' || value.length === 0) return value;
  return value.length <= 4 ? 'X'.repeat(value.length) : `${'X'.repeat(value.length - 4)}${value.slice(-4)}`;
}

/** A deep copy with every secret replaced. */
export function redactValue(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) {
    // Credentials and challenge answers are `[{guid, value}]`: the value is the secret.
    const secretItems = parentKey === 'credentials' || parentKey === 'challenges';
    return value.map((item) =>
      secretItems && item && typeof item === 'object' && 'value' in item && 'guid' in item && !('type' in item)
        ? { ...(redactValue(item) as object), value: REDACTED }
        : redactValue(item, parentKey),
    );
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (ACCOUNT_NUMBER.test(k)) out[k] = maskNumber(v);
    else if (SECRET_FIELD.test(k) && v != null) out[k] = REDACTED;
    else out[k] = redactValue(v, k);
  }
  return out;
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADER.test(k) ? REDACTED : v]));
}

/**
 * Replaces known secrets (the API key, credential values given to the run) wherever they appear: any string
 * equal to one, and any string containing a long one (a short value such as `challenge` would otherwise
 * eat ordinary words like `challenges`).
 */
function scrub(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    if (secrets.includes(value)) return REDACTED;
    return secrets.reduce((text, s) => (s.length >= 12 ? text.split(s).join(REDACTED) : text), value);
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, secrets)]));
}

export function redactExchange(ex: WireExchange, seq: number, secrets: readonly string[] = []): RecordedExchange {
  let requestBody: unknown = ex.requestBody;
  if (typeof ex.requestBody === 'string') {
    try {
      requestBody = JSON.parse(ex.requestBody);
    } catch {
      requestBody = ex.requestBody;
    }
  }
  const recorded: RecordedExchange = {
    seq,
    ...ex,
    requestHeaders: redactHeaders(ex.requestHeaders),
    responseHeaders: redactHeaders(ex.responseHeaders),
    requestBody: redactValue(requestBody),
    responseBody: redactValue(ex.responseBody),
  };
  return scrub(recorded, secrets.filter(Boolean)) as RecordedExchange;
}

/** Writes each exchange as it happens (a partial run still leaves a usable recording). */
export class Recorder {
  readonly dir: string;
  readonly #secrets: string[];
  #seq = 0;

  constructor(dir: string, secrets: readonly string[] = []) {
    this.dir = dir;
    this.#secrets = [...secrets];
    mkdirSync(dir, { recursive: true });
  }

  /** A secret learnt during the run (e.g. a credential value typed at a prompt). */
  addSecret(secret: string): void {
    this.#secrets.push(secret);
  }

  readonly record = (ex: WireExchange): void => {
    const seq = ++this.#seq;
    const slug = new URL(ex.url).pathname
      .split('/')
      .filter(Boolean)
      .map((s) => s.replace(/^(USR|MBR|ACT|TRN|CRD|STA|HOL|RWD|INS)-.*/, '$1'))
      .join('-')
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 80);
    const file = `${String(seq).padStart(4, '0')}-${ex.method.toLowerCase()}-${slug || 'root'}.json`;
    writeFileSync(join(this.dir, file), `${JSON.stringify(redactExchange(ex, seq, this.#secrets), null, 2)}\n`);
  };
}

/** The exchanges of a recording, in order. */
export function readRecording(dir: string): RecordedExchange[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4,}-.*\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RecordedExchange);
}
