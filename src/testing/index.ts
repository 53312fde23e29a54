// `mx-sim/testing`: helpers for a test suite that talks to mx-sim. `startMxSim()` serves a simulator on a
// free loopback port (for a `beforeAll` or a vitest/jest global setup); the other helpers drive the
// simulator as a test would, through its HTTP API: the admin API (`/_mx-sim`: clock, scenarios, reset,
// webhook log), MX's challenge and resume routes, and the OAuth consent page. Each takes the connection
// (`{ url, clientId, apiKey }`, which `startMxSim` returns), so a test in another worker than the one that
// started the simulator can use them too; each acts on that client_id's world only.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { ApiVersion } from '../mx/versions.js';
import { type LoadedScenario, loadScenario, resolveScenarioPath } from '../scenarios/load.js';
import { createSimulator, type Simulator, type SimulatorOptions } from '../server/app.js';
import { listen } from '../server/http-server.js';
import { WIDGET_STATE_ID } from '../server/routes/widget/page.js';

/** Where a simulator answers and as whom to call it. */
export interface MxSimConnection {
  /** The base URL, without a trailing slash: `http://127.0.0.1:54321`. */
  url: string;
  clientId: string;
  apiKey: string;
  /** How requests are sent. Default: the global `fetch` (real HTTP). */
  fetch?: (request: Request) => Promise<Response>;
}

export interface StartMxSimOptions extends Omit<SimulatorOptions, 'scenarios'> {
  /** The client_id the helpers and `headers()` use. Default `mx-sim-test`. */
  clientId?: string;
  /** Its API key. Default `mx-sim-test-key`. */
  apiKey?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Scenarios every client's world starts with: file paths, built-in names (`mfa-gauntlet`) or loaded ones. */
  scenarios?: readonly (string | LoadedScenario)[];
}

/** The clock of one client's world, as `GET`/`POST /_mx-sim/clock` answer it. */
export interface ClientClock {
  client_id: string;
  /** ISO 8601. */
  now: string;
  offset_ms: number;
}

/** One webhook MX would have sent (`GET /_mx-sim/webhooks`; docs/webhooks.md#the-log). */
export interface LoggedWebhook {
  guid: string;
  type: string;
  due_at: string;
  payload: Record<string, unknown>;
  callback_payload: string | null;
  delivery: { state: 'logged' | 'pending' | 'delivered' | 'failed'; [key: string]: unknown };
  attempts: { at: string; status: number | null; error: string | null }[];
  next_attempt_at: string | null;
}

/** An MFA challenge as MX lists it (`GET /users/{user}/members/{member}/challenges`). */
export interface MemberChallenge {
  guid: string;
  type?: string;
  label?: string;
  options?: { label?: string | null; value?: string | null }[];
  image_options?: { label?: string | null; value?: string | null }[];
  [key: string]: unknown;
}

/** A running simulator: its connection, the in-process simulator behind it, and the helpers bound to it. */
export interface MxSim extends MxSimConnection {
  /** The simulator behind the port (`createSimulator`'s result): `sim.app.request(...)`, `sim.tick()`, … */
  sim: Simulator;
  /** Stops listening; resolves when the server has closed. */
  close(): Promise<void>;
  /** Basic auth for this client, plus the `Accept-Version` (and `Accept`) a version needs. */
  headers(version?: ApiVersion): Record<string, string>;
  advanceClock(by: number | { to: string | Date }): Promise<ClientClock>;
  loadScenario(scenario: string | object): Promise<void>;
  resetWorld(): Promise<void>;
  webhooks(type?: string): Promise<LoggedWebhook[]>;
  clearWebhooks(): Promise<void>;
  microdepositAmounts(microdepositGuid: string): Promise<MicrodepositAmounts>;
  answerChallenges(userGuid: string, memberGuid: string, answers?: ChallengeAnswers): Promise<number>;
  approveOAuth(oauthWindowUri: string): Promise<void>;
  denyOAuth(oauthWindowUri: string): Promise<void>;
}

const DEFAULT_CLIENT_ID = 'mx-sim-test';
const DEFAULT_API_KEY = 'mx-sim-test-key';

/**
 * Starts a simulator on a free loopback port (or `port`) and returns where it answers, the credentials
 * to use, the simulator itself and `close()`. Options are `createSimulator`'s, plus the ones above.
 * When `clients` is given, `clientId`/`apiKey` default to its first pair.
 */
