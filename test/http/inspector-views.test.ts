// The inspector's views as HTML (the page itself is tested in Chromium, test/browser/): a login prompt for
// browsers, escaped content, and a bounded world however many users it holds.
import { describe, expect, it } from 'vitest';
import { createMember, settle } from '../helpers/members.js';
import { basic, useServer } from '../helpers/server.js';

const mx = useServer({ fast: true, clientId: 'views' });
const view = async (name: string, auth: string | null = 'views:test-key') => {
  const res = await mx.fetch(
    `${mx.url}/_mx-sim/ui/view/${name}`,
    auth ? { headers: { Authorization: basic(auth) } } : {},
  );
  return { status: res.status, headers: res.headers, text: await res.text() };
};

describe('the inspector views', () => {
  it('ask a browser to log in, and show only the caller’s world', async () => {
    const anonymous = await view('world', null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="mx-sim", charset="UTF-8"');
    expect((await view('world', 'someone-else:key')).text).toContain('No users yet');
  });

  it('escape what clients sent, and show the newest 50 users of a larger world', async () => {
    for (let i = 1; i < 60; i++) expect((await mx.post('/users', { user: { id: `u-${i}` } })).status).toBe(200);
    expect((await mx.post('/users', { user: { id: '<img src=x onerror=alert(1)>' } })).status).toBe(200);
    const world = await view('world');
    expect(world.status).toBe(200);
    expect(world.text).toContain('The newest 50 of 60 users.');
    expect(world.text).toContain('id u-59');
    expect(world.text).toContain('id u-11<');
    expect(world.text).not.toContain('id u-10<');
    expect(world.text).toContain('id &lt;img src=x onerror=alert(1)&gt;');
    expect(world.text).not.toContain('<img src=x');
    const journal = await view('journal');
    expect(journal.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(journal.text).not.toContain('<img src=x');
    const unknown = await view('nothing');
    expect(unknown.status).toBe(404);
  });

  it("show recent transactions as the API presents them, with the user's own descriptions", async () => {
    const { user, path } = await createMember(mx, 'password');
    await settle(mx, path);
    const before = await view('world');
    const listed = (await mx.get(`/users/${user}/transactions?records_per_page=100`)).body.transactions as Array<{
      guid: string;
      description: string;
    }>;
    const shown = listed.find((t) => before.text.includes(`<td>${t.description}</td>`));
    expect(shown).toBeDefined();
    const res = await mx.put(`/users/${user}/transactions/${shown?.guid}`, {
      transaction: { description: 'Renamed by the user' },
    });
    expect(res.status).toBe(200);
    expect((await view('world')).text).toContain('<td>Renamed by the user</td>');
  });
});
