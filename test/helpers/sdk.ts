// MX's Node SDK (mx-platform-node@2, v20111101) pointed at a simulator listening on a free port, configured
// as MX's README says (base path, client id and API key, headers through baseOptions) plus the
// Accept-Version header MX requires since 2026-08-12 (the SDK does not send it by itself). The server
// records every exchange as it sees it; after the file's tests, all of them are checked against MX's
// v20111101 document and ours.
import { Configuration, MembersApi, UsersApi } from 'mx-platform-node';
import { afterAll, beforeAll } from 'vitest';
import { V1_MEDIA_TYPE } from '../../src/mx/versions.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { expectConformant } from './contract.js';
import { startServer, type TestServer } from './server.js';

export interface SdkServer {
  server: TestServer;
  configuration: Configuration;
}

/** One simulator for a test file, started before its tests; `check` runs on it after them. */
export function useSdkServer(clientId: string, apiKey: string, check?: (server: TestServer) => void): SdkServer {
  const sdk = {} as SdkServer;
  beforeAll(async () => {
    sdk.server = await startServer({
      clients: [{ client_id: clientId, api_key: apiKey }],
      recordServerSide: true,
      socket: true,
    });
    // MX's README: "Configure with your Client ID/API Key" and "baseOptions: { headers: { Accept: … } }".
    sdk.configuration = new Configuration({
      basePath: sdk.server.url,
      username: clientId,
      password: apiKey,
      baseOptions: { headers: { Accept: V1_MEDIA_TYPE, 'Accept-Version': 'v20111101' } },
    });
  });
  afterAll(async () => {
    await sdk.server.close();
    check?.(sdk.server);
    await expectConformant(sdk.server.exchanges);
  });
  return sdk;
}

/**
 * A new user (with this `id`) and an MX Bank member connected through the SDK, the job run to its end on
 * the server's clock. Answers the user's and member's guids.
 */
export async function connectedSdkUser(sdk: SdkServer, id: string): Promise<{ user: string; member: string }> {
  const created = await new UsersApi(sdk.configuration).createUser({ user: { id } });
  const user = created.data.user?.guid as string;
  const members = new MembersApi(sdk.configuration);
  const member = (
    await members.createMember(user, {
      member: {
        institution_code: 'mxbank',
        credentials: [
          { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
          { guid: MXBANK_PASSWORD_GUID, value: 'password' },
        ],
      },
    })
  ).data.member?.guid as string;
  for (let i = 0; i < 60; i++) {
    const s = (await members.readMemberStatus(member, user)).data.member;
    if (!s?.is_being_aggregated) break;
    sdk.server.clock.advance(1_000);
  }
  return { user, member };
}

/** The HTTP status an SDK call ends with: 200 when it succeeds, else the error response's. */
export async function status(call: Promise<unknown>) {
  const err = (await call.then(
    () => ({ response: { status: 200 } }),
    (e: unknown) => e,
  )) as { response?: { status: number } };
  return err.response?.status;
}
