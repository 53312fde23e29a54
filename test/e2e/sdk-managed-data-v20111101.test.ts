// MX's official Node SDK (mx-platform-node@2.1.0, API v20111101) on managed data: the managed institution
// list and partner-managed members, against the running simulator (test/helpers/sdk.ts). Every exchange,
// as the server saw it, is checked against MX's v20111101 document and ours.
import { ManagedDataApi, MembersApi, UsersApi } from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { V1_MEDIA_TYPE } from '../../src/mx/versions.js';
import { status, useSdkServer } from '../helpers/sdk.js';

const sdk = useSdkServer('sdk-managed-client', 'sdk-managed-key', (server) => {
  expect(server.exchanges.filter((e) => e.version === 'v20111101').length).toBeGreaterThan(5);
});

describe("MX's Node SDK (v20111101) on managed data", () => {
  it('lists managed institutions, creates, lists, reads, updates and deletes a managed member', async () => {
    const managed = new ManagedDataApi(sdk.configuration);
    const institutions = await managed.listManagedInstitutions(1, 100);
    expect(institutions.headers['content-type']).toContain(V1_MEDIA_TYPE);
    expect(institutions.data.institutions?.length).toBe(100);
    const user = await new UsersApi(sdk.configuration).createUser({ user: { id: 'sdk-managed-user' } });
    const userGuid = user.data.user?.guid as string;

    const created = await managed.createManagedMember(userGuid, {
      member: { institution_code: 'mxbank', id: 'sdk-pm', name: 'Partner bank', metadata: 'm' },
    });
    expect(created.status).toBe(202);
    const member = created.data.member;
    expect(member).toMatchObject({ id: 'sdk-pm', name: 'Partner bank', is_managed_by_user: false });
    const memberGuid = member?.guid as string;
    expect((await managed.listManagedMembers(userGuid)).data.members?.map((m) => m.guid)).toEqual([memberGuid]);
    expect((await new MembersApi(sdk.configuration).listMembers(userGuid)).data.members?.map((m) => m.guid)).toEqual([
      memberGuid,
    ]);
    expect((await managed.readManagedMember(memberGuid, userGuid)).data.member?.name).toBe('Partner bank');
    const updated = await managed.updateManagedMember(memberGuid, userGuid, { member: { name: 'Renamed' } });
    expect(updated.data.member).toMatchObject({ name: 'Renamed', metadata: 'm' });
    expect((await managed.deleteManagedMember(memberGuid, V1_MEDIA_TYPE, userGuid)).status).toBe(204);
    expect(await status(managed.readManagedMember(memberGuid, userGuid))).toBe(404);
  });
});
