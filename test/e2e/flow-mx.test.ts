// The integration flow against MX's integration environment (real network), when MX_CLIENT_ID and
// MX_API_KEY are set: the same runFlow as test/http/flow.test.ts runs against the simulator.
import { describe, expect, it } from 'vitest';
import { MX_ENV_HINT, mxTarget, type Target } from '../../src/client/targets.js';
import { expectWireConformant, flow } from '../helpers/flow.js';

// MX's integration environment: the very same flow, when credentials are given.
const sandbox = mxTarget();
if (!sandbox) console.info(`MX sandbox flow skipped: ${MX_ENV_HINT}`);
describe.skipIf(!sandbox)("the integration flow against MX's integration environment (int-api.mx.com)", () => {
  it('connects MX Bank (mxuser / password), reads transactions, refreshes and reads again', async () => {
    const t = sandbox as Target;
    const { result, exchanges } = await flow(t, 'password', { products: ['transactions'] });
    expect(result).toMatchObject({ ok: true, status: 'CONNECTED', institution: { code: 'mxbank' } });
    expect(result.data?.accounts.length).toBeGreaterThan(0);
    await expectWireConformant(exchanges);
  }, 300_000);
});
