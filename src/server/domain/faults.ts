// Faults a scenario injects: for each request of a client, which faults fire (by route, member,
// every Nth match, a seeded probability, at most N times) and what they do (latency, an error in
// MX's envelope, 429 with Retry-After, a dropped connection). Counters live with the client's world.
import type { ScenarioFault } from '../../scenarios/schema.js';
import { MxError } from '../errors.js';
import { streamKey, unit } from '../generators/rng.js';
import type { Tenant } from '../store/tenant.js';

export interface FaultEffect {
  latencyMs: number;
  error?: MxError;
  drop?: boolean;
}

function routeMatches(pattern: string | undefined, method: string, path: string): boolean {
  if (pattern === undefined || pattern === '*') return true;
  const [m, p] = pattern.split(' ') as [string, string];
  if (m !== '*' && m !== method) return false;
  const want = p.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  return want.length === got.length && want.every((seg, i) => seg === '*' || seg === got[i]);
}

function memberMatches(wanted: string | undefined, path: string, tenant: Tenant): boolean {
  if (wanted === undefined) return true;
  const segments = path.split('/');
  const at = segments.indexOf('members');
  const given = at >= 0 ? segments[at + 1] : undefined;
  if (!given) return false;
  if (given === wanted) return true;
  const member = tenant.members.byGuid(given);
  return member !== undefined && (member.id === wanted || member.guid === wanted);
}

const DEFAULT_MESSAGES: Record<number, string> = {
  429: 'Too many requests: slow down and retry after the Retry-After interval (fault injected by a mx-sim scenario)',
  500: 'Internal server error (fault injected by a mx-sim scenario)',
  502: 'Bad gateway (fault injected by a mx-sim scenario)',
  503: 'Service unavailable: try again later (fault injected by a mx-sim scenario)',
  504: 'Gateway timeout (fault injected by a mx-sim scenario)',
};

function errorOf(f: ScenarioFault): MxError | undefined {
  if (f.status === undefined && f.retry_after === undefined) return undefined;
  const status = f.status ?? 429;
  const headers: Record<string, string> = f.retry_after !== undefined ? { 'Retry-After': String(f.retry_after) } : {};
  const message = f.message ?? DEFAULT_MESSAGES[status] ?? `Error ${status} (fault injected by a mx-sim scenario)`;
  return new MxError(status as MxError['status'], message, undefined, headers);
}

function institutionMatches(code: string | undefined, path: string, tenant: Tenant): boolean {
  if (code === undefined) return true;
  const segments = path.split('/');
  const inst = segments.indexOf('institutions');
  if (inst >= 0 && segments[inst + 1] === code) return true;
  const at = segments.indexOf('members');
  const given = at >= 0 ? segments[at + 1] : undefined;
  if (!given) return false;
  const direct = tenant.members.byGuid(given);
  if (direct) return direct.institution_code === code;
  const user = segments[segments.indexOf('users') + 1];
  const owner = user ? tenant.users.find(user) : undefined;
  return owner ? tenant.members.find(owner.guid, given)?.institution_code === code : false;
}

/** What the faults of the client's world do to this request, or undefined when none fires. */
export function faultsFor(tenant: Tenant, method: string, path: string): FaultEffect | undefined {
  const faults = tenant.world.faults;
  if (faults.length === 0) return undefined;
  const counters = tenant.faults;
  let effect: FaultEffect | undefined;
  faults.forEach((f, i) => {
    if (!routeMatches(f.route, method, path) || !memberMatches(f.member, path, tenant)) return;
    if (!institutionMatches(f.institution, path, tenant)) return;
    const n = (counters.matched[i] ?? 0) + 1;
    counters.matched[i] = n;
    const fired = counters.fired[i] ?? 0;
    if (f.times !== undefined && fired >= f.times) return;
    if (f.every !== undefined && n % f.every !== 0) return;
    if (f.probability !== undefined && unit(streamKey(tenant.seed, 'fault', i), n) >= f.probability) return;
    counters.fired[i] = fired + 1;
    effect ??= { latencyMs: 0 };
    if (f.latency_ms !== undefined) {
      const [lo, hi] = Array.isArray(f.latency_ms) ? f.latency_ms : [f.latency_ms, f.latency_ms];
      const drawn = lo + Math.floor(unit(streamKey(tenant.seed, 'latency', i), n) * (hi - lo + 1));
      effect.latencyMs = Math.max(effect.latencyMs, drawn);
    }
    if (!effect.error && !effect.drop) {
      if (f.drop) effect.drop = true;
      else {
        const error = errorOf(f);
        if (error) effect.error = error;
      }
    }
  });
  return effect;
}
