// A member's jobs and connection steps: the refresh jobs (aggregate, check_balance, identify, verify,
// fetch_statements, extend_history, fetch_rewards), challenges and their answers, the OAuth window URI.
// The rules are in domain/jobs.ts and domain/oauth.ts.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { answerChallenges, requestJob } from '../domain/jobs.js';
import { memberAt } from '../domain/lookup.js';
import { oauthWindow } from '../domain/oauth.js';
import type { JobGather, JobType } from '../engine/lifecycle.js';
import { productForJob } from '../generators/apply-job.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import { booleanQuery, errorResponses, jsonBody } from '../schemas/common.js';
import { callbackHeaders } from '../schemas/params.js';
import type { RouteDeps, VersionApi, VersionEnv } from './context.js';

function routesFor(v: VersionLayer) {
  const s = v.schemas;
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'members', r);
  const memberParams = versionParams(v, 'user_identifier', 'member_identifier');
  return {
    challenges: route({
      method: 'get',
      path: '/users/{user_identifier}/members/{member_identifier}/challenges',
      operationId: 'listMemberChallenges',
      summary: 'List member challenges',
      description: '204 No Content when the member is not CHALLENGED.',
      request: { params: memberParams, query: pageQuery1000 },
      responses: {
        200: versionJson(v, s.ChallengesBody),
        204: { description: 'No Content' },
        ...errorResponses(404),
      },
    }),
    resume: route({
      method: 'put',
      path: '/users/{user_identifier}/members/{member_identifier}/resume',
      operationId: 'resumeAggregation',
      summary: 'Resume aggregation',
      description: '405 (`not_challenged`) when the member is not CHALLENGED: there is nothing to answer.',
      request: { params: memberParams, body: jsonBody(s.MemberResumeBody) },
      responses: { 202: versionJson(v, s.MemberBody, 'Accepted'), ...errorResponses(400, 404, 405, 415) },
    }),
    oauthWindow: route({
      method: 'get',
      path: '/users/{user_identifier}/members/{member_identifier}/oauth_window_uri',
      operationId: 'requestOAuthWindowURI',
      summary: 'Request an OAuth window URI',
      description: 'A fresh single-use URI of the simulator consent page.',
      request: {
        params: memberParams,
        query: z.object({
          client_redirect_url: z
            .string()
            .optional()
            .openapi({ param: { name: 'client_redirect_url', in: 'query' } }),
          referral_source: z
            .string()
            .optional()
            .openapi({ param: { name: 'referral_source', in: 'query' } }),
          skip_aggregation: booleanQuery.openapi({
            param: { name: 'skip_aggregation', in: 'query' },
            type: 'boolean',
          }),
          enable_app2app: booleanQuery.openapi({ param: { name: 'enable_app2app', in: 'query' }, type: 'boolean' }),
          ui_message_webview_url_scheme: z
            .string()
            .optional()
            .openapi({ param: { name: 'ui_message_webview_url_scheme', in: 'query' } }),
        }),
      },
      responses: { 200: versionJson(v, s.OAuthWindowBody), ...errorResponses(400, 404) },
    }),
  };
}

/** The refresh jobs: MX answers 202, except verify and fetch_rewards (200 in MX's document). */
export const JOB_ENDPOINTS = [
  { type: 'aggregate', path: 'aggregate', operationId: 'aggregateMember', summary: 'Aggregate member', status: 202 },
  {
    type: 'check_balance',
    path: 'check_balance',
    operationId: 'checkBalances',
    summary: 'Check balances',
    status: 202,
  },
  { type: 'identify', path: 'identify', operationId: 'identifyMember', summary: 'Identify member', status: 202 },
  { type: 'verify', path: 'verify', operationId: 'verifyMember', summary: 'Verify member', status: 200 },
  {
    type: 'fetch_statements',
    path: 'fetch_statements',
    operationId: 'fetchStatements',
    summary: 'Fetch statements',
    status: 202,
  },
  {
    type: 'extend_history',
    path: 'extend_history',
    operationId: 'extendHistory',
    summary: 'Extend history',
    status: 202,
  },
  { type: 'fetch_rewards', path: 'fetch_rewards', operationId: 'fetchRewards', summary: 'Fetch rewards', status: 200 },
] as const satisfies ReadonlyArray<{
  type: JobType;
  path: string;
  operationId: string;
  summary: string;
  status: 200 | 202;
}>;

