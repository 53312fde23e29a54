// The institution catalogue with the indexes institution search needs.

import type { Product } from '../../mx/products.js';
import type { InstitutionRecord } from '../generators/institution.js';

export interface InstitutionFilter {
  name?: string | undefined;
  products?: readonly Product[] | undefined;
  countries?: readonly string[] | undefined;
}

/** Search order: name (case and accents aside), then code. One collator, not one per comparison. */
const byName = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * Immutable once built (keep it so, records included): the institution routes cache their encoded answers
 * per catalogue. To change what a tenant sees, give it another catalogue.
 */
export class InstitutionCatalog {
  readonly #all: InstitutionRecord[];
  /** Lowercased names and codes, searched each on its own: no separator a query could match. */
  readonly #searchNames: string[];
  readonly #searchCodes: string[];
  readonly #byCode = new Map<string, InstitutionRecord>();
  readonly #byGuid = new Map<string, InstitutionRecord>();
  readonly #favorites: InstitutionRecord[];

  readonly #favoriteCodes: readonly string[];

  constructor(institutions: readonly InstitutionRecord[], favoriteCodes: readonly string[] = []) {
    this.#favoriteCodes = favoriteCodes;
    this.#all = [...institutions].sort((a, b) => byName.compare(a.name, b.name) || a.code.localeCompare(b.code));
    for (const inst of this.#all) {
      if (this.#byCode.has(inst.code)) throw new Error(`duplicate institution code '${inst.code}'`);
      this.#byCode.set(inst.code, inst);
      this.#byGuid.set(inst.guid, inst);
    }
    this.#searchNames = this.#all.map((i) => i.name.toLowerCase());
    this.#searchCodes = this.#all.map((i) => i.code.toLowerCase());
    this.#favorites = favoriteCodes.flatMap((code) => this.#byCode.get(code) ?? []);
  }

  codes(): string[] {
    return [...this.#byCode.keys()];
  }

  /** A new catalogue with these institutions added, or in place of those with the same code. */
  with(extra: readonly InstitutionRecord[]): InstitutionCatalog {
    const codes = new Set(extra.map((i) => i.code));
    return new InstitutionCatalog([...this.#all.filter((i) => !codes.has(i.code)), ...extra], this.#favoriteCodes);
  }

  get size(): number {
    return this.#all.length;
  }

  /** By `institution_code`. */
  byCode(code: string): InstitutionRecord | undefined {
    return this.#byCode.get(code);
  }

  /** By code or `INS-` guid, as `*_identifier` paths accept. */
  byIdentifier(identifier: string): InstitutionRecord | undefined {
    return this.#byCode.get(identifier) ?? this.#byGuid.get(identifier);
  }

  /** Case-insensitive substring on name (or code); all products must be supported; any country. */
  search(filter: InstitutionFilter): InstitutionRecord[] {
    const needle = filter.name?.trim().toLowerCase();
    const products = filter.products ?? [];
    const countries = filter.countries?.map((c) => c.toUpperCase());
    const out: InstitutionRecord[] = [];
    for (let i = 0; i < this.#all.length; i++) {
      const inst = this.#all[i] as InstitutionRecord;
      if (inst.is_hidden) continue;
      if (
        needle &&
        !(this.#searchNames[i] as string).includes(needle) &&
        !(this.#searchCodes[i] as string).includes(needle)
      )
        continue;
      if (countries?.length && !countries.includes(inst.iso_country_code)) continue;
      if (products.length && !products.every((p) => inst.supported_products.includes(p))) continue;
      out.push(inst);
    }
    return out;
  }

  favorites(countries?: readonly string[]): InstitutionRecord[] {
    const wanted = countries?.map((c) => c.toUpperCase());
    return wanted?.length ? this.#favorites.filter((i) => wanted.includes(i.iso_country_code)) : this.#favorites;
  }
}
