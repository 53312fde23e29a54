// The flow's pluggable inputs: challenge answers, credential values and the OAuth step. Scripted ones for CI,
// prompting ones for a terminal. None of them ever prints a credential value or an answer.
import type { Interface as ReadlineInterface } from 'node:readline/promises';
import type { Schemas } from './client.js';

export type Challenge = Schemas['ChallengeResponse'];
export type CredentialField = Schemas['CredentialResponse'];
export interface Answer {
  guid: string;
  value: string;
}

/** Answers a round of MFA challenges (one answer per challenge). */
export type ChallengeAnswerer = (challenges: readonly Challenge[]) => Promise<Answer[]>;
/** Values for an institution's credential fields. */
export type CredentialSource = (fields: readonly CredentialField[], institution: string) => Promise<Answer[]>;
/** Gets the user through the OAuth window; the flow polls the member afterwards. */
export type OAuthHandler = (oauthWindowUri: string) => Promise<void>;

interface Choice {
  value: string | null;
  label: string | null;
  data_uri?: string | null;
}

function choices(ch: Challenge): Choice[] {
  return [...(ch.options ?? []), ...(ch.image_options ?? [])];
}

/** The value to send for `answer`: an option matching it by value or label (case-insensitive), else `answer`. */
function resolveAnswer(ch: Challenge, answer: string): string {
  const wanted = answer.toLowerCase();
  const match = choices(ch).find((o) => o.value?.toLowerCase() === wanted || o.label?.toLowerCase() === wanted);
  return match?.value ?? answer;
}

/**
 * Answers from a script, in order, one per challenge; when the script runs out, `fallback` (default
 * `correct`, the answer MX Bank accepts). For OPTIONS and IMAGE_OPTIONS the answer picks the option whose
 * value or label matches. An entry `TYPE=answer` (e.g. `TOKEN=123456`) applies only to that type.
 */
export function scriptedAnswerer(script: readonly string[] = [], fallback = 'correct'): ChallengeAnswerer {
  const queue = [...script];
  return async (challenges) =>
    challenges.map((ch) => {
      const typed = queue.findIndex((entry) => entry.toUpperCase().startsWith(`${ch.type?.toUpperCase()}=`));
      const plain = queue.findIndex((entry) => !/^[A-Z_]+=/.test(entry));
      const index = typed >= 0 ? typed : plain;
      const entry = index >= 0 ? (queue.splice(index, 1)[0] as string) : fallback;
      const answer = typed >= 0 ? entry.slice(entry.indexOf('=') + 1) : entry;
      return { guid: ch.guid ?? '', value: resolveAnswer(ch, answer) };
    });
}

/** Asks on a terminal: the label, numbered options, and where an image challenge's picture is. */
export function promptAnswerer(rl: ReadlineInterface, print: (line: string) => void): ChallengeAnswerer {
  return async (challenges) => {
    const answers: Answer[] = [];
    for (const ch of challenges) {
      print(`  challenge (${ch.type}): ${ch.label ?? ch.field_name ?? ''}`);
      if (ch.image_data) print(`    image: ${describeImage(ch.image_data)}`);
      const opts = choices(ch);
      opts.forEach((o, i) => {
        const image = o.data_uri ? ` [image ${describeImage(o.data_uri)}]` : '';
        print(`    ${i + 1}) ${o.label ?? o.value}${image}`);
      });
      const typed = (await rl.question(opts.length ? '  your choice (number or value): ' : '  your answer: ')).trim();
      const n = Number(typed);
      const picked = opts.length && Number.isInteger(n) && n >= 1 && n <= opts.length ? opts[n - 1]?.value : undefined;
      answers.push({ guid: ch.guid ?? '', value: picked ?? resolveAnswer(ch, typed) });
    }
    return answers;
  };
}

function describeImage(dataUri: string): string {
  const type = /^data:([^;,]+)/.exec(dataUri)?.[1] ?? 'image';
  return `${type}, ${dataUri.length} characters of data URI`;
}

/**
 * Credential values by field name (`LOGIN`, `PASSWORD`, …), label or guid. MX Bank's test login
 * (`mxuser` / `password`) fills LOGIN and PASSWORD when `testDefaults` is on and nothing else is given.
 */
export function scriptedCredentials(values: Record<string, string>, testDefaults = true): CredentialSource {
  const defaults: Record<string, string> = testDefaults ? { LOGIN: 'mxuser', PASSWORD: 'password' } : {};
  const byKey = new Map(Object.entries({ ...defaults, ...values }).map(([k, v]) => [k.toLowerCase(), v]));
  return async (fields, institution) =>
    fields.map((f) => {
      const value = [f.guid, f.field_name, f.label]
        .map((k) => (k ? byKey.get(k.toLowerCase()) : undefined))
        .find((v) => v != null);
      if (value == null) {
        throw new Error(
          `no value for ${institution}'s credential ${f.field_name} (${f.label}); pass --credential ${f.field_name}=VALUE`,
        );
      }
      return { guid: f.guid ?? '', value };
    });
}

/** Asks for each credential on a terminal, in `display_order`; values given up front are not asked. */
export function promptCredentials(
  rl: ReadlineInterface,
  given: Record<string, string>,
  print: (line: string) => void,
): CredentialSource {
  const preset = scriptedCredentials(given, false);
  return async (fields, institution) => {
    const answers: Answer[] = [];
    for (const f of fields) {
      try {
        answers.push(...(await preset([f], institution)));
      } catch {
        const secret = /PASSWORD|PIN/i.test(`${f.field_type} ${f.type} ${f.field_name}`);
        if (secret) print(`  (input for ${f.label} is echoed; use --credential ${f.field_name}=… to avoid that)`);
        answers.push({ guid: f.guid ?? '', value: (await rl.question(`  ${f.label ?? f.field_name}: `)).trim() });
      }
    }
    return answers;
  };
}

/** Prints where to authorise and returns: the flow then polls until the member connects (or times out). */
export function printOAuth(print: (line: string) => void): OAuthHandler {
  return async (uri) => {
    print(`  open this URL to authorise, the flow waits for the member to connect: ${uri}`);
  };
}

/** On a terminal: prints the URL and waits for Enter. */
export function promptOAuth(rl: ReadlineInterface, print: (line: string) => void): OAuthHandler {
  return async (uri) => {
    print(`  open this URL and authorise: ${uri}`);
    await rl.question('  press Enter when done ');
  };
}

/**
 * The simulator's consent page takes `?action=approve|deny` for automation; this drives it through the
 * client's transport (so it works in-process too). Simulator only: MX's OAuth pages need a browser.
 */
export function simulatorOAuth(
  fetch: (req: Request) => Promise<Response>,
  action: 'approve' | 'deny' = 'approve',
): OAuthHandler {
  return async (uri) => {
    const url = new URL(uri);
    url.searchParams.set('action', action);
    const res = await fetch(new Request(url, { redirect: 'manual' }));
    await res.body?.cancel();
    if (res.status >= 400) throw new Error(`the simulator's OAuth page answered ${res.status} to ${action}`);
  };
}
