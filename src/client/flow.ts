// The integration flow of MX's API-only guide, as one function that runs unchanged against the simulator
// and MX: search → requirements → create member → poll (answering challenges, OAuth) → read products →
// refresh ("Update Data Later") → read again. Only the client (base URL, credentials, sleep) differs.
import type { ChallengeAnswerer, CredentialSource, OAuthHandler } from './answerers.js';
import { type MxClient, ok, type Schemas } from './client.js';
import { listAll } from './paginate.js';
import { type Product, type ProductData, readProducts } from './products.js';
import { realSleep, type Sleep } from './transport.js';

export { PRODUCTS, type Product, type ProductData } from './products.js';

type MemberStatus = Schemas['MemberStatusResponse'];
type ConnectionStatus = NonNullable<MemberStatus['connection_status']>;

export interface FlowOptions {
  /** Searched by name; an exact code or name match wins, else the first result. Default `MX Bank`. */
  institution?: string;
  /** Products to request on create and read afterwards. Default `['transactions']`. */
  products?: readonly Product[];
  credentials: CredentialSource;
  answerer: ChallengeAnswerer;
  oauth: OAuthHandler;
  /** MX recommends polling no more often than every 3 s. */
  pollIntervalMs?: number;
  /** Give up waiting for a member after this much polling. Default 10 minutes. */
  maxWaitMs?: number;
  /** Refresh ("Update Data Later") and read again. Default true. */
  refresh?: boolean;
  /** Your user id; default a fresh `mx-sim-flow-…`. */
  userId?: string;
  /** Delete the user (and its member) at the end, so sandbox runs leave nothing behind. Default true. */
  cleanup?: boolean;
  sleep?: Sleep;
  /** Progress, one plain line at a time. Never receives a credential value. */
  log?: (line: string) => void;
}

export interface FlowResult {
  /** CONNECTED, data read (and refreshed when asked). */
  ok: boolean;
  institution: { code: string; name: string; oauth: boolean };
  userGuid: string;
  memberGuid: string;
  /** The last connection status seen. */
  status: ConnectionStatus | null;
  challenges: string[];
  data?: ProductData;
  refreshed?: ProductData;
  /** Why the flow stopped, when it did not succeed. */
  failure?: string;
}

export class FlowError extends Error {
  override readonly name = 'FlowError';
}

/** Statuses MX shows while work is still going on (MX's widget keeps polling on them); PENDING waits for OAuth. */
const PROCESSING = new Set<ConnectionStatus>(['CREATED', 'UPDATED', 'RESUMED', 'RECONNECTED', 'DELAYED', 'PENDING']);

