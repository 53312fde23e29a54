// GET /_mx-sim/ui: the inspector, a page that shows one client's simulated world and steers it (docs/inspector.md).
// Server-rendered: the page's views are HTML fragments htmx fetches every second (a change shows within
// one); its buttons call the same admin and MX API a script would (ui/inspector.js), so the page has no
// powers of its own. Behind the admin API's Basic auth, whose 401 carries WWW-Authenticate: a browser
// prompts once and answers the API's challenges with the same client_id:api_key.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { builtinScenarioNames, resolveScenarioPath } from '../../../scenarios/load.js';
import { isoTime } from '../../clock.js';
import { settleTenant } from '../../domain/settle.js';
import { overlayOf } from '../../domain/transaction-edits.js';
import { transactionPage } from '../../domain/transactions.js';
import { JOB_TYPES } from '../../engine/lifecycle.js';
import { transactionFacts } from '../../generators/transaction-facts.js';
import type { JournalEntry } from '../../store/journal.js';
import type { MemberRecord } from '../../store/members.js';
import type { Tenant } from '../../store/tenant.js';
import type { UserRecord } from '../../store/users.js';
import type { WebhookEntry } from '../../store/webhook-log.js';
import { ADMIN_PREFIX, type AdminApi, type AdminDeps, type AdminEnv, stackOf } from './common.js';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const here = (file: string) => new URL(`./ui/${file}`, import.meta.url);
const require = createRequire(import.meta.url);
/** Static files, read once when first asked for: htmx from its package, the page's own CSS and script. */
const ASSETS: Record<string, { type: string; path: () => string | URL }> = {
  'htmx.js': { type: 'text/javascript', path: () => require.resolve('htmx.org/dist/htmx.min.js') },
  'inspector.js': { type: 'text/javascript', path: () => here('inspector.js') },
  'inspector.css': { type: 'text/css', path: () => here('inspector.css') },
};
const assetTexts = new Map<string, string>();

/** Statuses by what they ask of a person: fine, working, look, act. */
const STATUS_KIND: Record<string, string> = {
  CONNECTED: 'ok',
  CREATED: 'busy',
  UPDATED: 'busy',
  RESUMED: 'busy',
  RECONNECTED: 'busy',
  PENDING: 'busy',
  DELAYED: 'warn',
  DEGRADED: 'warn',
  CHALLENGED: 'warn',
  IMPAIRED: 'warn',
  EXPIRED: 'warn',
};
const CLOCK_STEPS: Array<[string, number]> = [
  ['+3 s', 3_000],
  ['+1 min', 60_000],
  ['+3 h', 3 * 3_600_000],
  ['+24 h', 24 * 3_600_000],
];

const copyable = (text: string) =>
  html`<button type="button" class="copy" data-action="copy" data-copy="${text}" title="Copy">${text}</button>`;
const statusBadge = (status: string | null) =>
  html`<span class="status ${STATUS_KIND[status ?? ''] ?? 'bad'}">${status ?? 'none'}</span>`;
const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function page(clientId: string): Html {
  const views = (name: string, label: string, filter = false) =>
    html`<section id="${name}" aria-labelledby="${name}-h">
  <h2 id="${name}-h">${label}</h2>
  ${
    filter
      ? html`<div class="row"><label for="${name}-q">Filter</label>
  <input id="${name}-q" name="q" type="search" placeholder="e.g. POST, /members, 4" autocomplete="off"></div>`
      : ''
  }
  <div hx-get="/_mx-sim/ui/view/${name}" hx-trigger="load, every 1s, mx-changed from:body${
    filter ? `, input changed delay:200ms from:#${name}-q` : ''
  }"${filter ? html` hx-include="#${name}-q"` : ''}>Loading…</div>
