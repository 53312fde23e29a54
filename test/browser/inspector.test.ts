// The inspector page (GET /_mx-sim/ui) in a real browser: Debian's Chromium driven by playwright-core, against
// a simulator on a free port. A person logs in with client_id:api_key, watches the world change as an
// integration drives the API, and steers it from the page. Screenshots go to reports/screenshots/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, settle } from '../helpers/members.js';
import { startServer, type TestServer } from '../helpers/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) {
  console.log(
    `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH); .ci/run installs it`,
  );
}
const SHOTS = new URL('../../reports/screenshots/', import.meta.url);
const CLIENT = 'inspector-client';
const KEY = 'test-key'; // the test server's default key for CLIENT

describe.runIf(present)('the inspector page in Chromium', () => {
  let mx: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mx = await startServer({
      socket: true,
      fast: true,
      clientId: CLIENT,
      clients: [{ client_id: CLIENT, api_key: KEY }],
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext({
      httpCredentials: { username: CLIENT, password: KEY },
      viewport: { width: 1280, height: 800 },
    });
    page = await context.newPage();
    await page.goto(`${mx.url}/_mx-sim/ui`);
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await mx?.close();
  });

  const shot = (name: string) => page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
  const auth = { auth: `${CLIENT}:${KEY}` };

  it('asks a browser for credentials (401 with WWW-Authenticate), then shows the client', async () => {
    const anonymous = await fetch(`${mx.url}/_mx-sim/ui`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="mx-sim", charset="UTF-8"');
    await expect(page.getByRole('heading', { name: 'mx-sim inspector' }).textContent()).resolves.toBe(
      'mx-sim inspector',
    );
    await page.getByText(`client ${CLIENT}`).waitFor();
    await page.locator('#now').waitFor();
    await page.getByText('No users yet').waitFor();
    await shot('01-empty-world');
  });

  it('shows an MX Bank member go CHALLENGED, answers the challenge in the page, then shows it CONNECTED with accounts', async () => {
    const { path, member } = await createMember(mx, 'challenge', 'mxbank', {}, { headers: {} });
    await settle(mx, path);
    const card = page.locator(`[data-member="${member}"]`);
    await card.locator('.status', { hasText: 'CHALLENGED' }).waitFor({ timeout: 5_000 });
    await shot('02-challenged');
    await card.locator('[data-challenge]').first().fill('correct');
    // The views refresh under the person: what they typed (and the focus) stays.
    const refreshed = async (id: string) => {
      await mx.post('/users', { user: { id } }, auth);
      await page.evaluate(() => document.body.dispatchEvent(new Event('mx-changed')));
      await page.getByText(`id ${id}`).waitFor();
    };
    await refreshed('while-typing');
    expect(await card.locator('[data-challenge]').first().inputValue()).toBe('correct');
    await card.getByRole('button', { name: 'Answer challenge' }).click();
    await page.locator('#result', { hasText: '202' }).waitFor();
    // Fast timing: the job ends a few ms of simulated time later; the page's own clock button moves it.
    await page.getByRole('button', { name: '+3 s' }).click();
    await card.locator('.status', { hasText: 'CONNECTED' }).waitFor({ timeout: 5_000 });
    await card.getByRole('cell', { name: 'CHECKING' }).first().waitFor();
    expect(await card.locator('tbody tr').count()).toBeGreaterThan(0);
    await shot('03-connected');
    // The journal shows the integration's requests, the answer redacted; the filter narrows it.
    await page.locator('#journal').getByText(`PUT ${path}/resume`).waitFor();
    expect(await page.locator('#journal').textContent()).not.toContain('"value":"correct"');
    await page.getByLabel('Filter').fill('resume');
    await page.locator('#journal tbody tr').first().getByText('/resume').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#journal tbody tr').length === 1);
    await page.getByLabel('Filter').fill('');
    // The member's timeline: created, the challenge asked and answered, connected, its webhooks.
    await card.getByText(/^Timeline/).click();
    const timeline = card.locator('.timeline');
    for (const text of [
      'member created',
      'challenge asked',
      'answer(s) sent: RESUMED',
      'CONNECTED',
      'webhook AGGREGATION',
    ]) {
      await timeline.getByText(text).first().waitFor();
    }
    expect(await timeline.textContent()).not.toContain('correct');
    await refreshed('while-reading');
    expect(await timeline.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
  });

  it('approves an OAuth member from the page', async () => {
    const user = (await mx.post('/users', { user: { id: 'inspector-oauth' } }, auth)).body.user.guid;
    const created = await mx.post(
      `/users/${user}/members`,
      { member: { institution_code: 'mx_bank_oauth', is_oauth: true } },
      auth,
    );
    expect(created.status).toBe(200);
    const card = page.locator(`[data-member="${created.body.member.guid}"]`);
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('button', { name: '+3 s' }).click();
    await card.locator('.status', { hasText: 'CONNECTED' }).waitFor({ timeout: 5_000 });
    await shot('04-oauth-approved');
  });

  it('moves the clock past the 3-hour throttle and starts an aggregation from the page', async () => {
    // mxcu_credential is not exempt from MX's throttle (MX Bank and Simulator Bank are).
    const { path, member } = await createMember(mx, 'password', 'mxcu_credential');
    await settle(mx, path);
    const card = page.locator(`[data-member="${member}"]`);
    await card.locator('.status', { hasText: 'CONNECTED' }).waitFor({ timeout: 5_000 });
    await card.getByRole('button', { name: 'aggregate', exact: true }).click();
    await page.locator('#result', { hasText: '"is_being_aggregated": false' }).waitFor();
    expect(await card.textContent()).toContain('no job running');
    await page.getByRole('button', { name: '+3 h' }).click();
    await card.getByRole('button', { name: 'aggregate', exact: true }).click();
    await page.locator('#result', { hasText: '"is_being_aggregated": true' }).waitFor();
    await card.getByText('job aggregate').waitFor({ timeout: 5_000 });
    await shot('05-aggregating');
  });

  it('re-sends a webhook from the log', async () => {
    const before = (await mx.get('/_mx-sim/webhooks', auth)).body.webhooks.length as number;
    const webhooks = page.locator('#webhooks');
    await webhooks.locator('summary').first().click();
    await webhooks.getByRole('button', { name: 'Re-send' }).first().click();
    await page.locator('#result', { hasText: '201' }).waitFor();
    expect((await mx.get('/_mx-sim/webhooks', auth)).body.webhooks.length).toBe(before + 1);
  });

  it('loads an invalid scenario and shows its located error; the world is unchanged', async () => {
    await page.getByText('Paste a scenario').click();
    await page
      .getByLabel('Scenario (YAML or JSON)')
      .fill('outcomes:\n  - match: { institution: mxbank }\n    jobs: [RESUMED]\n');
    await page.getByRole('button', { name: 'Load pasted scenario' }).click();
    await page.locator('#result', { hasText: '400' }).waitFor();
    expect(await page.locator('#result').textContent()).toContain('pasted:3:12');
    await shot('06-invalid-scenario');
    expect((await mx.get('/users', auth)).body.users.length).toBeGreaterThan(0);
  });

  it('downloads a snapshot of the world, and resets it', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export snapshot' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('mx-sim-world.yaml');
    expect(readFileSync((await download.path()) as string, 'utf8')).toContain('users:');
    await page.getByRole('button', { name: 'Reset world' }).click();
    await page.getByText('No users yet').waitFor();
  });

  it('is usable with the keyboard and readable in a narrow window', async () => {
    await page.setViewportSize({ width: 420, height: 800 });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    expect(['BUTTON', 'A', 'INPUT', 'SELECT', 'SUMMARY']).toContain(focused);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5)
        .map((e) => {
          const chain = [];
          for (let a: Element | null = e; a; a = a.parentElement)
            chain.push(`${a.tagName}#${a.id}:${Math.round(a.getBoundingClientRect().width)}`);
          return chain.join('<');
        }),
    );
    expect(overflow, `wider than the window: ${wide.join(', ')}`).toBeLessThanOrEqual(0);
    await shot('07-narrow');
  });
});
