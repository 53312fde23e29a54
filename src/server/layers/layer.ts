// A version layer: everything that differs between MX API versions (route paths and path parameter
// names, which operations exist, request and response schemas, presenters, media types, version-only
// query filters). Route modules define each operation once and take a layer; handlers never branch on
// the version.
import { createRoute, type z } from '@hono/zod-openapi';
import type { Product } from '../../mx/products.js';
import type { ApiVersion } from '../../mx/versions.js';
import type * as v25 from '../presenters/v20250224.js';
import { pathParams } from '../schemas/params.js';
import type {
  MemberCreateBodySchema,
  MemberResumeBodySchema,
  MemberUpdateBodySchema,
} from '../schemas/v20250224/members.js';
import type { UserCreateBodySchema, UserUpdateBodySchema } from '../schemas/v20250224/users.js';

/** Record → wire body. Each version's presenter has these functions (v20111101 reuses most of v20250224's). */
export interface Presenter {
  institution(...a: Parameters<typeof v25.institution>): object;
  credential(...a: Parameters<typeof v25.credential>): object;
  user(...a: Parameters<typeof v25.user>): object;
  member(...a: Parameters<typeof v25.member>): object;
  memberStatus(...a: Parameters<typeof v25.memberStatus>): object;
  challenge(...a: Parameters<typeof v25.challenge>): object;
  account(...a: Parameters<typeof v25.account>): object;
  transaction(...a: Parameters<typeof v25.transaction>): object;
  accountOwner(...a: Parameters<typeof v25.accountOwner>): object;
  accountNumber(...a: Parameters<typeof v25.accountNumber>): object;
  statement(...a: Parameters<typeof v25.statement>): object;
  holding(...a: Parameters<typeof v25.holding>): object;
  reward(...a: Parameters<typeof v25.reward>): object;
}

/** A request body schema whose output handlers can read as the v20250224 form (a version may omit fields). */
type RequestSchema<S extends z.ZodType> = z.ZodType<z.output<S>>;

/** The version's wire schemas, registered under MX's component names in its own OpenAPI document. */
export interface VersionSchemas {
  UserCreateBody: RequestSchema<typeof UserCreateBodySchema>;
  UserUpdateBody: RequestSchema<typeof UserUpdateBodySchema>;
  MemberCreateBody: RequestSchema<typeof MemberCreateBodySchema>;
  MemberUpdateBody: RequestSchema<typeof MemberUpdateBodySchema>;
  MemberResumeBody: RequestSchema<typeof MemberResumeBodySchema>;
  InstitutionBody: z.ZodType;
  InstitutionsBody: z.ZodType;
  CredentialsBody: z.ZodType;
  UserBody: z.ZodType;
  UsersBody: z.ZodType;
  MemberBody: z.ZodType;
  /** Create member's 201 body (a `data_request` product failed); only a version with `data_request` has it. */
  MemberCreatedBody?: z.ZodType;
  MembersBody: z.ZodType;
  MemberStatusBody: z.ZodType;
  ChallengesBody: z.ZodType;
  OAuthWindowBody: z.ZodType;
  AccountBody: z.ZodType;
  AccountsBody: z.ZodType;
  AccountOwnersBody: z.ZodType;
  AccountNumbersBody: z.ZodType;
  TransactionBody: z.ZodType;
  TransactionsBody: z.ZodType;
  StatementBody: z.ZodType;
  StatementsBody: z.ZodType;
  HoldingBody: z.ZodType;
  HoldingsBody: z.ZodType;
  RewardBody: z.ZodType;
  RewardsBody: z.ZodType;
}

/** How a version filters institutions by product: the query fields, and the products they ask for. */
export interface ProductFilter {
  /** How the filter reads, for the operation's description. */
  description: string;
  query: Record<string, z.ZodType>;
  products(query: Record<string, unknown>): Product[] | undefined;
}

export interface VersionLayer {
  version: ApiVersion;
  /** The media type of JSON success responses (MX's v20111101 document declares its vendor type). */
  mediaType: string;
  /** The header that selects the version, registered once per document as `components.parameters.Version`. */
  versionHeader: {
    name: string;
    in: 'header';
    required: boolean;
    description: string;
    schema: { type: 'string'; example: string };
  };
  /** The version's name for a path parameter named as in v20250224 (v20111101 takes `*_guid`). */
  param(name: string): string;
  /** Operations this version does not have (the version app leaves them out of its route table). */
  omits: ReadonlySet<string>;
  present: Presenter;
  schemas: VersionSchemas;
  institutionProducts: ProductFilter;
  /** Query fields only this version's transaction lists take (v20111101's category filters). */
  transactionQuery: Record<string, z.ZodType>;
  /** Query fields only this version's transactions-by-member list takes (v20250224's from/to_timestamp). */
  memberTransactionQuery: Record<string, z.ZodType>;
  /** Query fields only this version's aggregate takes (v20111101's include_holdings, include_transactions). */
  aggregateQuery: Record<string, z.ZodType>;
  /**
   * Whether create and update member honour `member.skip_aggregation` (no job starts). MX's migration
   * guide says v20250224 no longer uses it: there it is accepted and ignored.
   */
  honoursSkipAggregation: boolean;
}

export const versionParameters = [{ $ref: '#/components/parameters/Version' }];

type RouteConfig = Parameters<typeof createRoute>[0];

/** A route written in v20250224 form (paths, parameter names), in this version's form. */
export function versionRoute<const R extends RouteConfig>(layer: VersionLayer, tag: string, r: R): R {
  const path = r.path.replace(/\{(\w+)\}/g, (_, name: string) => `{${layer.param(name)}}`);
  return createRoute({ ...r, path, parameters: versionParameters, tags: [tag] }) as R;
}

/** Documented path parameters, named as in v20250224, in this version's names. */
export function versionParams(layer: VersionLayer, ...names: string[]) {
  return pathParams(...names.map((n) => layer.param(n)));
}

/** A JSON success response entry, in the version's media type. */
export function versionJson<T>(layer: VersionLayer, schema: T, description = 'OK') {
  return { description, content: { [layer.mediaType]: { schema } } };
}
