// Widget URLs' rules (src/server/domain/widgets.ts, widget-connect.ts, store/widget-sessions.ts;
// docs/connect-widget.md): MX's defaults per mode, the language, the products a widget member asks for, and a
// URL that opens once, within ten minutes of the client's clock, into a session that ends when left idle.
import { describe, expect, it } from 'vitest';
import { connectProducts, searchInstitutions } from '../../src/server/domain/widget-connect.js';
import { requestWidgetUrl, widgetConfig, widgetLocale } from '../../src/server/domain/widgets.js';
import { build, loginPassword } from '../../src/server/generators/institutions.js';
import { SESSION_IDLE_MS, WidgetSessions } from '../../src/server/store/widget-sessions.js';
import { addUser, mxErrorOf, tenantWith } from './fixtures/tenant.js';

describe('widget options', () => {
  it("apply MX's defaults, which differ by mode", () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant);
    const aggregation = widgetConfig(tenant, user, { widget_type: 'connect_widget' }, {});
    expect(aggregation).toMatchObject({
      mode: 'aggregation',
      color_scheme: 'light',
      include_transactions: true,
      disable_background_agg: false,
      ui_message_version: 4,
      ui_message_webview_url_scheme: 'mx',
      oauth_referral_source: 'BROWSER',
      locale: 'en-US',
    });
    const verification = widgetConfig(
      tenant,
      user,
      { widget_type: 'connect_widget', mode: 'VERIFICATION', is_mobile_webview: true },
      {},
    );
    expect(verification).toMatchObject({
      mode: 'verification',
      include_transactions: false,
      disable_background_agg: true,
      oauth_referral_source: 'APP',
    });
    expect(connectProducts(aggregation)).toEqual(['transactions']);
    expect(connectProducts(verification)).toEqual(['account_verification']);
    expect(connectProducts({ ...verification, include_transactions: true, include_identity: true })).toEqual([
      'account_verification',
      'transactions',
      'identity_verification',
    ]);
    expect(connectProducts({ ...aggregation, products: ['statements'] })).toEqual(['statements']);
    // include_transactions: false in aggregation mode: accounts and balances only on the first job.
    expect(connectProducts({ ...aggregation, include_transactions: false })).toEqual([]);
  });

  it('take the language from locale, else Accept-Language, else en-US', () => {
    expect(widgetLocale('fr-CA', 'es-MX')).toBe('fr-CA');
    expect(widgetLocale(undefined, 'es-MX,es;q=0.9')).toBe('es-MX');
    expect(widgetLocale('not a tag', '*')).toBe('en-US');
    expect(widgetLocale(undefined, undefined)).toBe('en-US');
  });

  it('refuse an institution code and guid that disagree, naming both', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant);
    const simbank = tenant.institutions.byCode('simbank');
    const err = mxErrorOf(() =>
      widgetConfig(
        tenant,
        user,
        { widget_type: 'connect_widget', current_institution_code: 'mxbank', current_institution_guid: simbank?.guid },
        {},
      ),
    );
    expect(err.status).toBe(400);
    expect(err.message).toContain('current_institution_guid');
  });

  it('search only institutions that support account verification in verification mode', () => {
    const plain = build({
      code: 'plain_bank',
      name: 'Plain Bank',
      url: 'https://plain.example.com',
      products: ['transactions'],
      oauth: false,
      credentials: loginPassword('plain_bank'),
      createdAt: '2026-01-01T00:00:00+00:00',
    });
    const { tenant } = tenantWith({ institutions: [plain] });
    const user = addUser(tenant);
    const codes = (mode: string) =>
      searchInstitutions(
        tenant,
        widgetConfig(tenant, user, { widget_type: 'connect_widget', mode }, {}),
        'bank',
        100,
      ).map((i) => i.code);
    expect(codes('aggregation')).toContain('plain_bank');
    expect(codes('verification')).toContain('mxbank');
    expect(codes('verification')).not.toContain('plain_bank');
  });
});

describe('widget URLs and sessions', () => {
  it('open once, within ten minutes of the client clock; a session ends after an idle hour', () => {
    const { tenant, clock } = tenantWith();
    const user = addUser(tenant);
    const sessions = new WidgetSessions();
    const now = () => tenant.clock.now();
    const config = widgetConfig(tenant, user, { widget_type: 'connect_widget' }, {});
    const url = requestWidgetUrl(tenant, sessions, 'http://sim.test', user, config);
    const token = url.slice('http://sim.test/md/connect/'.length);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(sessions.usable(token, now)).toBe(true);
    const opened = sessions.open(token, now);
    expect(opened?.session).toMatchObject({ userGuid: user.guid, sessionGuid: expect.stringMatching(/^ANS-/) });
    expect(sessions.open(token, now)).toBeUndefined();
    const secret = opened?.secret as string;
    expect(secret).not.toBe(token);
    clock.advance(SESSION_IDLE_MS);
    expect(sessions.find(secret, now)).toBeDefined();
    clock.advance(SESSION_IDLE_MS + 1);
    expect(sessions.find(secret, now)).toBeUndefined();

    const late = requestWidgetUrl(tenant, sessions, 'http://sim.test', user, config);
    clock.advance(10 * 60_000 + 1);
    expect(sessions.open(late.slice(late.lastIndexOf('/') + 1), now)).toBeUndefined();
  });
});