export async function startMxSim(options: StartMxSimOptions = {}): Promise<MxSim> {
  const { clientId: wantedId, apiKey: wantedKey, port = 0, host = '127.0.0.1', scenarios, ...rest } = options;
  const clientId = wantedId ?? options.clients?.[0]?.client_id ?? DEFAULT_CLIENT_ID;
  const apiKey = wantedKey ?? options.clients?.[0]?.api_key ?? DEFAULT_API_KEY;
  const sim = createSimulator({
    ...rest,
    scenarios: scenarios?.map((s) => (typeof s === 'string' ? loadScenario(s) : s)),
  });
  const listening = await listen({ fetch: sim.app.fetch, port, hostname: host, logger: options.logger });
  sim.listeningOn(listening.url);
  const connection: MxSimConnection = { url: listening.url, clientId, apiKey };
  return {
    ...connection,
    sim,
    close: () => closeServer(listening.server),
    headers: (version = 'v20250224') => mxHeaders(connection, version),
    advanceClock: (by) => advanceClock(connection, by),
    loadScenario: (scenario) => loadScenarioInto(connection, scenario),
    resetWorld: () => resetWorld(connection),
    webhooks: (type) => webhookLog(connection, type),
    clearWebhooks: () => clearWebhooks(connection),
    microdepositAmounts: (guid) => microdepositAmounts(connection, guid),
    answerChallenges: (user, member, answers) => answerChallenges(connection, user, member, answers),
    approveOAuth: (uri) => approveOAuth(connection, uri),
    denyOAuth: (uri) => approveOAuth(connection, uri, 'deny'),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive connections a client left open would hold close() until they time out.
    server.closeAllConnections();
  });
}

/** The headers an MX API request needs: Basic auth and the version's `Accept-Version` and `Accept`. */
export function mxHeaders(connection: MxSimConnection, version: ApiVersion = 'v20250224'): Record<string, string> {
  return {
    Authorization: basicAuth(connection),
    Accept: version === 'v20111101' ? 'application/vnd.mx.api.v1+json' : 'application/json',
    'Accept-Version': version,
  };
}

function basicAuth({ clientId, apiKey }: MxSimConnection): string {
  return `Basic ${Buffer.from(`${clientId}:${apiKey}`).toString('base64')}`;
}

/** The simulator answered something other than what the helper expected. */
export class MxSimRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
    this.name = 'MxSimRequestError';
  }
}

