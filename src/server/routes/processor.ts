// Processor tokens: the client asks for an authorization code (and lists the tokens processors hold);
// the processor exchanges the code at POST /token and reads the one account with its Bearer token.
import { z } from '@hono/zod-openapi';
import { requestJob } from '../domain/jobs.js';
import {
  exchangeCode,
  isActive,
  issueCode,
  listTokens,
  PROCESSOR_READ_PATHS,
  parseScope,
  tokenAccount,
} from '../domain/processor.js';
import { errors } from '../errors.js';
import { type VersionLayer, versionJson, versionRoute } from '../layers/layer.js';
import { parseBasicAuth } from '../middleware/auth.js';
import { TOKEN_PATH } from '../middleware/processor-auth.js';
import { paginate } from '../pagination.js';
import * as present from '../presenters/processor.js';
import { errorResponses } from '../schemas/common.js';
import * as s from '../schemas/v20250224/processor.js';
import type { VersionApi } from './context.js';

const TAG = 'processor token';
const bearer = [{ bearerAuth: [] }];
const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const READ_ERRORS = 'An unknown, expired or revoked token: 401 (`invalid_token`, `token_expired`, `token_revoked`).';

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, TAG, r);
  const guidQuery = (name: string) =>
    z
      .string()
      .optional()
      .openapi({ param: { name, in: 'query', description: `Only tokens for this ${name}.` } });
  return {
    code: route({
      method: 'post',
      path: '/authorization_code',
      operationId: 'requestAuthorizationCode',
      summary: 'Request an authorization code',
      description:
        'A single-use code (10 minutes) for one account of a CONNECTED member whose verify job has gathered the ' +
        "account's numbers; pass it to the processor. 405 while the member or account is not verified.",
      request: {
        body: { required: true, content: { 'application/json': { schema: s.AuthorizationCodeRequestBodySchema } } },
      },
      responses: { 200: versionJson(v, s.AuthorizationCodeResponseBodySchema), ...errorResponses(400, 403, 404, 405) },
    }),
    deprecatedCode: route({
      method: 'post',
      path: '/payment_processor_authorization_code',
      operationId: 'deprecatedRequestPaymentProcessorAuthorizationCode',
      summary: '(Deprecated) Request an authorization code',
      deprecated: true,
      description: 'As POST /authorization_code, with the guids as fields.',
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: s.PaymentProcessorAuthorizationCodeRequestBodySchema } },
        },
      },
      responses: {
        200: versionJson(v, s.PaymentProcessorAuthorizationCodeResponseBodySchema),
        ...errorResponses(400, 403, 404, 405),
      },
    }),
    token: route({
      method: 'post',
      path: TOKEN_PATH,
      operationId: 'requestProcessorAccessToken',
      summary: 'Exchange an authorization code for an access token (Processors Only)',
      description:
        "Basic auth with the processor's own `processor_id:api_key`. The code is single use; the token lasts 60 " +
        "days (MX's processor guide). 400 `invalid_grant` for an unknown, used or expired code.",
      request: {
        query: z.object({
          grant_type: z
            .string()
            .optional()
            .openapi({ param: { name: 'grant_type', in: 'query' }, example: 'authorization_code' }),
          code: z
            .string()
            .optional()
            .openapi({ param: { name: 'code', in: 'query' } }),
        }),
      },
      responses: { 200: json(s.TokenExchangeBodySchema), ...errorResponses(400) },
    }),
    tokens: route({
      method: 'get',
      path: '/tokens',
      operationId: 'listTokens',
      summary: 'View a List of Tokens',
      description:
        "The client's access tokens, for a user, member or account (query fields, or MX's body `scope`). " +
        'Tokens show only their first five characters.',
      request: {
        query: z.object({
          user_guid: guidQuery('user_guid'),
          member_guid: guidQuery('member_guid'),
          account_guid: guidQuery('account_guid'),
        }),
      },
      responses: { 200: versionJson(v, s.TokenResponseBodySchema), ...errorResponses(400) },
    }),
    numbers: route({
      method: 'get',
      path: PROCESSOR_READ_PATHS.accountNumbers,
      operationId: 'requestAccountNumber',
      summary: 'Request an account number (Processors Only)',
      description: `The account and routing numbers of the token's account. ${READ_ERRORS}`,
      security: bearer,
      responses: { 200: json(s.ProcessorAccountNumberBodySchema), ...errorResponses(404) },
    }),
    checkBalance: route({
      method: 'post',
      path: PROCESSOR_READ_PATHS.checkBalance,
      operationId: 'checkRealTimeAccountBalance',
      summary: 'Check Real Time Account Balance (Processors Only)',
      description: `Starts a check_balance job on the token's member and answers the member; read GET /payment_account once it is done. ${READ_ERRORS}`,
      security: bearer,
      responses: { 200: json(v.schemas.MemberBody), ...errorResponses(404, 405, 409) },
    }),
    paymentAccount: route({
      method: 'get',
      path: PROCESSOR_READ_PATHS.paymentAccount,
      operationId: 'readAccountBalance',
      summary: 'Read the account balance (Processors Only)',
      description: `The token's account: name, type, numbers and balances. ${READ_ERRORS}`,
      security: bearer,
      responses: { 200: json(s.PaymentAccountBodySchema), ...errorResponses(404) },
    }),
    owners: route({
      method: 'get',
      path: PROCESSOR_READ_PATHS.owners,
      operationId: 'getAccountOwnerInfo',
      summary: 'Get account owner information (Processors Only)',
      description: `The owners of the token's account (empty until an identify job succeeded). ${READ_ERRORS}`,
      security: bearer,
      responses: { 200: json(s.ProcessorOwnerBodySchema), ...errorResponses(404) },
    }),
  };
}

