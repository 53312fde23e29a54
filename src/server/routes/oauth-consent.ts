// The simulator's stand-in for an institution's OAuth page: approve or deny, by click or by a plain
// GET with `?action=approve|deny` for automation. Served without MX auth, as a browser opens it.
import type { Context, Env } from 'hono';
import { html } from 'hono/html';
import { factsOf, settleMember, startMemberJob } from '../domain/settle.js';
import { oauthDenied } from '../engine/lifecycle.js';
import type { OAuthSessions } from '../store/oauth.js';
import type { Tenants } from '../store/tenant.js';
import { ruleFor } from '../store/world.js';
import { connectionStatusEvent } from '../webhooks/payloads.js';

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
    let action = c.req.query('action');
    const session = deps.oauth.peek(token);
    const tenant = session && deps.tenants.get(session.clientId);
    const member = session && tenant?.members.byGuid(session.memberGuid);
    if (!session || !tenant || !member?.oauth) {
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
    deps.oauth.take(token);
    const now = tenant.clock.now();
    settleMember(member, tenant, now);
    // A scenario can force how consent ends for this member (e.g. the institution refuses).
    const forced = tenant.world.rules.length
      ? ruleFor(tenant.world, factsOf(member, tenant), 'oauth')?.oauth
      : undefined;
    if (forced) action = forced;
    if (action === 'approve' && member.oauth.skip_aggregation) {
      member.state = { ...member.state, connection_status: 'CONNECTED', is_authenticated: true };
    } else if (action === 'approve') {
      // Like any job: a scenario's script for this member applies (an OAuth member otherwise connects).
      startMemberJob(member, tenant, 'aggregate', now);
    } else {
      member.state = oauthDenied(member.state);
      tenant.webhooks.record(connectionStatusEvent(member, 'DENIED', now));
    }
    member.oauth_window_uri = null;
    const redirect = member.oauth.client_redirect_url;
    if (redirect) {
      const url = new URL(redirect);
      url.searchParams.set('status', action === 'approve' ? 'success' : 'error');
      url.searchParams.set('member_guid', member.guid);
      if (action === 'deny') url.searchParams.set('error_reason', 'DENIED');
      return c.redirect(url.toString(), 302);
    }
    return c.html(
      action === 'approve'
        ? page('Authorized', html`<h1>Thank you</h1><p>You authorized ${member.name}. You can close this window.</p>`)
        : page(
            'Denied',
            html`<h1>Access denied</h1><p>You denied access to ${member.name}. You can close this window.</p>`,
          ),
    );
  };
}