const JOB_GATHERS: Record<JobType, string> = {
  aggregate: 'accounts, balances and new transactions',
  check_balance: 'balances only (no new transactions)',
  identify: 'account owners (GET …/account_owners)',
  verify: 'account and routing numbers (GET …/account_numbers)',
  fetch_statements: 'monthly statements and their PDFs (GET …/statements)',
  extend_history: 'up to 24 months of transactions',
  fetch_rewards: 'rewards (GET …/rewards), accounts and transactions',
};

type JobEndpoint = (typeof JOB_ENDPOINTS)[number];

export function jobRoute(v: VersionLayer, j: JobEndpoint) {
  const product = productForJob(j.type);
  const body = versionJson(v, v.schemas.MemberBody, j.status === 202 ? 'Accepted' : 'OK');
  const query = j.type === 'aggregate' ? v.aggregateQuery : {};
  return versionRoute(v, 'members', {
    method: 'post',
    path: `/users/{user_identifier}/members/{member_identifier}/${j.path}`,
    operationId: j.operationId,
    summary: j.summary,
    description: `Starts a ${j.type} job that gathers ${JOB_GATHERS[j.type]}. ${j.status} with the member; the same call while a ${j.type} job runs starts nothing new; 409 while a job of another type runs${j.type === 'aggregate' ? '; within 3 hours of the last aggregation (except mxbank and simbank) no new job starts' : ''}${product ? `; 403 when ${product} is not enabled for the client; 400 when the institution does not support it` : ''}; 405 (\`needs_updated_credentials\`) while the member needs updated credentials.`,
    request: {
      params: versionParams(v, 'user_identifier', 'member_identifier'),
      headers: callbackHeaders,
      ...(Object.keys(query).length ? { query: z.object(query) } : {}),
    },
    // The status is 200 or 202 by endpoint; typed as 200 so one handler serves every job route.
    responses: {
      [j.status]: body,
      ...(product ? errorResponses(400, 403, 404, 405, 409) : errorResponses(400, 404, 405, 409)),
    } as { 200: typeof body } & ReturnType<typeof errorResponses>,
  });
}

/** v20111101's aggregate takes include_transactions / include_holdings (`false` leaves that data as it was). */
function gatherOf(c: Context<VersionEnv>, v: VersionLayer): JobGather | undefined {
  if (!('include_transactions' in v.aggregateQuery)) return undefined;
  const off = (name: string) => c.req.query(name)?.toLowerCase() === 'false';
  if (!off('include_transactions') && !off('include_holdings')) return undefined;
  return { transactions: !off('include_transactions'), holdings: !off('include_holdings') };
}

export function registerMemberJobRoutes(api: VersionApi, deps: RouteDeps, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;
  api.openapi(routes.challenges, (c) => {
    const { member } = memberAt(c.env.tenant, c.req.valid('param'));
    if (member.state.connection_status !== 'CHALLENGED') return c.body(null, 204);
    const { items, pagination } = paginate(member.state.challenges, c.req.valid('query'), 1000);
    return c.json({ challenges: items.map(present.challenge), pagination }, 200);
  });

  api.openapi(routes.resume, (c) => {
    const tenant = c.env.tenant;
    const { user, member } = memberAt(tenant, c.req.valid('param'));
    answerChallenges(tenant, member, c.req.valid('json').member.challenges);
    return c.json({ member: present.member(member, user) }, 202);
  });

  for (const j of JOB_ENDPOINTS) {
    api.openapi(jobRoute(v, j), (c) => {
      const tenant = c.env.tenant;
      const { user, member } = memberAt(tenant, c.req.param());
      requestJob(tenant, member, j.type, j.type === 'aggregate' ? gatherOf(c, v) : undefined, {
        callback_payload: c.req.header('x-callback-payload'),
      });
      return c.json({ member: present.member(member, user) }, j.status as 200);
    });
  }

  api.openapi(routes.oauthWindow, (c) => {
    const tenant = c.env.tenant;
    const { member } = memberAt(tenant, c.req.valid('param'));
    const uri = oauthWindow(tenant, deps.oauth, deps.publicBase(c.req.url), member, c.req.valid('query'));
    return c.json({ member: { guid: member.guid, oauth_window_uri: uri } }, 200);
  });
}
