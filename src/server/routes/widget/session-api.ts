// The widget page's own API (/md/session/…): what its script asks for, authorised by the session its single-use
// URL opened (the X-Widget-Session header), never by a client's API key. Every call applies the client's due
// lifecycle steps first and goes through the domain, so the widget's members are the API's members.
// A header, not a cookie: another site's page can neither send it nor read an answer (no CORS here), and the
// request chain refuses its cross-site writes before this runs (middleware/cross-site.ts).
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { statusMessage } from '../../../mx/statuses.js';
import { answerChallenges } from '../../domain/jobs.js';
import { deleteMember, institutionOf } from '../../domain/members.js';
import { settleTenant } from '../../domain/settle.js';
import {
  searchInstitutions,
  sessionMember,
  sessionUser,
  widgetCreateMember,
  widgetOAuthWindow,
  widgetUpdateCredentials,
} from '../../domain/widget-connect.js';
import {
  microdepositView,
  sessionMicrodeposit,
  widgetStartMicrodeposit,
  widgetSubmitDetails,
  widgetVerifyAmounts,
} from '../../domain/widget-microdeposits.js';
import { errors, MxError } from '../../errors.js';
import type { InstitutionRecord } from '../../generators/institution.js';
import type { RootEnv } from '../../middleware/env.js';
import { challenge } from '../../presenters/v20250224.js';
import type { MemberRecord } from '../../store/members.js';
import type { OAuthSessions } from '../../store/oauth.js';
import type { Tenant, Tenants } from '../../store/tenant.js';
import type { WidgetSession, WidgetSessions } from '../../store/widget-sessions.js';
import { CONNECTION_STATUS_IDS } from '../../webhooks/payloads.js';

export interface WidgetDeps {
  widgets: WidgetSessions;
  oauth: OAuthSessions;
  tenants: Tenants;
  publicBase: (requestUrl: string) => string;
}

/** The header the page's script sends its session secret in. */
export const SESSION_HEADER = 'X-Widget-Session';

/** An institution as the widget shows it: no credentials unless asked. */
export function institutionView(inst: InstitutionRecord, withCredentials = false) {
  return {
    code: inst.code,
    guid: inst.guid,
    name: inst.name,
    url: inst.url ?? '',
    supports_oauth: inst.supports_oauth,
    instructional_text: inst.instructional_text,
    forgot_password_url: inst.forgot_password_url,
    ...(withCredentials
      ? {
          credentials: [...inst.credentials]
            .sort((a, b) => a.display_order - b.display_order)
            .map((c) => ({ guid: c.guid, field_name: c.field_name, label: c.label, type: c.type })),
        }
      : {}),
  };
}

/** A member as the widget follows it: status (and MX's number for it), challenges, OAuth window. */
export function memberView(m: MemberRecord) {
  const s = m.state;
  return {
    guid: m.guid,
    name: m.name,
    institution_code: m.institution_code,
    institution_guid: m.institution_guid,
    is_oauth: m.is_oauth,
    connection_status: s.connection_status,
    connection_status_id: s.connection_status === null ? null : CONNECTION_STATUS_IDS[s.connection_status],
    connection_status_message: s.connection_status ? statusMessage(s.connection_status, m.name) : null,
    is_being_aggregated: s.is_being_aggregated,
    needs_updated_credentials: s.needs_updated_credentials,
    oauth_window_uri: m.oauth_window_uri,
    challenges: s.connection_status === 'CHALLENGED' ? s.challenges.map(challenge) : [],
  };
}

const Credentials = z.array(z.object({ guid: z.string().min(1), value: z.string() })).max(20);
const CreateBody = z.object({ institution_code: z.string().min(1), credentials: Credentials.optional() });
const CredentialsBody = z.object({ credentials: Credentials });
const ResumeBody = z.object({ challenges: z.array(z.object({ guid: z.string().min(1), value: z.string() })).max(20) });
const DetailsBody = z.object({
  routing_number: z.string(),
  account_number: z.string(),
  account_type: z.string(),
  account_name: z.string().max(255).optional(),
});
const PersonBody = z.object({
  email: z.string().min(3).max(255),
  first_name: z.string().min(1).max(255),
  last_name: z.string().min(1).max(255),
});
const AmountsBody = z.object({ deposit_amount_1: z.number(), deposit_amount_2: z.number() });

async function body<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) throw errors.validation(z.prettifyError(parsed.error).replace(/\n/g, ' '));
  return parsed.data;
}

