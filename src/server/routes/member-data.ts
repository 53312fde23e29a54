// What premium jobs gather, read per member: account owners, account numbers, statements (and their
// PDF) and rewards. Each list is empty until its job has succeeded once.
import type { Context } from 'hono';
import { memberOf, userOf } from '../domain/lookup.js';
import { requireProduct } from '../domain/products.js';
import { errors } from '../errors.js';
import type { InstitutionRecord } from '../generators/institution.js';
import type { StatementRecord } from '../generators/records.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import { errorResponses } from '../schemas/common.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import type { VersionApi, VersionEnv } from './context.js';

export const PDF_MEDIA_TYPE = 'application/vnd.mx.api.v1+pdf';

function routesFor(v: VersionLayer) {
  const s = v.schemas;
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'member data', r);
  const pathParams = (...names: string[]) => versionParams(v, ...names);
  const statementParams = pathParams('user_guid', 'member_guid', 'statement_guid');
  return {
    owners: route({
      method: 'get',
      path: '/users/{user_identifier}/members/{member_identifier}/account_owners',
      operationId: 'listAccountOwnersByMember',
      summary: 'List account owners',
      description: 'Empty until an identify job (or `identity_verification` in the data request) succeeds.',
      request: { params: pathParams('user_identifier', 'member_identifier'), query: pageQuery1000 },
      responses: { 200: versionJson(v, s.AccountOwnersBody), ...errorResponses(400, 403, 404) },
    }),
    numbers: route({
      method: 'get',
      path: '/users/{user_guid}/members/{member_guid}/account_numbers',
      operationId: 'listAccountNumbersByMember',
      summary: 'List account numbers by member',
      description: 'Checking and savings accounts, once a verify job succeeded. Routing numbers pass the ABA checksum.',
      request: { params: pathParams('user_guid', 'member_guid'), query: pageQuery1000 },
      responses: { 200: versionJson(v, s.AccountNumbersBody), ...errorResponses(400, 403, 404) },
    }),
    statements: route({
      method: 'get',
      path: '/users/{user_guid}/members/{member_guid}/statements',
      operationId: 'listStatementsByMember',
      summary: 'List statements by member',
      description: 'Six monthly statements per account, once a fetch_statements job succeeded.',
      request: { params: pathParams('user_guid', 'member_guid'), query: pageQuery1000 },
      responses: { 200: versionJson(v, s.StatementsBody), ...errorResponses(400, 403, 404) },
    }),
    statement: route({
      method: 'get',
      path: '/users/{user_guid}/members/{member_guid}/statements/{statement_guid}',
      operationId: 'readStatementByMember',
      summary: 'Read statement by member',
      request: { params: statementParams },
      responses: { 200: versionJson(v, s.StatementBody), ...errorResponses(403, 404) },
    }),
    pdf: route({
      method: 'get',
      path: '/users/{user_guid}/members/{member_guid}/statements/{statement_guid}.pdf',
      operationId: 'downloadStatementPDF',
      summary: 'Download statement PDF',
      request: { params: statementParams },
      responses: {
        200: {
          description: 'The statement as a PDF.',
          content: { [PDF_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
        },
        ...errorResponses(403, 404),
      },
    }),
    rewards: route({
      method: 'get',
      path: '/users/{user_guid}/members/{member_guid}/rewards',
      operationId: 'listRewards',
      summary: 'List rewards',
      description: 'Credit card rewards, once a fetch_rewards job succeeded.',
      request: { params: pathParams('user_guid', 'member_guid') },
      responses: { 200: versionJson(v, s.RewardsBody), ...errorResponses(403, 404) },
    }),
    reward: route({
      method: 'get',
      path: '/users/{user_guid}/members/{member_guid}/rewards/{reward_guid}',
      operationId: 'readRewards',
      summary: 'Read reward',
      request: { params: pathParams('user_guid', 'member_guid', 'reward_guid') },
      responses: { 200: versionJson(v, s.RewardBody), ...errorResponses(403, 404) },
    }),
  };
}

function load(c: Context<VersionEnv>, params: Record<string, string>) {
  const tenant = c.env.tenant;
  const user = userOf(tenant, params);
  return { tenant, user, member: memberOf(tenant, user, params) };
}

let statementPdf: Promise<typeof import('../generators/statement-pdf.js')> | undefined;

/**
 * The PDF writer (and pako) is loaded on the first statement PDF, not at start, and only once: an
 * `import()` per PDF resolves the specifier again every time (under tsx, a round trip to its loader
 * thread per PDF).
 */
function statementPdfModule() {
  statementPdf ??= import('../generators/statement-pdf.js');
  return statementPdf;
}

/** The statement's PDF, rendered once and kept with the statement. */
async function pdfOf(tenant: Tenant, member: MemberRecord, s: StatementRecord) {
  if (s.pdf) return s.pdf;
  const account = member.data?.accounts.find((a) => a.guid === s.account_guid);
  const institution = tenant.institutions.byCode(member.institution_code) as InstitutionRecord;
  const owner = member.data?.owners?.find((o) => o.account_guid === s.account_guid)?.owner_name ?? member.name;
  if (!account) throw errors.notFound('statement', s.guid);
  const { renderStatementPdf } = await statementPdfModule();
  s.pdf = await renderStatementPdf(s, account, institution, owner);
  return s.pdf;
}

function statementOf(member: MemberRecord, guid: string): StatementRecord {
  const s = member.data?.statements?.find((x) => x.guid === guid);
  if (!s) throw errors.notFound('statement', guid);
  return s;
}

export function registerMemberDataRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;
  api.openapi(routes.owners, (c) => {
    const { member } = load(c, c.req.valid('param'));
    requireProduct(c.env.tenant, 'identity_verification', 'reading account owners');
    const { items, pagination } = paginate(member.data?.owners ?? [], c.req.valid('query'), 1000);
    return c.json({ account_owners: items.map(present.accountOwner), pagination }, 200);
  });

  api.openapi(routes.numbers, (c) => {
    const { member } = load(c, c.req.valid('param'));
    requireProduct(c.env.tenant, 'account_verification', 'reading account numbers');
    const { items, pagination } = paginate(member.data?.numbers ?? [], c.req.valid('query'), 1000);
    return c.json({ account_numbers: items.map(present.accountNumber), pagination }, 200);
  });

  api.openapi(routes.statements, async (c) => {
    const { tenant, member } = load(c, c.req.valid('param'));
    requireProduct(c.env.tenant, 'statements', 'reading statements');
    const { items, pagination } = paginate(member.data?.statements ?? [], c.req.valid('query'), 1000);
    const statements = [];
    for (const s of items) statements.push(present.statement(s, (await pdfOf(tenant, member, s)).sha256));
    return c.json({ statements, pagination }, 200);
  });

  // The PDF path is matched first: `{statement_guid}` alone would also match `STA-….pdf`.
  api.openAPIRegistry.registerPath(routes.pdf);
  api.get('/users/:user_guid/members/:member_guid/statements/:statement_file{.+\\.pdf}', async (c) => {
    const params = {
      user_guid: c.req.param('user_guid'),
      member_guid: c.req.param('member_guid'),
      statement_guid: c.req.param('statement_file').slice(0, -4),
    };
    const { tenant, member } = load(c, params);
    requireProduct(c.env.tenant, 'statements', 'downloading a statement');
    const pdf = await pdfOf(tenant, member, statementOf(member, params.statement_guid));
    return c.body(pdf.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': PDF_MEDIA_TYPE,
      'content-disposition': `inline; filename="${params.statement_guid}.pdf"`,
    });
  });

  api.openapi(routes.statement, async (c) => {
    const { tenant, member } = load(c, c.req.valid('param'));
    requireProduct(c.env.tenant, 'statements', 'reading statements');
    const s = statementOf(member, c.req.valid('param').statement_guid as string);
    return c.json({ statement: present.statement(s, (await pdfOf(tenant, member, s)).sha256) }, 200);
  });

  api.openapi(routes.rewards, (c) => {
    const { member } = load(c, c.req.valid('param'));
    requireProduct(c.env.tenant, 'rewards', 'reading rewards');
    const { items, pagination } = paginate(member.data?.rewards ?? [], { records_per_page: 1000 }, 1000);
    return c.json({ rewards: items.map(present.reward), pagination }, 200);
  });

  api.openapi(routes.reward, (c) => {
    const { member } = load(c, c.req.valid('param'));
    requireProduct(c.env.tenant, 'rewards', 'reading rewards');
    const guid = c.req.valid('param').reward_guid as string;
    const r = member.data?.rewards?.find((x) => x.guid === guid);
    if (!r) throw errors.notFound('reward', guid);
    return c.json({ reward: present.reward(r) }, 200);
  });
}
