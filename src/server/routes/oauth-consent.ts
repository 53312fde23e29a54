// The simulator's stand-in for an institution's OAuth page: approve or deny, by click or by a plain
// GET with `?action=approve|deny` for automation. Served without MX auth, as a browser opens it.
import type { Context, Env } from 'hono';
import { html } from 'hono/html';
import { answerConsent, consentFor } from '../domain/oauth.js';
import type { OAuthSessions } from '../store/oauth.js';
import type { Tenants } from '../store/tenant.js';

interface ConsentDeps {
  oauth: OAuthSessions;
  tenants: Tenants;
}

const page = (title: string, body: unknown) => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}
a.button{display:inline-block;padding:.6rem 1.2rem;margin-right:.6rem;border-radius:.4rem;text-decoration:none;color:#fff}
.approve{background:#1a7f37}.deny{background:#cf222e}</style></head>
<body>${body}</body></html>`;

/** Where the page is served (GET, and so HEAD), outside any API version. */
export const OAUTH_CONSENT_PATH = '/oauth/authorize/:token';

export function oauthConsentPage(
  deps: ConsentDeps,
): (c: Context<Env, typeof OAUTH_CONSENT_PATH>) => Response | Promise<Response> {
  return (c) => {
    const token = c.req.param('token');
    const action = c.req.query('action');
    const found = consentFor(deps.tenants, deps.oauth, token);
    if (!found) {
      return c.html(
        page(
          'OAuth link not valid',
          html`<h1>This OAuth link is not valid</h1>
          <p>It was already used, or its member was deleted. Request a new one with
          <code>GET /users/{user}/members/{member}/oauth_window_uri</code>.</p>`,
        ),
        404,
      );
    }
    const { tenant, member } = found;
    if (action !== 'approve' && action !== 'deny') {
      return c.html(
        page(
          `Connect to ${member.name}`,
          html`<h1>${member.name}</h1>
          <p>mx-sim is asking to connect to your accounts at <strong>${member.name}</strong> (member ${member.guid}).</p>
          <p><a class="button approve" href="?action=approve">Authorize</a>
          <a class="button deny" href="?action=deny">Deny</a></p>`,
        ),
      );
    }
    const answered = answerConsent(tenant, deps.oauth, token, member, action);
    if (answered.redirect) return c.redirect(answered.redirect, 302);
    return c.html(
      answered.action === 'approve'
        ? page('Authorized', html`<h1>Thank you</h1><p>You authorized ${member.name}. You can close this window.</p>`)
        : page(
            'Denied',
            html`<h1>Access denied</h1><p>You denied access to ${member.name}. You can close this window.</p>`,
          ),
    );
  };
}
