// The catalogue makes its generated institutions only when something needs them: a simulator that starts
// and connects MX Bank never pays for the 300 (issue 14, cold start); everything else sees them as before.
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/server/app.js';
import { generateInstitutions, testInstitutions } from '../../src/server/generators/institutions.js';
import { InstitutionCatalog } from '../../src/server/store/institutions.js';

function lazyCatalog() {
  let made = 0;
  const catalog = new InstitutionCatalog(testInstitutions(), ['mxbank'], () => {
    made++;
    return generateInstitutions('lazy', 20);
  });
  return { catalog, made: () => made };
}

describe('InstitutionCatalog', () => {
  it('answers a known code or guid without making the generated institutions', () => {
    const { catalog, made } = lazyCatalog();
    const mxbank = catalog.byCode('mxbank');
    expect(mxbank?.name).toBe('MX Bank');
    expect(catalog.byIdentifier(mxbank?.guid as string)).toBe(mxbank);
    expect(
      catalog.with([{ ...(mxbank as NonNullable<typeof mxbank>), name: 'MX Bank (mine)' }]).byCode('mxbank')?.name,
    ).toBe('MX Bank (mine)');
    expect(made()).toBe(0);
  });

  it('makes them once, when a search, a list or an unknown code needs them', () => {
    const { catalog, made } = lazyCatalog();
    const generated = generateInstitutions('lazy', 20);
    expect(catalog.byCode('no-such-bank')).toBeUndefined();
    expect(made()).toBe(1);
    expect(catalog.size).toBe(testInstitutions().length + 20);
    expect(catalog.byCode(generated[3]?.code as string)).toEqual(generated[3]);
    expect(catalog.search({ name: generated[0]?.name }).map((i) => i.code)).toContain(generated[0]?.code);
    expect(catalog.favorites().map((i) => i.code)).toEqual(['mxbank']);
    expect(made()).toBe(1);
  });

  it('keeps a scenario institution in place of a generated one with its code', () => {
    const { catalog } = lazyCatalog();
    const generated = generateInstitutions('lazy', 20)[5] as ReturnType<typeof generateInstitutions>[number];
    const mine = catalog.with([{ ...generated, name: 'Replaced' }]);
    expect(mine.byCode(generated.code)?.name).toBe('Replaced');
    expect(mine.size).toBe(catalog.size);
    expect(mine.search({ name: 'Replaced' }).map((i) => i.code)).toEqual([generated.code]);
  });
});

describe('a started simulator', () => {
  it('lists the same institutions as before, generated ones included', async () => {
    const sim = createSimulator({ institutionCount: 300 });
    const headers = { Authorization: `Basic ${btoa('c:k')}`, 'Accept-Version': 'v20250224' };
    const mxbank = await sim.app.request('/institutions/mxbank', { headers });
    expect(mxbank.status).toBe(200);
    const list = await sim.app.request('/institutions?records_per_page=1', { headers });
    expect((await list.json()).pagination.total_entries).toBe(
      testInstitutions().filter((i) => !i.is_hidden).length + 300,
    );
  });
});