export async function runFlow(mx: MxClient, options: FlowOptions): Promise<FlowResult> {
  const log = options.log ?? (() => {});
  const sleep = options.sleep ?? realSleep;
  const interval = options.pollIntervalMs ?? 3_000;
  const maxWait = options.maxWaitMs ?? 600_000;
  const products = [...(options.products ?? ['transactions'])];
  const { api } = mx;

  // 1. Search the institution by name and products.
  const wanted = options.institution ?? 'MX Bank';
  log(`→ search institutions: name "${wanted}"${products.length ? `, products ${products.join(', ')}` : ''}`);
  const { institutions } = await ok(
    api.GET('/institutions', {
      params: { query: { name: wanted, supported_products: products, records_per_page: 25 } },
    }),
  );
  const lower = wanted.toLowerCase();
  const institution =
    institutions.find((i) => i.code?.toLowerCase() === lower) ??
    institutions.find((i) => i.name?.toLowerCase() === lower) ??
    institutions[0];
  if (!institution?.code)
    throw new FlowError(`no institution matches "${wanted}" with products ${products.join(', ')}`);
  const code = institution.code;
  const oauth = institution.supports_oauth === true;
  log(`  ${institutions.length} found; using ${institution.name} (${code})`);

  // 2. Its requirements: OAuth, or the credentials to ask for in display order.
  let fields: Schemas['CredentialResponse'][] = [];
  if (oauth) log('→ requirements: OAuth (no credentials)');
  else {
    fields = await listAll('credentials', (query) =>
      api.GET('/institutions/{institution_identifier}/credentials', {
        params: { path: { institution_identifier: code }, query },
      }),
    );
    fields.sort((a, b) => (a.display_order ?? 0) - (b.display_order ?? 0));
    log(`→ requirements: credentials ${fields.map((f) => `${f.field_name} (${f.label})`).join(', ')}`);
  }

  // 3. A user, then the member with data_request.products.
  const userId = options.userId ?? `mx-sim-flow-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const { user } = await ok(api.POST('/users', { body: { user: { id: userId } } }));
  const userGuid = user.guid ?? userId;
  log(`→ user ${userGuid} (id ${userId})`);
  const result: FlowResult = {
    ok: false,
    institution: { code, name: institution.name ?? code, oauth },
    userGuid,
    memberGuid: '',
    status: null,
    challenges: [],
  };
  try {
    const credentials = oauth ? undefined : await options.credentials(fields, code);
    const created = await api.POST('/users/{user_identifier}/members', {
      params: { path: { user_identifier: userGuid } },
      body: {
        member: { institution_code: code, ...(oauth ? { is_oauth: true } : { credentials }) },
        ...(products.length ? { data_request: { products } } : {}),
      },
    });
    const { member } = await ok(Promise.resolve(created));
    result.memberGuid = member.guid ?? '';
    log(`→ member ${member.guid}: ${created.response.status}, ${describe(member)}`);
    const path = { user_identifier: userGuid, member_identifier: result.memberGuid };

    if (oauth) {
      const uri =
        member.oauth_window_uri ??
        (
          await ok(
            api.GET('/users/{user_identifier}/members/{member_identifier}/oauth_window_uri', { params: { path } }),
          )
        ).member.oauth_window_uri;
      if (!uri) throw new FlowError(`member ${member.guid} has no oauth_window_uri`);
      log(`→ OAuth: oauth_window_uri ${uri}`);
      await options.oauth(uri);
    }

    // 4. Poll until CONNECTED and done, answering challenges on the way.
    let status = await waitForMember(path);
    if (!status) return result;
    result.data = await readProducts(mx, path, products);
    log(`→ read: ${summarize(result.data)}`);

    // 5. Refresh ("Update Data Later"), then read again.
    if (options.refresh ?? true) {
      const refresh = await api.POST('/users/{user_identifier}/members/{member_identifier}/aggregate', {
        params: { path },
      });
      const refreshed = await ok(Promise.resolve(refresh));
      log(
        `→ refresh: ${refresh.response.status}, ${describe(refreshed.member)}${refreshed.member.is_being_aggregated ? '' : ' (no new job: MX throttles standard aggregation)'}`,
      );
      status = await waitForMember(path);
      if (!status) return result;
      result.refreshed = await readProducts(mx, path, products);
      log(`→ read again: ${summarize(result.refreshed)}`);
    }
    result.ok = true;
    return result;
  } finally {
    if (options.cleanup ?? true) {
      // A failed clean-up is reported, never allowed to hide why the flow stopped.
      try {
        await ok(api.DELETE('/users/{user_identifier}', { params: { path: { user_identifier: userGuid } } }));
        log(`→ deleted user ${userGuid}`);
      } catch (e) {
        log(`! could not delete user ${userGuid}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  /** Polls the status; the final status when CONNECTED, undefined (and result.failure) when it ended otherwise. */
  async function waitForMember(path: { user_identifier: string; member_identifier: string }) {
    let waited = 0;
    let last = '';
    let stopped = 0;
    const answered = new Set<string>();
    for (;;) {
      const { member } = await ok(
        api.GET('/users/{user_identifier}/members/{member_identifier}/status', { params: { path } }),
      );
      result.status = member.connection_status;
      const line = describe(member);
      if (line !== last) log(`  status: ${line}`);
      last = line;
      if (member.connection_status === 'CONNECTED' && !member.is_being_aggregated) return member;
      if (member.connection_status === 'CHALLENGED') {
        stopped = 0;
        const challenges = (member.challenges?.length ? member.challenges : await listChallenges(path)).filter(
          (c) => c.guid && !answered.has(c.guid),
        );
        if (challenges.length) {
          log(`  challenged: ${challenges.map((c) => `${c.type} "${c.label}"`).join(', ')}`);
          const answers = await options.answerer(challenges);
          for (const c of challenges) {
            answered.add(c.guid ?? '');
            result.challenges.push(c.type ?? '?');
          }
          const resumed = await ok(
            api.PUT('/users/{user_identifier}/members/{member_identifier}/resume', {
              params: { path },
              body: { member: { challenges: answers } },
            }),
          );
          log(`  answered ${answers.length}; ${describe(resumed.member)}`);
        }
      } else if (!member.is_being_aggregated && !PROCESSING.has(member.connection_status as ConnectionStatus)) {
        // As MX's widget does: an end status on two polls in a row, so a flag caught mid-update is not final.
        if (++stopped >= 2) {
          result.failure =
            `the member ended ${member.connection_status}: ${member.connection_status_message ?? ''}`.trim();
          log(`✗ ${result.failure}`);
          return undefined;
        }
      } else stopped = 0;
      if (waited >= maxWait) {
        result.failure = `still ${line} after ${Math.round(waited / 1000)} s of polling`;
        log(`✗ ${result.failure}`);
        return undefined;
      }
      await sleep(interval);
      waited += interval;
    }
  }

  function listChallenges(path: { user_identifier: string; member_identifier: string }) {
    return listAll('challenges', (query) =>
      api.GET('/users/{user_identifier}/members/{member_identifier}/challenges', { params: { path, query } }),
    );
  }
}

function describe(m: { connection_status?: string | null; is_being_aggregated?: boolean | null }): string {
  return `${m.connection_status ?? 'no status'}${m.is_being_aggregated ? ', aggregating' : ''}`;
}

/** `accounts 6, transactions 312, …` */
export function summarize(data: ProductData): string {
  return Object.entries(data)
    .map(([k, v]) => `${k} ${(v as unknown[]).length}`)
    .join(', ');
}

/** The closing summary: what was read, before and after the refresh. */
export function summaryLines(r: FlowResult): string[] {
  const lines = [
    `Summary: ${r.institution.name} (${r.institution.code}${r.institution.oauth ? ', OAuth' : ''}), member ${r.memberGuid || '—'}, ${r.status ?? 'no status'}`,
  ];
  if (r.challenges.length) lines.push(`  challenges answered: ${r.challenges.join(', ')}`);
  if (r.data) lines.push(`  read: ${summarize(r.data)}`);
  if (r.refreshed) lines.push(`  after refresh: ${summarize(r.refreshed)}`);
  lines.push(r.ok ? '  result: OK' : `  result: FAILED (${r.failure ?? 'see above'})`);
  return lines;
}
