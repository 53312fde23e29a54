// MX's official Node SDK (mx-platform-node@2, v20111101) driving microdeposits and ACH returns against the
// running simulator, as an integration does: create, poll read until DEPOSITED, verify with the amounts a
// tester reads from the admin API, poll until VERIFIED; submit and read an ACH return. Every exchange,
// as the server saw it, is checked against MX's v20111101 document and ours. Last, the test helper that
// gives the amounts (mx-sim/testing).
import { AccountsApi, AchReturnApi, Configuration, MicrodepositsApi, UsersApi } from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { startMxSim } from '../../src/testing/index.js';
import { connectedSdkUser, useSdkServer } from '../helpers/sdk.js';

const CLIENT_ID = 'sdk-md-client';
const API_KEY = 'sdk-md-key';

const sdk = useSdkServer(CLIENT_ID, API_KEY);

const admin = (path: string) =>
  sdk.server.get(path, { auth: `${CLIENT_ID}:${API_KEY}` }).then((r) => r.body as Record<string, any>);

describe("MX's Node SDK: microdeposits and ACH returns", () => {
  it('creates a microdeposit, polls it to DEPOSITED, verifies the amounts and polls to VERIFIED', async () => {
    const users = new UsersApi(sdk.configuration);
    const md = new MicrodepositsApi(sdk.configuration);
    const user = (await users.createUser({ user: { id: 'sdk-md-user' } })).data.user?.guid as string;
    const created = await md.createMicrodeposit(user, {
      micro_deposit: { account_number: '3331261', account_type: 'CHECKING', routing_number: '091000019' },
    });
    // The SDK types micro_deposit as a list; MX (and the simulator) answer the one microdeposit.
    const one = created.data.micro_deposit as unknown as { guid: string; status: string };
    expect(one.status).toBe('INITIATED');
    const poll = async (until: string) => {
      for (let i = 0; i < 10; i++) {
        const read = (await md.readUserMicrodeposit(one.guid, user)).data.micro_deposit as unknown as {
          status: string;
        };
        if (read.status === until) return read;
        sdk.server.clock.advance(60_000);
      }
      throw new Error(`microdeposit ${one.guid} never reached ${until}`);
    };
    await poll('DEPOSITED');
    const amounts = (await admin('/_mx-sim/micro_deposits')).micro_deposits[0];
    const verified = await md.verifyMicrodeposit(one.guid, {
      micro_deposit: { deposit_amount_1: amounts.deposit_amount_1, deposit_amount_2: amounts.deposit_amount_2 },
    });
    expect(verified.status).toBe(200);
    expect(await poll('VERIFIED')).toMatchObject({ verified_at: expect.any(String) });
    const list = (await md.listUserMicrodeposits(user)).data;
    expect(list.micro_deposits?.map((m) => m.status)).toEqual(['VERIFIED']);
    const verifications = (await md.listUserVerifications(user)).data.micro_deposit;
    expect(verifications?.map((m) => m.guid)).toEqual([one.guid]);
    expect((await md.deleteMicrodeposit(one.guid, user)).status).toBe(204);
  });

  it('submits an ACH return for an account and reads it back, and lists it by return code', async () => {
    const ach = new AchReturnApi(sdk.configuration);
    const { user, member } = await connectedSdkUser(sdk, 'sdk-ach-user');
    const accounts = (await new AccountsApi(sdk.configuration).listMemberAccounts(user, member)).data.accounts ?? [];
    const account = accounts[0]?.guid as string;
    const created = await ach.createACHReturn({
      ach_return: {
        id: 'sdk-return-1',
        user_guid: user,
        member_guid: member,
        account_guid: account,
        return_code: 'R02',
      },
    });
    const guid = created.data.ach_return?.guid as string;
    expect(created.data.ach_return).toMatchObject({ return_status: 'SUBMITTED', account_guid: account });
    expect((await ach.readACHRetrun(guid)).data.ach_return?.id).toBe('sdk-return-1');
    const listed = await ach.listACHRetruns(undefined, undefined, undefined, 'R02');
    expect(listed.data.ach_returns?.map((r) => r.guid)).toEqual([guid]);
  });
});

describe('the test helpers (mx-sim/testing)', () => {
  it('microdepositAmounts gives what verify takes, and the attempts left', async () => {
    const mx = await startMxSim({ fast: true });
    try {
      // mx.headers carries the Basic credentials and the version headers.
      const config = new Configuration({ basePath: mx.url, baseOptions: { headers: mx.headers('v20111101') } });
      const md = new MicrodepositsApi(config);
      const user = (await new UsersApi(config).createUser({ user: { id: 'helper-user' } })).data.user?.guid as string;
      const created = (
        await md.createMicrodeposit(user, {
          micro_deposit: { account_number: '3331262', account_type: 'SAVINGS', routing_number: '091000019' },
        })
      ).data.micro_deposit as unknown as { guid: string };
      await mx.advanceClock(2);
      const amounts = await mx.microdepositAmounts(created.guid);
      expect(amounts.attempts_left).toBe(3);
      await md.verifyMicrodeposit(created.guid, {
        micro_deposit: {
          deposit_amount_1: amounts.deposit_amount_1 as number,
          deposit_amount_2: amounts.deposit_amount_2 as number,
        },
      });
      await mx.advanceClock(1);
      const read = (await md.readUserMicrodeposit(created.guid, user)).data.micro_deposit as unknown as {
        status: string;
      };
      expect(read.status).toBe('VERIFIED');
      await expect(mx.microdepositAmounts('MIC-unknown')).rejects.toThrow('no microdeposit MIC-unknown');
    } finally {
      await mx.close();
    }
  });
});
