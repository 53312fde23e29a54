// A scenario's faults (src/server/domain/faults.ts, docs/scenarios.md): which requests they match (route,
// member, institution), when they fire (every Nth, seeded probability, at most N times) and what they do
// (latency, an MX error, 429 with Retry-After, a dropped connection). Over an in-memory tenant.
import { describe, expect, it } from 'vitest';
import { faultsFor } from '../../src/server/domain/faults.js';
import { addMember, addUser, tenantWith } from './fixtures/tenant.js';

function world(faults: string, seed?: string) {
  const { tenant } = tenantWith({ yaml: `faults:\n${faults}`, ...(seed ? { seed } : {}) });
  return tenant;
}

/** Which of `n` identical requests a fault fires on (1-based). */
function firing(tenant: ReturnType<typeof world>, n: number, method = 'GET', path = '/users') {
  const fired: number[] = [];
  for (let i = 1; i <= n; i++) if (faultsFor(tenant, method, path)) fired.push(i);
  return fired;
}

describe('no faults', () => {
  it('leave every request alone', () => {
    const { tenant } = tenantWith();
    expect(faultsFor(tenant, 'GET', '/users')).toBeUndefined();
  });
});

describe('route', () => {
  it("matches 'METHOD /path' exactly, segment by segment, * matching one segment or any method", () => {
    const tenant = world(`
  - { route: "POST /users/*/members/*/aggregate", status: 500 }
  - { route: "* /institutions", status: 502 }
`);
    const status = (method: string, path: string) => faultsFor(tenant, method, path)?.error?.status;
    expect(status('POST', '/users/USR-1/members/MBR-1/aggregate')).toBe(500);
    expect(status('GET', '/users/USR-1/members/MBR-1/aggregate')).toBeUndefined();
    expect(status('POST', '/users/USR-1/members/MBR-1')).toBeUndefined();
    expect(status('POST', '/users/USR-1/members/MBR-1/aggregate/x')).toBeUndefined();
    expect(status('POST', '/users/USR-1/accounts/MBR-1/aggregate')).toBeUndefined();
    expect(status('GET', '/institutions')).toBe(502);
    expect(status('DELETE', '/institutions/')).toBe(502);
    expect(status('GET', '/institutions/mxbank')).toBeUndefined();
  });

  it('* or no route matches every request', () => {
    expect(faultsFor(world('  - { route: "*", status: 500 }'), 'PUT', '/a/b/c')?.error?.status).toBe(500);
    expect(faultsFor(world('  - { status: 500 }'), 'DELETE', '/x')?.error?.status).toBe(500);
  });
});

describe('member and institution', () => {
  function withMember(faults: string) {
    const { tenant } = tenantWith({ yaml: `faults:\n${faults}` });
    const user = addUser(tenant, { id: 'u-1' });
    const member = addMember(tenant, user, 'simbank', {}, { id: 'm-1' });
    const other = addMember(tenant, user, 'mxbank', {}, { id: 'm-2' });
    return { tenant, user, member, other };
  }

  it('member: requests whose path names the member by guid or id', () => {
    const { tenant, user, member, other } = withMember('  - { member: m-1, status: 500 }');
    const fires = (path: string) => faultsFor(tenant, 'GET', path) !== undefined;
    expect(fires(`/users/${user.guid}/members/${member.guid}`)).toBe(true);
    expect(fires(`/users/${user.guid}/members/m-1/accounts`)).toBe(true);
    expect(fires(`/users/${user.guid}/members/${other.guid}`)).toBe(false);
    expect(fires(`/users/${user.guid}/members/m-2`)).toBe(false);
    expect(fires(`/users/${user.guid}/members`)).toBe(false);
    expect(fires(`/users/${user.guid}`)).toBe(false);
  });

  it('member given by guid matches that guid in the path, with or without such a member', () => {
    const tenant = world('  - { member: MBR-abc, status: 500 }');
    expect(faultsFor(tenant, 'GET', '/users/x/members/MBR-abc')).toBeDefined();
    expect(faultsFor(tenant, 'GET', '/users/x/members/MBR-other')).toBeUndefined();
  });

  it("institution: '/institutions/{code}…' and requests about its members (by guid, or by id under their user)", () => {
    const { tenant, user, member, other } = withMember('  - { institution: simbank, status: 503 }');
    const fires = (path: string) => faultsFor(tenant, 'GET', path) !== undefined;
    expect(fires('/institutions/simbank')).toBe(true);
    expect(fires('/institutions/simbank/credentials')).toBe(true);
    expect(fires('/institutions/mxbank')).toBe(false);
    expect(fires('/institutions')).toBe(false);
    expect(fires(`/users/${user.guid}/members/${member.guid}/status`)).toBe(true);
    expect(fires(`/members/${member.guid}`)).toBe(true);
    expect(fires(`/users/${user.guid}/members/m-1`)).toBe(true);
    expect(fires('/users/u-1/members/m-1')).toBe(true);
    expect(fires(`/users/${user.guid}/members/${other.guid}`)).toBe(false);
    expect(fires(`/users/${user.guid}/members/m-2`)).toBe(false);
    expect(fires('/users/nobody/members/m-1')).toBe(false);
    expect(fires('/members/m-1')).toBe(false);
    expect(fires(`/users/${user.guid}/members`)).toBe(false);
    expect(fires(`/users/${user.guid}`)).toBe(false);
  });
});

