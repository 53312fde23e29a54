// Scenario faults that need a real socket: a dropped connection is a closed socket, not an answer.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/load.js';
import { startServer } from '../helpers/server.js';

describe('faults', () => {
  it('delays answers for real, drops connections, fires with a seeded probability and at most N times', async () => {
    const scenario = parseScenario(
      `
name: faults
seed: fault-seed
faults:
  - { route: GET /institutions/mxbank, latency_ms: 60 }
  - { route: GET /institutions/simbank, drop: true, times: 1 }
  - { route: "* /institutions/mx_bank_oauth", status: 500, probability: 0.5 }
  - { route: GET /users, status: 404, message: "scripted: no users today", times: 2 }
`,
      'faults.yaml',
    );
    const mx = await startServer({ scenarios: [{ scenario, source: 'faults.yaml' }], socket: true });
    try {
      const started = performance.now();
      expect((await mx.get('/institutions/mxbank')).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
      await expect(mx.get('/institutions/simbank')).rejects.toThrow();
      expect((await mx.get('/institutions/simbank')).status).toBe(200);
      const coin = [];
      for (let i = 0; i < 40; i++) coin.push((await mx.get('/institutions/mx_bank_oauth')).status);
      const failures = coin.filter((s) => s === 500).length;
      expect(failures).toBeGreaterThan(8);
      expect(failures).toBeLessThan(32);
      const users = [await mx.get('/users'), await mx.get('/users'), await mx.get('/users')];
      expect(users.map((u) => u.status)).toEqual([404, 404, 200]);
      expect(users[0]!.body.error.message).toBe('scripted: no users today');
      // The same seed gives the same coin flips.
      const again = await startServer({ scenarios: [{ scenario, source: 'faults.yaml' }], socket: true });
      try {
        const coin2 = [];
        for (let i = 0; i < 40; i++) coin2.push((await again.get('/institutions/mx_bank_oauth')).status);
        expect(coin2).toEqual(coin);
      } finally {
        await again.close();
      }
    } finally {
      await mx.close();
    }
  });
});
