// MX's official Node SDK (mx-platform-node@2.1.0, API v20111101) on categories, tags and taggings, against
// the running simulator, configured as in sdk-v20111101.test.ts. Every exchange, as the server saw it,
// is checked against MX's v20111101 document and ours.
import {
  CategoriesApi,
  Configuration,
  MembersApi,
  TaggingsApi,
  TagsApi,
  TransactionsApi,
  UsersApi,
} from 'mx-platform-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { expectConformant } from '../helpers/contract.js';
import { status } from '../helpers/sdk.js';
import { startServer, type TestServer } from '../helpers/server.js';

const CLIENT_ID = 'sdk-cat-client';
const API_KEY = 'sdk-cat-key';
const V1 = 'application/vnd.mx.api.v1+json';
const SHOPPING = 'CAT-aad51b46-d6f7-3da5-fd6e-492328b3023f';

let server: TestServer;
let configuration: Configuration;

beforeAll(async () => {
  server = await startServer({
    clients: [{ client_id: CLIENT_ID, api_key: API_KEY }],
    recordServerSide: true,
    socket: true,
  });
  configuration = new Configuration({
    basePath: server.url,
    username: CLIENT_ID,
    password: API_KEY,
    baseOptions: { headers: { Accept: V1, 'Accept-Version': 'v20111101' } },
  });
});

afterAll(async () => {
  await server.close();
  expect(server.exchanges.filter((e) => e.version === 'v20111101').length).toBeGreaterThan(15);
  await expectConformant(server.exchanges);
});

describe("MX's Node SDK (v20111101) on categories, tags and taggings", () => {
  let userGuid: string;
  let transactionGuids: string[];

  it('reads the default tree and the category of a transaction', async () => {
    const categories = new CategoriesApi(configuration);
    const user = await new UsersApi(configuration).createUser({ user: { id: 'sdk-cat-user' } });
    userGuid = user.data.user?.guid as string;
    const members = new MembersApi(configuration);
    const created = await members.createMember(userGuid, {
      member: {
        institution_code: 'mxbank',
        credentials: [
          { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
          { guid: MXBANK_PASSWORD_GUID, value: 'password' },
        ],
      },
    });
    const memberGuid = created.data.member?.guid as string;
    for (let i = 0; i < 60; i++) {
      const s = (await members.readMemberStatus(memberGuid, userGuid)).data.member;
      if (!s?.is_being_aggregated) break;
      server.clock.advance(1_000);
    }
    const txns = (await new TransactionsApi(configuration).listTransactions(userGuid, 1, 25)).data.transactions ?? [];
    expect(txns.length).toBeGreaterThan(3);
    transactionGuids = txns.map((t) => t.guid as string);

    const defaults = await categories.listDefaultCategories(1, 100);
    expect(defaults.headers['content-type']).toContain(V1);
    expect(defaults.data.categories?.find((c) => c.guid === SHOPPING)).toMatchObject({
      name: 'Shopping',
      is_default: true,
      parent_guid: null,
    });
    const first = txns[0] as (typeof txns)[number];
    const read = (await categories.readCategory(first.category_guid as string, userGuid)).data.category;
    expect(read?.name).toBe(first.category);
    const byUser = await categories.listDefaultCategoriesByUser(userGuid, 1, 1000);
    expect(byUser.data.pagination?.total_entries).toBe(defaults.data.pagination?.total_entries);
    expect((await categories.readDefaultCategory(SHOPPING)).data.category?.name).toBe('Shopping');
  });

  it('creates, updates, lists and deletes a custom category', async () => {
    const categories = new CategoriesApi(configuration);
    const created = (
      await categories.createCategory(userGuid, { category: { name: 'Online Shopping', parent_guid: SHOPPING } })
    ).data.category;
    expect(created).toMatchObject({ name: 'Online Shopping', parent_guid: SHOPPING, is_default: false });
    const guid = created?.guid as string;
    const updated = await categories.updateCategory(guid, userGuid, { category: { name: 'Web shopping' } });
    expect(updated.data.category?.name).toBe('Web shopping');
    const all = (await categories.listCategories(userGuid, 1, 1000)).data.categories ?? [];
    expect(all.filter((c) => !c.is_default).map((c) => c.guid)).toEqual([guid]);
    expect((await categories.deleteCategory(guid, userGuid)).status).toBe(204);
    expect(await status(categories.readCategory(guid, userGuid))).toBe(404);
  });

  it('tags transactions and lists them by tag; deleting the tag removes its taggings', async () => {
    const tags = new TagsApi(configuration);
    const taggings = new TaggingsApi(configuration);
    expect((await tags.listTags(userGuid)).data.tags?.map((t) => t.name)).toEqual(['Business']);
    const tag = (await tags.createTag(userGuid, { tag: { name: 'MY TAG' } })).data.tag;
    const tagGuid = tag?.guid as string;
    expect((await tags.readTag(tagGuid, userGuid)).data.tag).toEqual(tag);
    expect((await tags.updateTag(tagGuid, userGuid, { tag: { name: 'Renamed' } })).data.tag?.name).toBe('Renamed');
    const made = [];
    for (const transaction_guid of [transactionGuids[2], transactionGuids[0]] as string[]) {
      made.push(
        (await taggings.createTagging(userGuid, { tagging: { tag_guid: tagGuid, transaction_guid } })).data.tagging,
      );
    }
    expect((await taggings.listTaggings(userGuid)).data.taggings).toEqual(made);
    const tagging = made[0]?.guid as string;
    expect((await taggings.readTagging(tagging, userGuid)).data.tagging).toEqual(made[0]);
    const byTag = await new TransactionsApi(configuration).listTransactionsByTag(userGuid, tagGuid);
    expect(byTag.data.transactions?.map((t) => t.guid)).toEqual([transactionGuids[0], transactionGuids[2]]);
    const business = (await tags.listTags(userGuid)).data.tags?.[0]?.guid as string;
    const moved = await taggings.updateTagging(tagging, userGuid, { tagging: { tag_guid: business } });
    expect(moved.data.tagging?.tag_guid).toBe(business);
    expect((await taggings.deleteTagging(tagging, userGuid)).status).toBe(204);
    expect((await tags.deleteTag(tagGuid, V1, userGuid)).status).toBe(204);
    expect((await taggings.listTaggings(userGuid)).data.taggings).toEqual([]);
    expect(await status(tags.readTag(tagGuid, userGuid))).toBe(404);
  });
});
