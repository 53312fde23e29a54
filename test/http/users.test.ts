import { describe, expect, it } from 'vitest';
import { useServer } from '../helpers/server.js';

const mx = useServer();

describe('users', () => {
  it('creates a user and reads it by guid and by partner id', async () => {
    const created = await mx.post('/users', {
      user: { id: 'partner-1', email: 'one@example.com', metadata: '{"tier":"gold"}' },
    });
    expect(created.status).toBe(200);
    const user = created.body.user;
    expect(user).toEqual({
      guid: expect.stringMatching(/^USR-[0-9a-f-]{36}$/),
      id: 'partner-1',
      email: 'one@example.com',
      is_disabled: false,
      metadata: '{"tier":"gold"}',
    });
    expect((await mx.get(`/users/${user.guid}`)).body.user).toEqual(user);
    expect((await mx.get('/users/partner-1')).body.user).toEqual(user);
  });

  it('creates a user with only an email, leaving id and metadata null', async () => {
    const res = await mx.post('/users', { user: { email: 'only@example.com' } });
    expect(res.body.user).toMatchObject({ id: null, metadata: null, is_disabled: false });
  });

  it('refuses an empty user object, naming what to set', async () => {
    for (const body of [{ user: {} }, {}]) {
      const res = await mx.post('/users', body);
      expect(res.status).toBe(400);
      expect(res.body.error.status).toBe('bad_request');
    }
    expect((await mx.post('/users', { user: {} })).body.error.message).toBe(
      'user: must set at least one of id, email, is_disabled, metadata',
    );
    expect((await mx.post('/users', {})).body.error.message).toMatch(/^user: is required/);
  });

  it('names the field and the problem when a field has the wrong type', async () => {
    const res = await mx.post('/users', { user: { email: 42, is_disabled: 'yes' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('user.email: expected string, received number');
    expect(res.body.error.message).toContain('user.is_disabled: expected boolean, received string');
  });

  it('answers 409 when a partner id is used twice, on create and on update', async () => {
    await mx.post('/users', { user: { id: 'dup' } });
    const again = await mx.post('/users', { user: { id: 'dup', email: 'x@example.com' } });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({
      message: "user id 'dup' is already in use by another user of this client",
      status: 'conflict',
      type: 'duplicate_user_id',
    });
    const other = (await mx.post('/users', { user: { id: 'other' } })).body.user;
    const clash = await mx.put(`/users/${other.guid}`, { user: { id: 'dup' } });
    expect(clash.status).toBe(409);
    expect((await mx.get('/users/other')).body.user.id).toBe('other');
  });

  it('updates fields by identifier, moves the partner id and clears with null', async () => {
    const u = (await mx.post('/users', { user: { id: 'before', email: 'a@example.com' } })).body.user;
    const res = await mx.put('/users/before', { user: { id: 'after', is_disabled: true, email: null } });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ ...u, id: 'after', is_disabled: true, email: null });
    expect((await mx.get('/users/before')).status).toBe(404);
    expect((await mx.get('/users/after')).body.user.guid).toBe(u.guid);
    expect((await mx.put('/users/after', { user: {} })).status).toBe(400);
  });

  it('lists users, filtered by id, email and is_disabled, and paginated', async () => {
    const all = await mx.get('/users?records_per_page=1000');
    expect(all.body.pagination.total_entries).toBe(all.body.users.length);
    expect((await mx.get('/users?id=partner-1')).body.users.map((u: any) => u.id)).toEqual(['partner-1']);
    expect((await mx.get('/users?email=ONE@example.com')).body.users.map((u: any) => u.id)).toEqual(['partner-1']);
    const disabled = await mx.get('/users?is_disabled=true');
    expect(disabled.body.users.length).toBeGreaterThan(0);
    for (const u of disabled.body.users) expect(u.is_disabled).toBe(true);
    expect((await mx.get('/users?is_disabled=maybe')).body.error.message).toBe('is_disabled: must be true or false');
    const page = await mx.get('/users?records_per_page=10&page=1');
    expect(page.body.pagination.per_page).toBe(10);
  });

  it('deletes a user with 204 and no body; then it is gone', async () => {
    const u = (await mx.post('/users', { user: { id: 'doomed' } })).body.user;
    const res = await mx.del('/users/doomed');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await mx.get(`/users/${u.guid}`)).status).toBe(404);
    expect((await mx.del(`/users/${u.guid}`)).status).toBe(404);
    // The partner id is free again.
    expect((await mx.post('/users', { user: { id: 'doomed' } })).status).toBe(200);
  });

  it('keeps each client_id in its own world', async () => {
    await mx.post('/users', { user: { id: 'tenant-a-user' } }, { auth: 'client-a:k' });
    expect((await mx.get('/users/tenant-a-user', { auth: 'client-a:other-key' })).status).toBe(200);
    expect((await mx.get('/users/tenant-a-user', { auth: 'client-b:k' })).status).toBe(404);
    expect((await mx.get('/users', { auth: 'client-b:k' })).body.pagination.total_entries).toBe(0);
    expect((await mx.post('/users', { user: { id: 'tenant-a-user' } }, { auth: 'client-b:k' })).status).toBe(200);
  });

  it('lists what the last write left, page by page and filter by filter, in each client_id apart', async () => {
    const a = { auth: 'pages-a:k' };
    const b = { auth: 'pages-b:k' };
    const ids = async (query: string, as: { auth: string }) => {
      const body = (await mx.get(`/users?${query}`, as)).body;
      return { ids: body.users.map((u: any) => u.id), total: body.pagination.total_entries };
    };
    for (let i = 0; i < 25; i++) {
      expect((await mx.post('/users', { user: { id: `p${i}`, email: `p${i % 3}@example.com` } }, a)).status).toBe(200);
    }
    await mx.post('/users', { user: { id: 'b0', email: 'p0@example.com' } }, b);
    expect(await ids('records_per_page=10&page=3', a)).toEqual({ ids: ['p20', 'p21', 'p22', 'p23', 'p24'], total: 25 });
    expect(await ids('email=P1@example.com&records_per_page=10', a)).toEqual({
      ids: ['p1', 'p4', 'p7', 'p10', 'p13', 'p16', 'p19', 'p22'],
      total: 8,
    });
    expect(await ids('email=p0@example.com', b)).toEqual({ ids: ['b0'], total: 1 });

    // Each write shows in the next read: an email moved, a user disabled, one deleted, one added.
    await mx.put('/users/p4', { user: { email: 'p0@EXAMPLE.com' } }, a);
    expect((await ids('email=p1@example.com', a)).ids).toEqual(['p1', 'p7', 'p10', 'p13', 'p16', 'p19', 'p22']);
    expect((await ids('email=p0@example.com', a)).ids).toEqual([
      'p0',
      'p3',
      'p4',
      'p6',
      'p9',
      'p12',
      'p15',
      'p18',
      'p21',
      'p24',
    ]);
    await mx.put('/users/p7', { user: { is_disabled: true } }, a);
    expect(await ids('is_disabled=true', a)).toEqual({ ids: ['p7'], total: 1 });
    expect(await ids('is_disabled=false&records_per_page=10', a)).toEqual({
      ids: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p8', 'p9', 'p10'],
      total: 24,
    });
    expect(await ids('is_disabled=true', b)).toEqual({ ids: [], total: 0 });
    expect((await mx.del('/users/p0', a)).status).toBe(204);
    expect(await ids('records_per_page=10', a)).toMatchObject({ total: 24 });
    expect((await ids('records_per_page=10', a)).ids[0]).toBe('p1');
    expect((await ids('email=p0@example.com', a)).ids[0]).toBe('p3');
    await mx.post('/users', { user: { id: 'p0', email: 'p0@example.com' } }, a);
    expect(await ids('records_per_page=10&page=3', a)).toEqual({ ids: ['p21', 'p22', 'p23', 'p24', 'p0'], total: 25 });
    expect(await ids('id=p0', a)).toEqual({ ids: ['p0'], total: 1 });
    expect(await ids('id=p0&is_disabled=true', a)).toEqual({ ids: [], total: 0 });
    expect(await ids('records_per_page=10', b)).toEqual({ ids: ['b0'], total: 1 });
  });
});