type SessionEnv = RootEnv & { Variables: { session: WidgetSession; world: Tenant } };

export function widgetSessionApi(deps: WidgetDeps): Hono<SessionEnv> {
  const api = new Hono<SessionEnv>();
  const now = (clientId: string) => deps.tenants.get(clientId).clock.now();
  api.use(async (c, next) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Request-Id', c.get('requestId'));
    const secret = c.req.header(SESSION_HEADER);
    const session = secret ? deps.widgets.find(secret, now) : undefined;
    if (!session) {
      throw new MxError(
        401,
        `this widget session is not valid (missing ${SESSION_HEADER}, or it ended): request a new widget URL with POST /users/{user_guid}/widget_urls`,
        'widget_session',
      );
    }
    const tenant = deps.tenants.get(session.clientId);
    settleTenant(tenant, tenant.clock.now());
    sessionUser(tenant, session);
    c.set('session', session);
    c.set('world', tenant);
    await next();
  });
  const window = (c: Context) => ({ sessions: deps.oauth, base: deps.publicBase(c.req.url) });

  api.get('/institutions', (c) => {
    const found = searchInstitutions(c.get('world'), c.get('session').config, c.req.query('search') ?? '');
    return c.json({ institutions: found.map((i) => institutionView(i)) });
  });
  api.get('/institutions/:code', (c) => {
    return c.json({ institution: institutionView(institutionOf(c.get('world'), c.req.param('code')), true) });
  });
  api.post('/members', async (c) => {
    const req = await body(c, CreateBody);
    const { member } = widgetCreateMember(c.get('world'), c.get('session'), window(c), req);
    return c.json({ member: memberView(member) }, 201);
  });
  api.get('/members/:guid', (c) => {
    return c.json({ member: memberView(sessionMember(c.get('world'), c.get('session'), c.req.param('guid'))) });
  });
  api.put('/members/:guid/credentials', async (c) => {
    const { credentials } = await body(c, CredentialsBody);
    const tenant = c.get('world');
    const member = sessionMember(tenant, c.get('session'), c.req.param('guid'));
    widgetUpdateCredentials(tenant, c.get('session'), member, credentials);
    return c.json({ member: memberView(member) });
  });
  api.put('/members/:guid/resume', async (c) => {
    const { challenges } = await body(c, ResumeBody);
    const tenant = c.get('world');
    const member = sessionMember(tenant, c.get('session'), c.req.param('guid'));
    answerChallenges(tenant, member, challenges);
    return c.json({ member: memberView(member) });
  });
  api.post('/members/:guid/oauth_window', (c) => {
    const tenant = c.get('world');
    const member = sessionMember(tenant, c.get('session'), c.req.param('guid'));
    widgetOAuthWindow(tenant, c.get('session'), window(c), member);
    return c.json({ member: memberView(member) });
  });
  // The microdeposit flow (current_microdeposit_guid): only the session's microdeposit is reachable.
  api.post('/microdeposits', async (c) => {
    const person = await body(c, PersonBody);
    const md = widgetStartMicrodeposit(c.get('world'), c.get('session'), person);
    return c.json({ micro_deposit: microdepositView(md) }, 201);
  });
  api.get('/microdeposits/:guid', (c) => {
    const md = sessionMicrodeposit(c.get('world'), c.get('session'), c.req.param('guid'));
    return c.json({ micro_deposit: microdepositView(md) });
  });
  api.put('/microdeposits/:guid', async (c) => {
    const account = await body(c, DetailsBody);
    const tenant = c.get('world');
    const md = sessionMicrodeposit(tenant, c.get('session'), c.req.param('guid'));
    const blocked = widgetSubmitDetails(tenant, md, account);
    return c.json({ micro_deposit: microdepositView(md), blocked_routing_number: blocked });
  });
  api.put('/microdeposits/:guid/verify', async (c) => {
    const amounts = await body(c, AmountsBody);
    const tenant = c.get('world');
    const md = sessionMicrodeposit(tenant, c.get('session'), c.req.param('guid'));
    widgetVerifyAmounts(tenant, md, amounts);
    return c.json({ micro_deposit: microdepositView(md) });
  });
  api.delete('/members/:guid', (c) => {
    const tenant = c.get('world');
    deleteMember(tenant, sessionMember(tenant, c.get('session'), c.req.param('guid')));
    return c.body(null, 204);
  });
  return api;
}