export function registerProcessorRoutes(api: VersionApi, v: VersionLayer): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: "A processor's access token from POST /token.",
  });
  const routes = routesFor(v);

  api.openapi(routes.code, (c) => {
    const code = issueCode(c.env.tenant, parseScope(c.req.valid('json').authorization_code.scope));
    return c.json({ authorization_code: { code } }, 200);
  });

  api.openapi(routes.deprecatedCode, (c) => {
    const code = issueCode(c.env.tenant, c.req.valid('json').payment_processor_authorization_code);
    return c.json({ payment_processor_authorization_code: { authorization_code: code } }, 200);
  });

  api.openapi(routes.token, (c) => {
    const processorId = parseBasicAuth(c.req.header('authorization')).clientId;
    return c.json(exchangeCode(c.env.tenant, c.req.valid('query'), processorId), 200);
  });

  api.openapi(routes.tokens, async (c) => {
    const tenant = c.env.tenant;
    const scope = { ...(await bodyScope(c.req.raw)), ...definedOnly(c.req.valid('query')) };
    const now = tenant.clock.now();
    return c.json({ tokens: listTokens(tenant, scope).map((t) => present.token(t, isActive(t, now))) }, 200);
  });

  api.openapi(routes.numbers, (c) => {
    const { numbers } = tokenAccount(c.env.tenant, c.req.header('authorization'));
    return c.json(
      { account_numbers: numbers ? [present.processorAccountNumber(v.present.accountNumber(numbers))] : [] },
      200,
    );
  });

  api.openapi(routes.checkBalance, (c) => {
    const tenant = c.env.tenant;
    const { user, member } = tokenAccount(tenant, c.req.header('authorization'));
    requestJob(tenant, member, 'check_balance');
    return c.json({ member: v.present.member(member, user) }, 200);
  });

  api.openapi(routes.paymentAccount, (c) => {
    const { account, numbers } = tokenAccount(c.env.tenant, c.req.header('authorization'));
    return c.json({ payment_account: present.paymentAccount(account, numbers) }, 200);
  });

  api.openapi(routes.owners, (c) => {
    const { member, account } = tokenAccount(c.env.tenant, c.req.header('authorization'));
    const owners = (member.data?.owners ?? []).filter((o) => o.account_guid === account.guid);
    const { items, pagination } = paginate(owners, { records_per_page: 1000 }, 1000);
    return c.json({ account_owners: items.map(v.present.accountOwner), pagination }, 200);
  });
}

const definedOnly = (q: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(q).filter(([, value]) => value !== undefined)) as Record<string, string>;

/** MX documents GET /tokens with a JSON body (`{"scope": {user_guid, …}}`); most HTTP clients cannot send one. */
async function bodyScope(req: Request): Promise<Record<string, string>> {
  const text = req.body ? await req.text() : '';
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw errors.badRequest('Malformed JSON in request body: send a valid JSON document', 'invalid_json');
  }
  const parsed = s.TokenRequestBodySchema.safeParse(body);
  if (!parsed.success) throw errors.validation(`scope: ${z.prettifyError(parsed.error)}`);
  return definedOnly(parsed.data.scope ?? {});
}