</section>`;
  const builtins = builtinScenarioNames();
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mx-sim inspector: ${clientId}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/_mx-sim/ui/assets/inspector.css">
<script src="/_mx-sim/ui/assets/htmx.js"></script>
<script src="/_mx-sim/ui/assets/inspector.js" defer></script>
</head>
<body>
<header>
  <h1>mx-sim inspector</h1>
  <span>client <code>${clientId}</code></span>
  <span id="clock-view" hx-get="/_mx-sim/ui/view/clock" hx-trigger="load, every 1s, mx-changed from:body">…</span>
</header>
<main>
<div>
  ${views('world', 'World')}
</div>
<div>
  <section aria-labelledby="controls-h">
    <h2 id="controls-h">Clock and scenario</h2>
    <div class="row" role="group" aria-label="Advance the clock">
      ${CLOCK_STEPS.map(([label, ms]) => html`<button type="button" data-action="clock" data-ms="${ms}">${label}</button>`)}
    </div>
    <div class="row">
      <label for="clock-to">Move to</label>
      <input id="clock-to" placeholder="2026-02-01T00:00:00Z" size="22">
      <button type="button" data-action="clockTo">Move</button>
    </div>
    <div class="row">
      <label for="builtin">Built-in scenario</label>
      <select id="builtin">${builtins.map((n) => html`<option>${n}</option>`)}</select>
      <button type="button" data-action="loadBuiltin">Load</button>
      <button type="button" data-action="reset">Reset world</button>
      <a href="/_mx-sim/export?format=yaml" download="mx-sim-world.yaml">Export snapshot</a>
    </div>
    <details>
      <summary>Paste a scenario</summary>
      <label for="scenario-text">Scenario (YAML or JSON)</label>
      <textarea id="scenario-text" spellcheck="false"></textarea>
      <button type="button" data-action="loadPasted">Load pasted scenario</button>
    </details>
    <h3>Last answer</h3>
    <pre id="result" role="status"></pre>
  </section>
  ${views('journal', 'Requests', true)}
  ${views('webhooks', 'Webhooks')}
</div>
</main>
</body>
</html>`;
}

function clockView(deps: AdminDeps, clientId: string, tenant: Tenant): Html {
  const scenarios = stackOf(deps, clientId).map((s) => s.scenario.name ?? s.source);
  return html`simulated time <time id="now" datetime="${isoTime(tenant.clock.now())}">${isoTime(tenant.clock.now())}</time>
  <span class="muted">scenarios: ${scenarios.length ? scenarios.join(', ') : 'none (the built-in MX Bank world)'}</span>`;
}

