// Scenarios → what the simulator runs with: merged in order (later files win), institutions added to
// or replacing the built-in catalogue, and outcome rules that script each member's jobs.

import type { ChallengeKind } from '../../mx/challenges.js';
import type { OAuthErrorReason } from '../../mx/oauth.js';
import { normalizeProduct, type OptionalProduct, type Product } from '../../mx/products.js';
import type { ConnectionStatus } from '../../mx/statuses.js';
import type { ScenarioMicrodepositOutcome } from '../../scenarios/microdeposits.js';
import type { ScenarioProcessorTokens } from '../../scenarios/processor-tokens.js';
import type {
  Scenario,
  ScenarioFault,
  ScenarioJob,
  ScenarioOutcome,
  ScenarioUser,
  ScenarioWebhooks,
} from '../../scenarios/schema.js';
import type { Timing } from '../engine/lifecycle.js';
import type { Outcome, ScriptStep } from '../engine/outcomes.js';
import { stableGuid } from '../generators/ids.js';
import type { CredentialField, InstitutionRecord } from '../generators/institution.js';
import { build, loginPassword } from '../generators/institutions.js';
import type { DataProfile } from '../generators/records.js';

/** What a rule is matched against. */
export interface MemberFacts {
  institution_code: string;
  username: string | undefined;
  password: string | undefined;
  member_id: string | null;
  user_id: string | null;
}

export interface CompiledRule {
  match: ScenarioOutcome['match'];
  jobs: Outcome[] | undefined;
  /** How OAuth consent ends: approved, or the `error_reason` it ends with (`oauth: deny` is DENIED). */
  oauth: 'approve' | OAuthErrorReason | undefined;
  data: DataProfile | undefined;
}

export interface ScenarioWorld {
  /** The names (or sources) of the scenarios merged, in load order. */
  names: string[];
  seed: string | undefined;
  /** The client's time starts at least here (ms); the latest scenario that says so wins. */
  startsAt: number | undefined;
  fast: boolean;
  timing: Partial<Timing>;
  /** Institutions to add, or to put in place of a built-in one with the same code. */
  institutions: InstitutionRecord[];
  /** First match wins; rules of later scenarios come first. */
  rules: CompiledRule[];
  /** Every fault of every scenario, in load order; each is checked for each request. */
  faults: ScenarioFault[];
  /** Users (with members and data) that exist when the world starts; a later one with the same id wins. */
  users: PresetUserEntry[];
  /** Webhook settings; the latest scenario that has a `webhooks:` section wins as a whole. */
  webhooks: ScenarioWebhooks | undefined;
  /** Products not enabled for the client (403); the latest scenario with a `client:` section wins. */
  disabledProducts: readonly OptionalProduct[];
  /** Processor code and token lifetimes and rules; the latest scenario with a `processor_tokens:` section wins. */
  processorTokens: ScenarioProcessorTokens | undefined;
  /** How microdeposits go; first match wins, outcomes of later scenarios first. */
  microdeposits: ScenarioMicrodepositOutcome[];
}

/** A preset user and where it was written, for error messages. */
export interface PresetUserEntry {
  user: ScenarioUser;
  /** e.g. `qa/world.yaml users[2]` */
  where: string;
}

export const EMPTY_WORLD: ScenarioWorld = {
  names: [],
  seed: undefined,
  startsAt: undefined,
  fast: false,
  timing: {},
  institutions: [],
  rules: [],
  faults: [],
  users: [],
  webhooks: undefined,
  disabledProducts: [],
  processorTokens: undefined,
  microdeposits: [],
};

function compileJob(job: ScenarioJob): Outcome {
  const steps = typeof job === 'string' ? [job] : job;
  const script: ScriptStep[] = steps.map((step) => {
    if (typeof step === 'string') return { kind: 'status', status: step as ConnectionStatus };
    if ('status' in step) return { kind: 'status', status: step.status as ConnectionStatus };
    const kinds = (Array.isArray(step.challenge) ? step.challenge : [step.challenge]) as ChallengeKind[];
    return {
      kind: 'challenge',
      challenges: kinds,
      answer: step.answer ?? 'correct',
      onWrong: (step.on_wrong ?? 'REJECTED') as ConnectionStatus,
    };
  });
  return { kind: 'script', steps: script };
}

function credentialFields(code: string, fields: NonNullable<Scenario['institutions']>[number]['credentials']) {
  if (!fields) return loginPassword(code);
  return fields.map(
    (f, i): CredentialField => ({
      guid: stableGuid('CRD', 'credential', code, f.field_name),
      field_name: f.field_name,
      field_type: f.type === 'PASSWORD' ? 'PASSWORD' : 'TEXT',
      label: f.label ?? f.field_name,
      type: f.type ?? (f.field_name === 'PASSWORD' ? 'PASSWORD' : 'TEXT'),
      display_order: i + 1,
    }),
  );
}

