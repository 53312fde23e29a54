// Each client's own clock, moved on over HTTP: what a CI job driving a running simulator uses instead
// of sleeping through challenge timeouts, throttles and background aggregation.
import { describe, expect, it } from 'vitest';
import { createMember, settle } from '../helpers/members.js';
import { useServer } from '../helpers/server.js';

const HOUR = 3_600_000;

describe('the admin clock', () => {
  const mx = useServer({ fast: true });

  it("tells a client's time, which starts at the simulator's", async () => {
    const res = await mx.get('/_mx-sim/clock');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      client_id: 'test-client',
      now: new Date(mx.clock.now()).toISOString(),
      offset_ms: 0,
    });
  });

  it('moving it on expires an unanswered challenge and runs background aggregation', async () => {
    const challenged = await createMember(mx, 'challenge');
    expect((await settle(mx, challenged.path)).connection_status).toBe('CHALLENGED');
    const moved = await mx.post('/_mx-sim/clock', { advance_ms: 11 * 60_000 });
    expect(moved.status).toBe(200);
    expect(moved.body.offset_ms).toBe(11 * 60_000);
    expect((await mx.get(`${challenged.path}/status`)).body.member.connection_status).toBe('EXPIRED');

    const connected = await createMember(mx, 'password');
    const first = (await settle(mx, connected.path)).successfully_aggregated_at;
    const to = new Date(Date.parse(first) + 25 * HOUR).toISOString();
    expect((await mx.post('/_mx-sim/clock', { to })).body.now).toBe(to);
    const later = (await mx.get(`${connected.path}/status`)).body.member;
    expect(later.connection_status).toBe('CONNECTED');
    expect(Date.parse(later.successfully_aggregated_at)).toBe(Date.parse(first) + 24 * HOUR + 2);
  });

  it('a move of ten years runs the last background aggregation due, with every transaction in between', async () => {
    const connected = await createMember(mx, 'password');
    const first = (await settle(mx, connected.path)).successfully_aggregated_at;
    const before = (await mx.get(`${connected.path}/transactions?records_per_page=10`)).body.pagination.total_entries;
    const hooks = (await mx.get('/_mx-sim/webhooks')).body.webhooks.length;
    await mx.post('/_mx-sim/clock', { advance_ms: 3650 * 24 * HOUR });
    const later = (await mx.get(`${connected.path}/status`)).body.member;
    expect(later).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
    // Background runs come every 24 h after the last success (a fast job takes 2 ms): the last one due.
    const period = 24 * HOUR + 2;
    const now = Date.parse((await mx.get('/_mx-sim/clock')).body.now);
    const runs = Math.floor((now - Date.parse(first)) / period);
    expect(runs).toBeGreaterThan(3600);
    expect(Date.parse(later.successfully_aggregated_at)).toBe(Date.parse(first) + runs * period);
    const since = `from_date=${first.slice(0, 10)}&records_per_page=10`;
    const after = (await mx.get(`${connected.path}/transactions?${since}`)).body.pagination.total_entries;
    expect(after).toBeGreaterThan(before * 30);
    // One AGGREGATION webhook for the decade, not one a day.
    const logged = (await mx.get('/_mx-sim/webhooks')).body.webhooks.slice(hooks);
    expect(
      logged.filter((w: any) => w.type === 'AGGREGATION' && w.payload.member_guid === connected.member),
    ).toHaveLength(1);
  });

  it("moves only that client's time", async () => {
    const other = await mx.get('/_mx-sim/clock', { auth: 'other-client:key' });
    expect(other.body.offset_ms).toBe(0);
    expect(other.body.now).toBe(new Date(mx.clock.now()).toISOString());
  });

  it('refuses to go back, and says what to send', async () => {
    const back = await mx.post('/_mx-sim/clock', { to: '2020-01-01T00:00:00Z' });
    expect(back.status).toBe(400);
    expect(back.body.error.type).toBe('clock_backwards');
    expect(back.body.error.message).toMatch(/^to: 2020-01-01T00:00:00Z is before this client's now/);
    const both = await mx.post('/_mx-sim/clock', { advance_ms: 1, to: '2030-01-01T00:00:00Z' });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toContain('send exactly one of advance_ms or to');
    const negative = await mx.post('/_mx-sim/clock', { advance_ms: -5 });
    expect(negative.status).toBe(400);
    expect(negative.body.error.message).toContain('advance_ms');
    const notJson = await mx.call('POST', '/_mx-sim/clock', { raw: 'soon' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.type).toBe('invalid_json');
  });

  it('refuses a body over 1 MiB, as every route but a scenario upload does', async () => {
    const before = (await mx.get('/_mx-sim/clock')).body.offset_ms;
    const big = await mx.call('POST', '/_mx-sim/clock', { raw: `{"advance_ms":1,"pad":"${'x'.repeat(1024 * 1024)}"}` });
    expect(big.status).toBe(413);
    expect(big.body.error).toEqual({
      message: 'Request body too large: the simulator accepts bodies up to 1 MiB (1048576 bytes); send a smaller body',
      status: 'payload_too_large',
      type: 'payload_too_large',
    });
    expect((await mx.get('/_mx-sim/clock')).body.offset_ms).toBe(before);
  });

  it('starts again from the simulator clock after a reset', async () => {
    expect((await mx.post('/_mx-sim/reset')).status).toBe(200);
    expect((await mx.get('/_mx-sim/clock')).body.offset_ms).toBe(0);
  });
});