async function send(
  connection: MxSimConnection,
  method: string,
  path: string,
  init: { body?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { Authorization: basicAuth(connection), ...init.headers };
  if (init.contentType) headers['Content-Type'] = init.contentType;
  const request = new Request(new URL(path, `${connection.url}/`), { method, headers, body: init.body });
  const res = await (connection.fetch ?? fetch)(request);
  if (res.status >= 400) throw new MxSimRequestError(method, path, res.status, await res.text());
  return res;
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/**
 * Moves this client's simulated time on (`POST /_mx-sim/clock`): by `ms`, or `{ to }` a later time.
 * What fell due is applied at once: lifecycle steps, webhooks, delivery retries.
 */
export async function advanceClock(
  connection: MxSimConnection,
  by: number | { to: string | Date },
): Promise<ClientClock> {
  const body =
    typeof by === 'number'
      ? { advance_ms: by }
      : { to: by.to instanceof Date ? by.to.toISOString() : new Date(by.to).toISOString() };
  const res = await send(connection, 'POST', '_mx-sim/clock', {
    body: JSON.stringify(body),
    contentType: 'application/json',
  });
  return json<ClientClock>(res);
}

/** This client's clock (`GET /_mx-sim/clock`). */
export async function readClock(connection: MxSimConnection): Promise<ClientClock> {
  return json<ClientClock>(await send(connection, 'GET', '_mx-sim/clock'));
}

/**
 * Loads one more scenario into this client's world (`POST /_mx-sim/scenarios`), which starts afresh.
 * `scenario` is a scenario object, YAML or JSON text, or (one line) a file path or built-in name.
 */
export async function loadScenarioInto(connection: MxSimConnection, scenario: string | object): Promise<void> {
  let text: string;
  let source: string | undefined;
  if (typeof scenario !== 'string') text = JSON.stringify(scenario);
  else if (!scenario.includes('\n') && !scenario.trimStart().startsWith('{')) {
    source = resolveScenarioPath(scenario.trim());
    text = readFileSync(source, 'utf8');
  } else text = scenario;
  const query = source ? `?source=${encodeURIComponent(source)}` : '';
  const res = await send(connection, 'POST', `_mx-sim/scenarios${query}`, {
    body: text,
    contentType: typeof scenario === 'string' ? 'application/yaml' : 'application/json',
  });
  await res.body?.cancel();
}

/** A fresh world with the same scenarios (`POST /_mx-sim/reset`); its clock starts again. */
export async function resetWorld(connection: MxSimConnection): Promise<void> {
  await (await send(connection, 'POST', '_mx-sim/reset')).body?.cancel();
}

/** The webhooks MX would have sent this client, oldest first (`GET /_mx-sim/webhooks`, `?type=` filters). */
export async function webhookLog(connection: MxSimConnection, type?: string): Promise<LoggedWebhook[]> {
  const query = type ? `?type=${encodeURIComponent(type)}` : '';
  const body = await json<{ webhooks: LoggedWebhook[] }>(await send(connection, 'GET', `_mx-sim/webhooks${query}`));
  return body.webhooks;
}

/** Forgets the logged webhooks and gives up pending retries (`DELETE /_mx-sim/webhooks`). */
export async function clearWebhooks(connection: MxSimConnection): Promise<void> {
  await (await send(connection, 'DELETE', '_mx-sim/webhooks')).body?.cancel();
}

/** What a microdeposit's verify takes (null while it is pre-initiated), and the attempts left. */
export interface MicrodepositAmounts {
  deposit_amount_1: number | null;
  deposit_amount_2: number | null;
  attempts_left: number;
}

/**
 * The amounts deposited for one of this client's microdeposits, which MX's API never shows
 * (`GET /_mx-sim/micro_deposits`; docs/microdeposits.md#the-amounts). Throws for an unknown guid.
 */
export async function microdepositAmounts(connection: MxSimConnection, guid: string): Promise<MicrodepositAmounts> {
  const body = await json<{ micro_deposits: Array<MicrodepositAmounts & { guid: string }> }>(
    await send(connection, 'GET', '_mx-sim/micro_deposits'),
  );
  const found = body.micro_deposits.find((m) => m.guid === guid);
  if (!found) throw new Error(`microdepositAmounts: client ${connection.clientId} has no microdeposit ${guid}`);
  const { deposit_amount_1, deposit_amount_2, attempts_left } = found;
  return { deposit_amount_1, deposit_amount_2, attempts_left };
}

/**
 * The answer to each challenge: a function of the challenge, or a list in order. For OPTIONS and
 * IMAGE_OPTIONS challenges an answer may be an option's label or value. Default `correct` (what MX Bank
 * and the simulator's institutions accept).
 */
export type ChallengeAnswers = readonly string[] | ((challenge: MemberChallenge) => string);

/**
 * Answers a CHALLENGED member's current challenges (`GET …/challenges`, then `PUT …/resume`), as an app
 * would. Resolves with how many were answered: 0 when the member has none (it is not CHALLENGED).
 */
export async function answerChallenges(
  connection: MxSimConnection,
  userGuid: string,
  memberGuid: string,
  answers: ChallengeAnswers = () => 'correct',
): Promise<number> {
  const path = `users/${encodeURIComponent(userGuid)}/members/${encodeURIComponent(memberGuid)}`;
  const headers = mxHeaders(connection);
  const res = await send(connection, 'GET', `${path}/challenges`, { headers });
  if (res.status === 204) return 0;
  const { challenges } = await json<{ challenges: MemberChallenge[] }>(res);
  const answered = challenges.map((challenge, i) => {
    const answer = typeof answers === 'function' ? answers(challenge) : (answers[i] ?? 'correct');
    return { guid: challenge.guid, value: optionValue(challenge, answer) };
  });
  const resumed = await send(connection, 'PUT', `${path}/resume`, {
    headers,
    contentType: 'application/json',
    body: JSON.stringify({ member: { challenges: answered } }),
  });
  await resumed.body?.cancel();
  return answered.length;
}

/** The value of the option whose value or label is `answer` (case-insensitive), else `answer` itself. */
function optionValue(challenge: MemberChallenge, answer: string): string {
  const wanted = answer.toLowerCase();
  const option = [...(challenge.options ?? []), ...(challenge.image_options ?? [])].find(
    (o) => o.value?.toLowerCase() === wanted || o.label?.toLowerCase() === wanted,
  );
  return option?.value ?? answer;
}

/**
 * Approves (or denies) an OAuth member's consent on the simulator's page its `oauth_window_uri` points
 * at, as the user would in the browser. The member then moves on as MX's would after the redirect.
 */
export async function approveOAuth(
  connection: MxSimConnection,
  oauthWindowUri: string,
  action: 'approve' | 'deny' = 'approve',
): Promise<void> {
  // What the page's button sends: a form POST (no credentials: the token in the URI is what guards it).
  const res = await (connection.fetch ?? fetch)(
    new Request(oauthWindowUri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action }).toString(),
      redirect: 'manual',
    }),
  );
  const body = await res.text();
  if (res.status >= 400) throw new MxSimRequestError('POST', new URL(oauthWindowUri).pathname, res.status, body);
}

