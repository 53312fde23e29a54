// The Connect widget's microdeposit flow in the domain, without HTTP: a widget URL's current_microdeposit_guid
// (404 unknown or another user's, 400 without verification mode), the details the user submits (a blocked
// routing number changes nothing; otherwise the pre-initiated microdeposit is completed), and the amounts.
import { describe, expect, it } from 'vitest';
import { createMicrodeposit, settleMicrodeposits } from '../../src/server/domain/microdeposits.js';
import {
  blockedRoutingNumber,
  microdepositView,
  widgetSubmitDetails,
  widgetVerifyAmounts,
} from '../../src/server/domain/widget-microdeposits.js';
import { widgetConfig } from '../../src/server/domain/widgets.js';
import { addUser, mxErrorOf, TIMING, tenantWith } from './fixtures/tenant.js';

const PERSON = { email: 'w@example.com', first_name: 'W', last_name: 'Idget' };
const ACCOUNT = { account_number: '3331777', account_type: 'CHECKING', routing_number: '091000019' };

describe("the widget's microdeposit flow", () => {
  it('opens only on a microdeposit of the user, in verification mode', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant);
    const other = addUser(tenant);
    const md = createMicrodeposit(tenant, user, PERSON);
    const theirs = createMicrodeposit(tenant, other, PERSON);
    const config = (guid: string, extra: object = { mode: 'verification' }) =>
      widgetConfig(tenant, user, { widget_type: 'connect_widget', current_microdeposit_guid: guid, ...extra }, {});
    expect(config(md.guid).current_microdeposit_guid).toBe(md.guid);
    expect(config(md.guid, { data_request: { products: ['account_verification'] } }).current_microdeposit_guid).toBe(
      md.guid,
    );
    expect(mxErrorOf(() => config('MIC-nope')).status).toBe(404);
    expect(mxErrorOf(() => config(theirs.guid)).status).toBe(404);
    const aggregation = mxErrorOf(() => config(md.guid, {}));
    expect(aggregation.status).toBe(400);
    expect(aggregation.message).toContain('current_microdeposit_guid');
    expect(widgetConfig(tenant, user, { widget_type: 'connect_widget' }, {}).current_microdeposit_guid).toBeNull();
  });

  it('blocks a routing number the domain would deny before sending, and completes with a good one', () => {
    const { tenant, clock } = tenantWith();
    const user = addUser(tenant);
    const md = createMicrodeposit(tenant, user, PERSON);
    const bad = { ...ACCOUNT, routing_number: '091000018' };
    expect(blockedRoutingNumber(tenant, md, bad)).toMatchObject({ routing_number: '091000018', reason: 'BLOCKED' });
    expect(widgetSubmitDetails(tenant, md, bad)?.reason).toBe('BLOCKED');
    expect(md).toMatchObject({ status: 'PREINITIATED', routing_number: null, account_number: null });
    expect(mxErrorOf(() => widgetSubmitDetails(tenant, md, { ...ACCOUNT, account_type: 'LOAN' })).status).toBe(400);
    expect(widgetSubmitDetails(tenant, md, ACCOUNT)).toBeNull();
    expect(microdepositView(md)).toMatchObject({ status: 'INITIATED', status_id: 0, account_number_last_four: '1777' });
    expect(mxErrorOf(() => widgetSubmitDetails(tenant, md, ACCOUNT)).status).toBe(409);
    expect(
      mxErrorOf(() => widgetVerifyAmounts(tenant, md, { deposit_amount_1: 0.1, deposit_amount_2: 0.2 })).status,
    ).toBe(405);
    settleMicrodeposits(tenant, clock.now() + 2 * TIMING.microdepositStepMs);
    expect(md.status).toBe('DEPOSITED');
    const [a, b] = md.amounts;
    widgetVerifyAmounts(tenant, md, { deposit_amount_1: a === 99 ? 0.98 : 0.99, deposit_amount_2: b / 100 });
    expect(microdepositView(md)).toMatchObject({ status: 'DEPOSITED', attempts_left: 2, is_verifying: false });
    widgetVerifyAmounts(tenant, md, { deposit_amount_1: b / 100, deposit_amount_2: a / 100 });
    expect(microdepositView(md)).toMatchObject({ is_verifying: true, error_message: null });
  });
});
