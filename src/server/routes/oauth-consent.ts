// The simulator's stand-in for an institution's OAuth page: Authorize and Deny are form POSTs; for
// automation, `?action=approve|deny` on a GET or POST does the same. Served without MX auth, as a
// browser opens it: the single-use, unguessable token in the URI is what guards it, as in MX's own flow.
// After the answer it is MX's OAuth completion page: it posts `oauthComplete/success|error` to the window
// that opened it and shows the outcome, or (a window requested with referral_source=APP) redirects to
// client_redirect_url. docs/lifecycle.md#oauth.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html, raw } from 'hono/html';
import { OAUTH_ERROR_MEANINGS } from '../../mx/oauth.js';
import { answerConsent, type ConsentResult, consentFor } from '../domain/oauth.js';
import type { RootEnv } from '../middleware/env.js';
import type { MemberRecord } from '../store/members.js';
import type { OAuthSessions } from '../store/oauth.js';
import type { Tenants } from '../store/tenant.js';

interface ConsentDeps {
  oauth: OAuthSessions;
  tenants: Tenants;
}

const page = (title: string, body: unknown) => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}
button{padding:.6rem 1.2rem;margin-right:.6rem;border:0;border-radius:.4rem;color:#fff;font:inherit;cursor:pointer}
.approve{background:#1a7f37}.deny{background:#cf222e}</style></head>
<body>${body}</body></html>`;

/** Where the page is served (GET, HEAD and POST), outside any API version. */
export const OAUTH_CONSENT_PATH = '/oauth/authorize/:token';

/** The id of the completion page's JSON block: the message its script posts, readable by tests too. */
export const COMPLETE_MESSAGE_ID = 'mx-oauth-complete';

/**
 * The completion page's only script: it posts the page's message to the window that opened it, when there
 * is one. MX's page cannot know the opener's origin, hence `*`; the message holds no secret (a member guid
 * and the outcome).
 */
export const COMPLETE_SCRIPT = `(function(){var o=window.opener;if(!o||o.closed)return;var m=JSON.parse(document.getElementById('${COMPLETE_MESSAGE_ID}').textContent);o.postMessage(m,'*');})();`;

/** Lets the browser run that one inline script and nothing else. */
const SCRIPT_HASH = `'sha256-${createHash('sha256').update(COMPLETE_SCRIPT).digest('base64')}'`;

/**
 * Every answer of the page: never cached or framed, and the token in its URL never sent on as a Referer.
 */
const PAGE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': `default-src 'none'; script-src ${SCRIPT_HASH}; style-src 'unsafe-inline'; frame-ancestors 'none'`,
};

/** JSON safe inside a `<script>` element: no `<` (so no `</script>`), and no line separators. */
export const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** MX's completion page, simulated: the outcome, and the message posted to the opener. */
function completionPage(member: MemberRecord, result: ConsentResult) {
  const { ending, message } = result;
  const body =
    ending.status === 'success'
      ? html`<h1>Thank you</h1><p>You authorized ${member.name}. You can close this window.</p>`
      : html`<h1>Not connected</h1><p>OAuth with ${member.name} ended with
          <code>${ending.error_reason}</code>: ${OAUTH_ERROR_MEANINGS[ending.error_reason]} You can close this window.</p>`;
  return page(
    ending.status === 'success' ? 'OAuth complete' : 'OAuth error',
    html`${body}
<script type="application/json" id="${COMPLETE_MESSAGE_ID}">${raw(scriptJson(message))}</script>
<script>${raw(COMPLETE_SCRIPT)}</script>`,
  );
}

/** The page's form sends a few bytes; anyone may POST here, so nothing larger is read. */
export const consentBodyLimit = bodyLimit({
  maxSize: 4 * 1024,
  onError: (c) =>
    c.html(
      page(
        'Too large',
        html`<h1>Too large</h1><p>Send only <code>action=approve</code> or <code>action=deny</code>.</p>`,
      ),
      413,
      { 'X-Request-Id': (c as Context<RootEnv>).get('requestId') },
    ),
});

const asAction = (v: unknown): 'approve' | 'deny' | undefined => (v === 'approve' || v === 'deny' ? v : undefined);

export function oauthConsentPage(
  deps: ConsentDeps,
): (c: Context<RootEnv, typeof OAUTH_CONSENT_PATH>) => Response | Promise<Response> {
  return async (c) => {
    for (const [k, v] of Object.entries(PAGE_HEADERS)) c.header(k, v);
    c.header('X-Request-Id', c.get('requestId'));
    const token = c.req.param('token');
    const method = c.req.method;
    let action = asAction(c.req.query('action'));
    if (method === 'POST') {
      // The page's own form sends `action` in the body; automation may put it in the query instead.
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      action = asAction(form.action) ?? action;
    }
    const found = consentFor(deps.tenants, deps.oauth, token);
    if (!found) {
      return c.html(
        page(
          'OAuth link not valid',
          html`<h1>This OAuth link is not valid</h1>
          <p>It was already used, a newer one was issued, or its member moved on or was deleted. Request a new
          one with <code>GET /users/{user}/members/{member}/oauth_window_uri</code>.</p>`,
        ),
        404,
      );
    }
    const { tenant, member } = found;
    // Only GET and POST answer; HEAD (and a GET without a valid action) just shows the page.
    if (!action || (method !== 'GET' && method !== 'POST')) {
      if (method === 'POST') {
        return c.html(
          page(
            'Choose an answer',
            html`<h1>No answer given</h1><p>Send <code>action=approve</code> or <code>action=deny</code>.</p>`,
          ),
          400,
        );
      }
      return c.html(
        page(
          `Connect to ${member.name}`,
          html`<h1>${member.name}</h1>
          <p>mx-sim is asking to connect to your accounts at <strong>${member.name}</strong> (member ${member.guid}).</p>
          <form method="post">
          <button class="approve" type="submit" name="action" value="approve">Authorize</button>
          <button class="deny" type="submit" name="action" value="deny">Deny</button>
          </form>`,
        ),
      );
    }
    const answered = answerConsent(tenant, deps.oauth, token, member, action);
    // 303: the browser follows a POST's answer with a GET.
    if (answered.redirect) return c.redirect(answered.redirect, method === 'POST' ? 303 : 302);
    return c.html(completionPage(member, answered));
  };
}

const LOOPBACK = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The simulator's public URL as given (`--public-url`, `publicUrl`): an http(s) URL, perhaps with a path
 * prefix, without userinfo, query or fragment. Returned without a trailing slash.
 */
export function parsePublicUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    throw new Error(
      'the public URL must be an http:// or https:// URL without user, query or fragment, e.g. https://mx-sim.example.com',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Where oauth_window_uri points: the configured public URL, else where main.ts listens, else the
 * request's own origin only when it names this machine (a loopback host), else `http://localhost`. A
 * request's Host header never sends a browser to another machine.
 */
export function publicBaseOf(configured: () => string | undefined): (requestUrl: string) => string {
  return (requestUrl) => {
    const base = configured();
    if (base) return base;
    const url = new URL(requestUrl);
    return LOOPBACK.test(url.hostname) ? url.origin : 'http://localhost';
  };
}
