// The simulated Connect widget page (GET /md/connect/<token>): what a widget URL opens. Opening it uses the URL
// up and starts the session its script then works in (routes/widget/session-api.ts). Server-rendered: the
// screens are here, the script (ui/connect.js) moves between them, talks to the session API, and posts MX's
// events to the window that embeds or opened it (or navigates to `<scheme>://connect/<event>` in a WebView).
// Framable by any site, as MX's widget is; its own script and styles only. docs/connect-widget.md.
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { sessionUser } from '../../domain/widget-connect.js';
import { microdepositView } from '../../domain/widget-microdeposits.js';
import type { RootEnv } from '../../middleware/env.js';
import type { Tenant } from '../../store/tenant.js';
import type { WidgetSession } from '../../store/widget-sessions.js';
import { scriptJson } from '../oauth-consent.js';
import { institutionView, memberView, SESSION_HEADER, type WidgetDeps, widgetSessionApi } from './session-api.js';

/** The element whose JSON the script starts from: the session, its options and the first screen's data. */
export const WIDGET_STATE_ID = 'mx-widget-state';

const PAGE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors *",
};

const here = (file: string) => new URL(`./ui/${file}`, import.meta.url);
const ASSETS: Record<string, string> = { 'connect.js': 'text/javascript', 'connect.css': 'text/css' };
const assetTexts = new Map<string, string>();

const shell = (title: string, lang: string, scheme: string, body: unknown) => html`<!doctype html>
<html lang="${lang}" data-color-scheme="${scheme}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="../assets/connect.css"></head>
<body>${body}</body></html>`;

/** What the script needs to start: never a credential, the session secret only for its own requests. */
function startState(tenant: Tenant, session: WidgetSession, secret: string) {
  const { config } = session;
  const member = config.current_member_guid
    ? tenant.members.find(session.userGuid, config.current_member_guid)
    : undefined;
  const inst = config.current_institution_code
    ? tenant.institutions.byCode(config.current_institution_code)
    : undefined;
  const md = config.current_microdeposit_guid ? tenant.microdeposits.find(config.current_microdeposit_guid) : undefined;
  return {
    secret,
    header: SESSION_HEADER,
    user_guid: session.userGuid,
    session_guid: session.sessionGuid,
    options: {
      mode: config.mode,
      disable_institution_search: config.disable_institution_search,
      update_credentials: config.update_credentials,
      ui_message_version: config.ui_message_version,
      is_mobile_webview: config.is_mobile_webview,
      ui_message_webview_url_scheme: config.ui_message_webview_url_scheme,
      oauth_referral_source: config.oauth_referral_source,
      locale: config.locale,
    },
    institution: inst ? institutionView(inst, true) : null,
    member: member ? memberView(member) : null,
    microdeposit: md && md.user_guid === session.userGuid ? microdepositView(md) : null,
  };
}

