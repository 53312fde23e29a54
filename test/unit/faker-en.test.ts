// src/server/generators/faker-en.ts takes Faker from its en_US entry alone (the main entry loads every
// locale): it must draw exactly what the package's main entry draws, or seeded data would change.
import * as real from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import * as en from '../../src/server/generators/faker-en.js';

describe("Faker's en_US entry", () => {
  it('draws what the main entry draws', () => {
    const a = en.generateMersenne53Randomizer();
    const b = real.generateMersenne53Randomizer();
    a.seed(42);
    b.seed(42);
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
    const s = new en.SimpleFaker();
    const t = new real.SimpleFaker();
    s.seed(7);
    t.seed(7);
    expect(s.string.uuid()).toBe(t.string.uuid());
    const f = new en.Faker({ locale: en.enUS });
    const g = new real.Faker({ locale: [real.en_US, real.en, real.base] });
    f.seed(3);
    g.seed(3);
    for (let i = 0; i < 20; i++) {
      expect([f.person.fullName(), f.company.name(), f.location.streetAddress(), f.finance.accountName()]).toEqual([
        g.person.fullName(),
        g.company.name(),
        g.location.streetAddress(),
        g.finance.accountName(),
      ]);
    }
  });
});