/** Merges scenarios in order. `existing` lists the built-in codes, to catch accidental clashes. */
export function buildWorld(
  scenarios: ReadonlyArray<{ scenario: Scenario; source: string }>,
  existing: Pick<ReadonlySet<string>, 'has'>,
) {
  const world: ScenarioWorld = {
    ...EMPTY_WORLD,
    names: [],
    timing: {},
    institutions: [],
    rules: [],
    faults: [],
    users: [],
    microdeposits: [],
  };
  const problems: string[] = [];
  for (const { scenario, source } of scenarios) {
    world.names.push(scenario.name ?? source);
    if (scenario.seed !== undefined) world.seed = String(scenario.seed);
    if (scenario.starts_at !== undefined) world.startsAt = Date.parse(scenario.starts_at);
    if (scenario.webhooks !== undefined) world.webhooks = scenario.webhooks;
    if (scenario.client !== undefined) world.disabledProducts = [...new Set(scenario.client.disabled_products)];
    if (scenario.processor_tokens !== undefined) world.processorTokens = scenario.processor_tokens;
    const t = scenario.timing;
    if (t?.fast) world.fast = true;
    if (t?.authenticate_ms !== undefined) world.timing.authenticateMs = t.authenticate_ms;
    if (t?.sync_ms !== undefined) world.timing.syncMs = t.sync_ms;
    if (t?.challenge_timeout_ms !== undefined) world.timing.challengeTimeoutMs = t.challenge_timeout_ms;
    if (t?.background_interval_ms !== undefined) world.timing.backgroundIntervalMs = t.background_interval_ms;
    if (t?.microdeposit_step_ms !== undefined) world.timing.microdepositStepMs = t.microdeposit_step_ms;
    if (scenario.microdeposits?.outcomes) {
      world.microdeposits = [...scenario.microdeposits.outcomes, ...world.microdeposits];
    }
    (scenario.institutions ?? []).forEach((inst, i) => {
      const taken = existing.has(inst.code) || world.institutions.some((x) => x.code === inst.code);
      if (taken && !inst.replace) {
        problems.push(
          `${source} institutions[${i}].code: '${inst.code}' already exists; set replace: true to replace it`,
        );
        return;
      }
      const oauth = inst.oauth ?? false;
      const record = build({
        code: inst.code,
        name: inst.name,
        url: inst.url ?? `https://${inst.code.replace(/_/g, '')}.example.com`,
        products: [...new Set((inst.products ?? ['transactions']).map((p) => normalizeProduct(p) as Product))],
        oauth,
        country: inst.country ?? 'US',
        credentials: oauth ? [] : credentialFields(inst.code, inst.credentials),
        instructions: inst.instructions ?? null,
        createdAt: '2026-01-01T00:00:00+00:00',
      });
      world.institutions = [...world.institutions.filter((x) => x.code !== inst.code), record];
    });
    const rules = (scenario.outcomes ?? []).map(
      (o): CompiledRule => ({
        match: o.match,
        jobs: o.jobs?.map(compileJob),
        oauth: o.oauth === 'deny' ? 'DENIED' : typeof o.oauth === 'object' ? o.oauth.error_reason : o.oauth,
        data: o.data,
      }),
    );
    world.rules = [...rules, ...world.rules];
    world.faults = [...world.faults, ...(scenario.faults ?? [])];
    // A user of a later scenario replaces one with the same id or guid; within one file that is a mistake.
    const earlier = world.users;
    (scenario.users ?? []).forEach((user, i) => {
      const where = `${source} users[${i}]`;
      const same = (u: ScenarioUser) =>
        (user.id !== undefined && u.id === user.id) || (user.guid !== undefined && u.guid === user.guid);
      const twice = (scenario.users ?? []).slice(0, i).findIndex(same);
      if (twice !== -1) {
        problems.push(`${where}: user ${user.id ?? user.guid} is already defined at users[${twice}] of this file`);
        return;
      }
      world.users = [...world.users.filter((e) => !(earlier.includes(e) && same(e.user))), { user, where }];
    });
  }
  return { world, problems };
}

export function matches(rule: CompiledRule, m: MemberFacts): boolean {
  const r = rule.match;
  return (
    (r.institution === undefined || r.institution === m.institution_code) &&
    (r.username === undefined || r.username === m.username) &&
    (r.password === undefined || r.password === m.password) &&
    (r.member_id === undefined || r.member_id === m.member_id) &&
    (r.user_id === undefined || r.user_id === m.user_id)
  );
}

/** The first rule that matches and says something about `what`. */
export function ruleFor(world: ScenarioWorld, m: MemberFacts, what: 'jobs' | 'oauth' | 'data') {
  return world.rules.find((r) => r[what] !== undefined && matches(r, m));
}

/** The scripted outcome of a member's job number `n` (0-based); the last scripted job repeats. */
export function scriptedOutcome(world: ScenarioWorld, m: MemberFacts, n: number): Outcome | undefined {
  const jobs = ruleFor(world, m, 'jobs')?.jobs;
  if (!jobs) return undefined;
  return jobs[Math.min(n, jobs.length - 1)];
}