const screens = html`<main id="widget" aria-live="polite">
<header><button type="button" id="back" hidden>Back</button><h1 id="title">Connect your account</h1></header>
<section data-step="search" hidden>
  <label for="search">Search for your institution</label>
  <input id="search" type="search" autocomplete="off" placeholder="e.g. MX Bank">
  <ul id="results" class="list"></ul>
</section>
<section data-step="enterCreds" hidden>
  <p id="inst-name" class="inst"></p><p id="inst-text" class="hint"></p>
  <form id="credentials" autocomplete="off"><div id="fields"></div>
  <button type="submit">Continue</button></form>
</section>
<section data-step="oauth" hidden>
  <p>You will log in at <strong id="oauth-name"></strong> in a new window.</p>
  <button type="button" id="oauth-go">Go to log in</button>
  <p id="oauth-wait" class="hint" hidden>Waiting for you to finish at your institution…</p>
</section>
<section data-step="connecting" hidden><p class="spinner" id="connecting-text">Connecting…</p></section>
<section data-step="mfa" hidden>
  <p id="mfa-text">Answer the following to continue.</p>
  <form id="mfa" autocomplete="off"><div id="challenges"></div><button type="submit">Continue</button></form>
</section>
<section data-step="connected" hidden>
  <p class="ok">✓ <span id="connected-text">Connected</span></p>
  <button type="button" id="done">Done</button>
</section>
<section data-step="microdeposits" hidden>
  <div data-md="person" hidden>
    <p>Verify your account with two small deposits instead. First, who owns the account?</p>
    <form id="md-person" autocomplete="off">
      <label>First name <input name="first_name" maxlength="255" required></label>
      <label>Last name <input name="last_name" maxlength="255" required></label>
      <label>Email <input name="email" type="email" maxlength="255" required></label>
      <p id="md-person-error" class="bad" role="alert" hidden></p>
      <button type="submit">Continue</button>
    </form>
  </div>
  <div data-md="details">
    <p>Enter the account's details. Two small deposits will be sent to it; you then enter their amounts here.</p>
    <form id="md-details" autocomplete="off">
      <label>Routing number <input name="routing_number" inputmode="numeric" maxlength="9" required></label>
      <label>Account number <input name="account_number" maxlength="17" required></label>
      <label>Account type <select name="account_type"><option value="CHECKING">Checking</option><option value="SAVINGS">Savings</option></select></label>
      <label>Account name (optional) <input name="account_name" maxlength="255"></label>
      <p id="md-details-error" class="bad" role="alert" hidden></p>
      <button type="submit">Continue</button>
    </form>
  </div>
  <div data-md="pending" hidden>
    <p class="spinner" id="md-pending-title">Deposits on the way</p>
    <p id="md-pending-text" class="hint"></p>
  </div>
  <div data-md="verify" hidden>
    <p id="md-verify-text">Enter the two amounts deposited in your account.</p>
    <form id="md-verify" autocomplete="off">
      <label>First amount <input name="deposit_amount_1" inputmode="decimal" placeholder="0.00" required></label>
      <label>Second amount <input name="deposit_amount_2" inputmode="decimal" placeholder="0.00" required></label>
      <p id="md-verify-error" class="bad" role="alert" hidden></p>
      <button type="submit">Verify</button>
    </form>
  </div>
  <div data-md="verified" hidden>
    <p class="ok">✓ <span id="md-verified-text">Account verified</span></p>
    <button type="button" id="md-done">Done</button>
  </div>
  <div data-md="error" hidden><p class="bad" id="md-error-text"></p></div>
</section>
<section data-step="loginError" hidden>
  <p class="bad" id="error-text"></p>
  <button type="button" id="retry">Try again</button>
  <button type="button" id="remove" class="secondary" hidden>Remove this connection</button>
</section>
</main>`;

export function widgetPage(deps: WidgetDeps): Hono<RootEnv> {
  const app = new Hono<RootEnv>();
  app.route('/session', widgetSessionApi(deps));
  app.get('/assets/:file', (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) return c.notFound();
    let text = assetTexts.get(file);
    if (text === undefined) {
      text = readFileSync(here(file), 'utf8');
      assetTexts.set(file, text);
    }
    return c.body(text, 200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-cache' });
  });
  app.get('/connect/:token', (c) => {
    for (const [k, v] of Object.entries(PAGE_HEADERS)) c.header(k, v);
    c.header('X-Request-Id', c.get('requestId'));
    const now = (id: string) => deps.tenants.get(id).clock.now();
    // A HEAD (a link checker, a prefetch) must not use the single-use URL up.
    if (c.req.method === 'HEAD') {
      return c.body(null, deps.widgets.usable(c.req.param('token'), now) ? 200 : 404, {
        'Content-Type': 'text/html; charset=utf-8',
      });
    }
    const opened = deps.widgets.open(c.req.param('token'), now);
    const tenant = opened && deps.tenants.get(opened.session.clientId);
    const user = opened && tenant ? tenant.users.find(opened.session.userGuid) : undefined;
    if (!opened || !tenant || !user) {
      return c.html(
        shell(
          'Widget URL not valid',
          'en',
          'light',
          html`<main><h1>This widget URL is not valid</h1>
<p>A widget URL works once, for ten minutes. Request a new one with <code>POST /users/{user_guid}/widget_urls</code>
each time the page loads.</p></main>`,
        ),
        404,
      );
    }
    sessionUser(tenant, opened.session);
    const { config } = opened.session;
    if (config.widget_type !== 'connect_widget') {
      return c.html(
        shell(
          config.widget_type,
          config.locale,
          config.color_scheme,
          html`<main><h1>${config.widget_type}</h1><p>mx-sim simulates the Connect widget only; this is a stand-in for
${config.widget_type}.</p></main>`,
        ),
      );
    }
    const state = startState(tenant, opened.session, opened.secret);
    return c.html(
      shell(
        'Connect',
        config.locale,
        config.color_scheme,
        html`${screens}
<script type="application/json" id="${WIDGET_STATE_ID}">${raw(scriptJson(state))}</script>
<script src="../assets/connect.js"></script>`,
      ),
    );
  });
  return app;
}