function memberView(tenant: Tenant, user: UserRecord, m: MemberRecord, hooks: readonly TimelineItem[]): Html {
  const s = m.state;
  const path = `/users/${m.user_guid}/members/${m.guid}`;
  const accounts = m.data?.accounts ?? [];
  const job = s.job;
  // As the API presents them: with the user's own descriptions (transaction updates and rules).
  const overlay = overlayOf(tenant, user);
  const recent = accounts.length
    ? transactionPage(accounts, { records_per_page: 10 }, tenant.clock.now()).rows.map((r) => {
        const facts = transactionFacts(r.account, r.k);
        const description = overlay
          ? overlay.apply({ guid: facts.guid, description: facts.description }).description
          : null;
        return { account: r.account, facts, description: description ?? facts.description };
      })
    : [];
  const count = (xs: readonly unknown[] | null | undefined) => (xs ? xs.length : 0);
  return html`<div class="member" data-member="${m.guid}">
  <div class="row"><strong>${m.name}</strong> ${copyable(m.guid)} ${m.id ? html`<span class="muted">id ${m.id}</span>` : ''}
    ${statusBadge(s.connection_status)} ${s.is_being_aggregated ? html`<span class="muted">aggregating</span>` : ''}</div>
  <div class="muted">${
    job
      ? html`job ${job.type} (${job.background ? 'background, ' : ''}${job.phase}), next step at ${isoTime(job.due_at)}`
      : 'no job running'
  }${m.next_background_at !== null ? html`; background aggregation due ${isoTime(m.next_background_at)}` : ''}</div>
  ${
    s.connection_status === 'CHALLENGED' && s.challenges.length
      ? html`<form class="challenge" aria-label="Answer the challenge">
    ${s.challenges.map(
      (ch) => html`<label>${ch.label}
      ${
        ch.options.length
          ? html`<select data-challenge="${ch.guid}">${ch.options.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</select>`
          : html`<input data-challenge="${ch.guid}" autocomplete="off">`
      }</label>`,
    )}
    <button type="button" data-action="answer" data-member="${path}">Answer challenge</button>
  </form>`
      : ''
  }
  ${
    m.oauth_window_uri
      ? html`<div class="row">OAuth consent waiting:
    <button type="button" data-action="oauth" data-consent="approve" data-uri="${m.oauth_window_uri}">Approve</button>
    <button type="button" data-action="oauth" data-consent="deny" data-uri="${m.oauth_window_uri}">Deny</button></div>`
      : ''
  }
  ${timelineView(tenant, m, hooks)}
  <div class="row" role="group" aria-label="Start a job">${JOB_TYPES.map(
    (j) => html`<button type="button" data-action="job" data-job="${j}" data-member="${path}">${j}</button>`,
  )}</div>
  ${
    accounts.length
      ? html`<table><caption class="muted">accounts</caption>
    <thead><tr><th scope="col">name</th><th scope="col">type</th><th scope="col">balance</th><th scope="col">guid</th></tr></thead>
    <tbody>${accounts.map(
      (a) =>
        html`<tr><td>${a.name}</td><td>${a.type}</td><td>${money(a.balance)} ${a.currency_code}</td><td>${copyable(a.guid)}</td></tr>`,
    )}</tbody></table>
  <p class="muted">owners ${count(m.data?.owners)}, account numbers ${count(m.data?.numbers)}, statements ${count(
    m.data?.statements,
  )}, holdings ${accounts.reduce((n, a) => n + a.holdings.length, 0)}, rewards ${count(m.data?.rewards)}</p>
  ${
    recent.length
      ? html`<details data-key="txns-${m.guid}"><summary>Recent transactions</summary><table><tbody>${recent.map(
          ({ account, facts, description }) =>
            html`<tr><td>${isoTime(facts.at).slice(0, 10)}</td><td>${description}</td><td>${money(
              facts.type === 'DEBIT' ? -facts.amount : facts.amount,
            )}</td><td class="muted">${account.name}${facts.pending ? ' (pending)' : ''}</td></tr>`,
        )}</tbody></table></details>`
      : ''
  }`
      : ''
  }
</div>`;
}

type TimelineItem = { at: number; kind: string; text: string };

/** Each member's webhooks as timeline items, in one pass over the log. */
function webhooksByMember(tenant: Tenant): Map<string, TimelineItem[]> {
  const by = new Map<string, TimelineItem[]>();
  for (const w of tenant.webhooks.entries()) {
    const p = w.payload as { member_guid?: unknown; member?: { guid?: unknown }; job?: { member_guid?: unknown } };
    const guid = p.member_guid ?? p.member?.guid ?? p.job?.member_guid;
    if (typeof guid !== 'string') continue;
    let items = by.get(guid);
    if (!items) {
      items = [];
      by.set(guid, items);
    }
    items.push({ at: w.due_at, kind: 'webhook', text: `webhook ${w.type} (${w.delivery.state})` });
  }
  return by;
}

/** The member's timeline (statuses, jobs, challenges) with the webhooks it caused, oldest first. */
function timelineView(tenant: Tenant, m: MemberRecord, hooks: readonly TimelineItem[]): Html {
  const entries = [...tenant.timelines.of(m.guid), ...hooks].sort((a, b) => a.at - b.at);
  if (!entries.length) return html``;
  return html`<details class="timeline" data-key="timeline-${m.guid}"><summary>Timeline (${entries.length})</summary><ol>
  ${entries.map((e) => html`<li><time>${isoTime(e.at)}</time> <span class="kind-${e.kind}">${e.text}</span></li>`)}
  </ol></details>`;
}

/** What one view shows at most, so a world of 100,000 users costs a page of them every second. */
const SHOWN_USERS = 50;
const SHOWN_MEMBERS = 25;

function worldView(tenant: Tenant): Html {
  const total = tenant.users.size;
  if (!total) return html`<p class="muted">No users yet: create one with <code>POST /users</code>.</p>`;
  // The newest users first: the ones a test or a person is working with.
  const users = tenant.users.slice({}, Math.max(0, total - SHOWN_USERS), SHOWN_USERS).items.reverse();
  const hooks = webhooksByMember(tenant);
  return html`${total > SHOWN_USERS ? html`<p class="muted">The newest ${SHOWN_USERS} of ${total} users.</p>` : ''}
${users.map((u) => {
  const members = tenant.members.forUser(u.guid);
  return html`<article aria-label="user ${u.id ?? u.guid}">
  <h3>User ${copyable(u.guid)} ${u.id ? html`<span class="muted">id ${u.id}</span>` : ''}</h3>
  <button type="button" data-action="widget" data-user="${u.guid}">Open Connect widget</button>
  ${members.slice(0, SHOWN_MEMBERS).map((m) => memberView(tenant, u, m, hooks.get(m.guid) ?? []))}
  ${members.length > SHOWN_MEMBERS ? html`<p class="muted">and ${members.length - SHOWN_MEMBERS} more members.</p>` : ''}
</article>`;
})}`;
}

function journalView(entries: JournalEntry[]): Html {
  if (!entries.length) return html`<p class="muted">No MX API requests yet.</p>`;
  return html`<table><colgroup><col class="n"><col><col class="n"><col class="n"></colgroup><thead><tr><th scope="col">#</th><th scope="col">request</th><th scope="col">status</th><th scope="col">ms</th></tr></thead><tbody>
${entries.map(
  (
    e,
  ) => html`<tr><td>${e.seq}</td><td><details data-key="journal-${e.seq}"><summary><code>${e.method} ${e.path}</code></summary>
  <div class="muted">${e.at} · ${e.version ?? 'no version'} · ${e.request_id}${
    e.contract_violations === null ? '' : ` · contract: ${e.contract_violations} problem(s)`
  }</div>
  ${e.request_body ? html`<pre>${e.request_body}</pre>` : ''}${e.response_body ? html`<pre>${e.response_body}</pre>` : ''}
  </details></td><td>${e.status}</td><td>${e.duration_ms}</td></tr>`,
)}</tbody></table>`;
}

function webhooksView(entries: WebhookEntry[]): Html {
  if (!entries.length) return html`<p class="muted">No webhooks yet.</p>`;
  return html`<table><tbody>${entries
    .slice(-50)
    .reverse()
    .map(
      (
        w,
      ) => html`<tr><td><details data-key="webhook-${w.guid}"><summary><code>${w.type}</code> ${isoTime(w.due_at)} · ${w.delivery.state}</summary>
  <button type="button" data-action="resend" data-guid="${w.guid}">Re-send</button> <span class="muted">${w.guid}</span>
  <pre>${JSON.stringify(w.payload, null, 2)}</pre>
  ${(w.attempt_log ?? []).map((a) => html`<div class="muted">attempt at ${isoTime(a.at)}: ${a.status ?? 'no answer'} ${a.error ?? ''}</div>`)}
  </details></td></tr>`,
    )}</tbody></table>`;
}

async function send(c: Context<AdminEnv>, body: Html) {
  return c.html(await body, 200, { 'x-request-id': c.env.requestId, 'cache-control': 'no-store' });
}

/** Registered after the admin API's auth: every view is of the calling client's world. */
export function registerUiRoutes(api: AdminApi, deps: AdminDeps): void {
  const now = () => Date.now();
  api.get(`${ADMIN_PREFIX}/ui`, (c) => send(c, page(c.var.clientId)));
  api.get(`${ADMIN_PREFIX}/ui/assets/:file`, (c) => {
    const file = c.req.param('file');
    const asset = ASSETS[file];
    if (!asset) return c.text('no such file', 404);
    let text = assetTexts.get(file);
    if (text === undefined) {
      text = readFileSync(asset.path(), 'utf8');
      assetTexts.set(file, text);
    }
    return c.body(text, 200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'no-cache' });
  });
  api.get(`${ADMIN_PREFIX}/ui/builtins/:name`, (c) => {
    const name = c.req.param('name');
    if (!builtinScenarioNames().includes(name)) return c.text(`no built-in scenario ${name}`, 404);
    return c.body(readFileSync(resolveScenarioPath(name), 'utf8'), 200, { 'content-type': 'application/yaml' });
  });
  api.get(`${ADMIN_PREFIX}/ui/view/:view`, (c) => {
    const clientId = c.var.clientId;
    const tenant = deps.tenants.get(clientId);
    settleTenant(tenant, tenant.clock.now());
    deps.journals.inspect(clientId, now());
    switch (c.req.param('view')) {
      case 'clock':
        return send(c, clockView(deps, clientId, tenant));
      case 'world':
        return send(c, worldView(tenant));
      case 'journal': {
        const q = (c.req.query('q') ?? '').trim().toLowerCase();
        const entries = deps.journals
          .of(clientId)
          .entries()
          .filter((e) => !q || `${e.method} ${e.path} ${e.status}`.toLowerCase().includes(q));
        return send(c, journalView(entries.slice(0, 50)));
      }
      case 'webhooks':
        return send(c, webhooksView(tenant.webhooks.entries()));
      default:
        return c.text('no such view', 404);
    }
  });
}