/** What connecting through a widget URL gave: the member (as `GET …/members` lists it) and the widget's session. */
export interface WidgetConnection {
  member_guid: string;
  user_guid: string;
  session_guid: string;
  /** An OAuth institution's consent page (approve it with `approveOAuth`), else null. */
  oauth_window_uri: string | null;
}

/**
 * Connects an institution through a Connect widget URL (`POST /users/{user}/widget_urls`) as its user would,
 * without a browser: opens the page (which uses the URL up) and submits the institution's credentials
 * through the page's own session API (`password` in the password field, `login` in the username field,
 * `1234` in any other), or, for an OAuth institution, starts its OAuth. The member then moves on as any
 * member does: move the clock, answer its challenges, approve its OAuth.
 */
export async function connectThroughWidget(
  connection: MxSimConnection,
  widgetUrl: string,
  options: { institution: string; password?: string; login?: string },
): Promise<WidgetConnection> {
  const doFetch = connection.fetch ?? fetch;
  const page = await doFetch(new Request(widgetUrl));
  const html = await page.text();
  if (page.status >= 400) throw new MxSimRequestError('GET', new URL(widgetUrl).pathname, page.status, html);
  const block = new RegExp(`<script type="application/json" id="${WIDGET_STATE_ID}">(.*?)</script>`).exec(html);
  if (!block?.[1]) throw new Error(`${widgetUrl} is not a Connect widget page`);
  const state = JSON.parse(block[1]) as { secret: string; header: string; user_guid: string; session_guid: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const url = new URL(`../session/${path}`, widgetUrl);
    const res = await doFetch(
      new Request(url, {
        method,
        headers: { [state.header]: state.secret, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      }),
    );
    const text = await res.text();
    if (res.status >= 400) throw new MxSimRequestError(method, url.pathname, res.status, text);
    return JSON.parse(text) as T;
  };
  const code = encodeURIComponent(options.institution);
  const { institution } = await call<{ institution: { credentials: { guid: string; field_name: string }[] } }>(
    'GET',
    `institutions/${code}`,
  );
  const credentials = institution.credentials.map((f) => ({
    guid: f.guid,
    value:
      f.field_name === 'PASSWORD'
        ? (options.password ?? 'password')
        : f.field_name === 'LOGIN'
          ? (options.login ?? 'mxuser')
          : '1234',
  }));
  const { member } = await call<{ member: { guid: string; oauth_window_uri: string | null } }>('POST', 'members', {
    institution_code: options.institution,
    ...(credentials.length ? { credentials } : {}),
  });
  return {
    member_guid: member.guid,
    user_guid: state.user_guid,
    session_guid: state.session_guid,
    oauth_window_uri: member.oauth_window_uri,
  };
}

/** A connection to a simulator in this process, without a port: requests go straight to `sim.app.fetch`. */
export function inProcess(
  sim: Simulator,
  clientId = DEFAULT_CLIENT_ID,
  apiKey = DEFAULT_API_KEY,
  url = 'http://mx-sim.test',
): MxSimConnection {
  return { url, clientId, apiKey, fetch: async (request) => sim.app.fetch(request) };
}