describe('when a fault fires', () => {
  it('every N: on the Nth, 2Nth, … matching request; other requests do not count', () => {
    const tenant = world('  - { route: "GET /users", every: 3, status: 500 }');
    const fired: number[] = [];
    for (let i = 1; i <= 9; i++) {
      faultsFor(tenant, 'GET', '/accounts');
      if (faultsFor(tenant, 'GET', '/users')) fired.push(i);
    }
    expect(fired).toEqual([3, 6, 9]);
  });

  it('times: at most N times', () => {
    expect(firing(world('  - { times: 2, status: 500 }'), 5)).toEqual([1, 2]);
    expect(firing(world('  - { times: 2, every: 2, status: 500 }'), 8)).toEqual([2, 4]);
  });

  it('probability: a seeded share of matching requests, the same for the same seed', () => {
    expect(firing(world('  - { probability: 0, status: 500 }'), 50)).toEqual([]);
    expect(firing(world('  - { probability: 1, status: 500 }'), 50)).toHaveLength(50);
    const half = firing(world('  - { probability: 0.5, status: 500 }', 's1'), 400);
    expect(half.length).toBeGreaterThan(150);
    expect(half.length).toBeLessThan(250);
    expect(firing(world('  - { probability: 0.5, status: 500 }', 's1'), 400)).toEqual(half);
    expect(firing(world('  - { probability: 0.5, status: 500 }', 's2'), 400)).not.toEqual(half);
  });

  it('each fault keeps its own counts', () => {
    const tenant = world(`
  - { route: "GET /a", every: 2, status: 500 }
  - { route: "GET /b", every: 2, status: 502 }
`);
    expect(faultsFor(tenant, 'GET', '/a')).toBeUndefined();
    expect(faultsFor(tenant, 'GET', '/b')).toBeUndefined();
    expect(faultsFor(tenant, 'GET', '/a')?.error?.status).toBe(500);
    expect(faultsFor(tenant, 'GET', '/b')?.error?.status).toBe(502);
  });
});

describe('what a fault does', () => {
  it('an error status with its message, no latency', () => {
    const effect = faultsFor(world('  - { status: 500, message: "boom" }'), 'GET', '/users');
    expect(effect?.latencyMs).toBe(0);
    expect(effect?.drop).toBeUndefined();
    expect(effect?.error).toMatchObject({ status: 500, message: 'boom', headers: {} });
  });

  it('a default message naming the fault, per status', () => {
    const message = (status: number) => faultsFor(world(`  - { status: ${status} }`), 'GET', '/')?.error?.message;
    expect(message(429)).toBe(
      'Too many requests: slow down and retry after the Retry-After interval (fault injected by a mx-sim scenario)',
    );
    expect(message(500)).toBe('Internal server error (fault injected by a mx-sim scenario)');
    expect(message(502)).toBe('Bad gateway (fault injected by a mx-sim scenario)');
    expect(message(503)).toBe('Service unavailable: try again later (fault injected by a mx-sim scenario)');
    expect(message(504)).toBe('Gateway timeout (fault injected by a mx-sim scenario)');
    expect(message(418)).toBe('Error 418 (fault injected by a mx-sim scenario)');
  });

  it('retry_after alone is a 429 with Retry-After in seconds; with 503 it is a 503', () => {
    const alone = faultsFor(world('  - { retry_after: 7 }'), 'GET', '/')?.error;
    expect(alone).toMatchObject({ status: 429, headers: { 'Retry-After': '7' } });
    const zero = faultsFor(world('  - { retry_after: 0 }'), 'GET', '/')?.error;
    expect(zero).toMatchObject({ status: 429, headers: { 'Retry-After': '0' } });
    const with503 = faultsFor(world('  - { status: 503, retry_after: 2 }'), 'GET', '/')?.error;
    expect(with503).toMatchObject({ status: 503, headers: { 'Retry-After': '2' } });
  });

  it('a dropped connection', () => {
    expect(faultsFor(world('  - { drop: true }'), 'GET', '/')).toEqual({ latencyMs: 0, drop: true });
  });

  it('latency alone: a fixed delay, no error', () => {
    expect(faultsFor(world('  - { latency_ms: 250 }'), 'GET', '/')).toEqual({ latencyMs: 250 });
    expect(faultsFor(world('  - { latency_ms: [40, 40] }'), 'GET', '/')).toEqual({ latencyMs: 40 });
  });

  it('latency [min, max]: drawn from the seed, within the bounds inclusive, spread over them', () => {
    const tenant = world('  - { latency_ms: [10, 13] }', 'lat');
    const drawn = Array.from({ length: 200 }, () => faultsFor(tenant, 'GET', '/')?.latencyMs as number);
    expect(new Set(drawn)).toEqual(new Set([10, 11, 12, 13]));
    const again = world('  - { latency_ms: [10, 13] }', 'lat');
    expect(Array.from({ length: 200 }, () => faultsFor(again, 'GET', '/')?.latencyMs)).toEqual(drawn);
  });

  it('several faults at once: the longest latency, and the first error or drop', () => {
    const tenant = world(`
  - { latency_ms: 30 }
  - { status: 502, latency_ms: 80 }
  - { drop: true, latency_ms: 50 }
  - { status: 500 }
`);
    const effect = faultsFor(tenant, 'GET', '/');
    expect(effect?.latencyMs).toBe(80);
    expect(effect?.error?.status).toBe(502);
    expect(effect?.drop).toBeUndefined();
    const dropFirst = faultsFor(world('  - { drop: true }\n  - { status: 500 }\n  - { latency_ms: 5 }'), 'GET', '/');
    expect(dropFirst).toEqual({ latencyMs: 5, drop: true });
  });

  it('a fault that does not fire leaves the others to act', () => {
    const tenant = world('  - { every: 2, status: 500 }\n  - { status: 502 }');
    expect(faultsFor(tenant, 'GET', '/')?.error?.status).toBe(502);
    expect(faultsFor(tenant, 'GET', '/')?.error?.status).toBe(500);
  });
});
