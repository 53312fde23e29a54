// Mutation runs alias '@faker-js/faker' to test/unit/fixtures/faker-en-us.ts (vitest.mutation.config.ts).
// This keeps the alias whole: it exports every name src/ imports from the package, and they draw alike.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as real from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import * as alias from './fixtures/faker-en-us.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The value names src/ imports from '@faker-js/faker' (types left out). */
function importedNames(): string[] {
  const names = new Set<string>();
  for (const file of sourceFiles(new URL('../../src', import.meta.url).pathname)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'@faker-js\/faker'/g)) {
      for (const part of (m[1] as string).split(',')) {
        const name = part.trim();
        if (name && !name.startsWith('type ')) names.add(name.split(/\s+as\s+/)[0] as string);
      }
    }
  }
  return [...names].sort();
}

describe("the mutation runs' Faker alias", () => {
  it('exports every name src/ imports from @faker-js/faker', () => {
    const names = importedNames();
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !(n in alias))).toEqual([]);
  });

  it('draws what the package draws', () => {
    const a = alias.generateMersenne53Randomizer();
    const b = real.generateMersenne53Randomizer();
    a.seed(42);
    b.seed(42);
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
    const s = new alias.SimpleFaker();
    const t = new real.SimpleFaker();
    s.seed(7);
    t.seed(7);
    expect(s.string.uuid()).toBe(t.string.uuid());
    const f = new alias.Faker({ locale: [alias.en_US, alias.en, alias.base] });
    const g = new real.Faker({ locale: [real.en_US, real.en, real.base] });
    f.seed(3);
    g.seed(3);
    expect(f.person.fullName()).toBe(g.person.fullName());
  });
});
