// Seeded identifiers: the same seed gives the same GUIDs in the same order.
import { createHash } from 'node:crypto';
import { base, en, en_US, Faker } from '@faker-js/faker';

/** A 32-bit integer seed derived from any number of parts (seed, tenant, purpose). */
export function seedOf(...parts: Array<string | number>): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0);
}

export function seededFaker(...parts: Array<string | number>): Faker {
  const faker = new Faker({ locale: [en_US, en, base] });
  faker.seed(seedOf(...parts));
  return faker;
}

/** A GUID in MX's form, PREFIX-8-4-4-4-12, derived from a stable name rather than a sequence. */
export function stableGuid(prefix: string, ...parts: Array<string | number>): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${prefix}-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Issues GUIDs for new records of one tenant, in a seeded sequence. */
export class GuidSequence {
  readonly #faker: Faker;

  constructor(...seedParts: Array<string | number>) {
    this.#faker = seededFaker('guids', ...seedParts);
  }

  next(prefix: string): string {
    return `${prefix}-${this.#faker.string.uuid()}`;
  }
}
