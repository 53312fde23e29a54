// The institution catalogue with the indexes institution search needs.

import type { Product } from '../../mx/products.js';
import type { InstitutionRecord } from '../generators/institution.js';

export interface InstitutionFilter {
  name?: string | undefined;
  products?: readonly Product[] | undefined;
  countries?: readonly string[] | undefined;
}

/**
 * Search order: name (case and accents aside), then code. One collator, not one per comparison, made
 * when the catalogue is first indexed (a collator loads its locale data: not a cost for every start).
 */
let collator: Intl.Collator | undefined;
function byName(): Intl.Collator {
  collator ??= new Intl.Collator('en', { sensitivity: 'base' });
  return collator;
}

interface Index {
  all: InstitutionRecord[];
  /** Lowercased names and codes, searched each on its own: no separator a query could match. */
  searchNames: string[];
  searchCodes: string[];
  byCode: Map<string, InstitutionRecord>;
  byGuid: Map<string, InstitutionRecord>;
  favorites: InstitutionRecord[];
}

/**
 * Immutable once built (keep it so, records included): the institution routes cache their encoded answers
 * per catalogue. To change what a tenant sees, give it another catalogue.
 *
 * Two parts: the `known` institutions (MX's test institutions, a scenario's own), indexed at once, and the
 * `generated` ones, made and indexed the first time anything needs them (a search, a list, a code not among
 * the known): a simulator that starts and connects MX Bank never generates them.
 */
export class InstitutionCatalog {
  readonly #known: readonly InstitutionRecord[];
  readonly #generated: (() => readonly InstitutionRecord[]) | undefined;
  readonly #knownByCode = new Map<string, InstitutionRecord>();
  readonly #knownByGuid = new Map<string, InstitutionRecord>();
  readonly #favoriteCodes: readonly string[];
  #index: Index | undefined;

  constructor(
    known: readonly InstitutionRecord[],
    favoriteCodes: readonly string[] = [],
    generated?: () => readonly InstitutionRecord[],
  ) {
    this.#known = known;
    this.#generated = generated;
    this.#favoriteCodes = favoriteCodes;
    for (const inst of known) {
      if (this.#knownByCode.has(inst.code)) throw new Error(`duplicate institution code '${inst.code}'`);
      this.#knownByCode.set(inst.code, inst);
      this.#knownByGuid.set(inst.guid, inst);
    }
    if (!generated) this.#index = this.#build();
  }

  /** Every institution, sorted and indexed (the generated ones made now if not yet). */
  #full(): Index {
    this.#index ??= this.#build();
    return this.#index;
  }

  #build(): Index {
    const extra = this.#generated?.() ?? [];
    const names = byName();
    const all = [...this.#known, ...extra].sort(
      (a, b) => names.compare(a.name, b.name) || a.code.localeCompare(b.code),
    );
    const byCode = new Map(this.#knownByCode);
    const byGuid = new Map(this.#knownByGuid);
    for (const inst of extra) {
      if (byCode.has(inst.code)) throw new Error(`duplicate institution code '${inst.code}'`);
      byCode.set(inst.code, inst);
      byGuid.set(inst.guid, inst);
    }
    return {
      all,
      searchNames: all.map((i) => i.name.toLowerCase()),
      searchCodes: all.map((i) => i.code.toLowerCase()),
      byCode,
      byGuid,
      favorites: this.#favoriteCodes.flatMap((code) => byCode.get(code) ?? []),
    };
  }

  codes(): string[] {
    return [...this.#full().byCode.keys()];
  }

  /** Whether an institution has this code. */
  has(code: string): boolean {
    return this.byCode(code) !== undefined;
  }

  /** A new catalogue with these institutions added, or in place of those with the same code. */
  with(extra: readonly InstitutionRecord[]): InstitutionCatalog {
    const codes = new Set(extra.map((i) => i.code));
    const generated = this.#generated;
    return new InstitutionCatalog(
      [...this.#known.filter((i) => !codes.has(i.code)), ...extra],
      this.#favoriteCodes,
      generated && (() => generated().filter((i) => !codes.has(i.code))),
    );
  }

  get size(): number {
    return this.#full().all.length;
  }

  /** By `institution_code`. */
  byCode(code: string): InstitutionRecord | undefined {
    return this.#knownByCode.get(code) ?? this.#full().byCode.get(code);
  }

  /** By code or `INS-` guid, as `*_identifier` paths accept. */
  byIdentifier(identifier: string): InstitutionRecord | undefined {
    const known = this.#knownByCode.get(identifier) ?? this.#knownByGuid.get(identifier);
    if (known) return known;
    const { byCode, byGuid } = this.#full();
    return byCode.get(identifier) ?? byGuid.get(identifier);
  }

  /** Case-insensitive substring on name (or code); all products must be supported; any country. */
  search(filter: InstitutionFilter): InstitutionRecord[] {
    const needle = filter.name?.trim().toLowerCase();
    const products = filter.products ?? [];
    const countries = filter.countries?.map((c) => c.toUpperCase());
    const { all, searchNames, searchCodes } = this.#full();
    const out: InstitutionRecord[] = [];
    for (let i = 0; i < all.length; i++) {
      const inst = all[i] as InstitutionRecord;
      if (inst.is_hidden) continue;
      if (needle && !(searchNames[i] as string).includes(needle) && !(searchCodes[i] as string).includes(needle))
        continue;
      if (countries?.length && !countries.includes(inst.iso_country_code)) continue;
      if (products.length && !products.every((p) => inst.supported_products.includes(p))) continue;
      out.push(inst);
    }
    return out;
  }

  favorites(countries?: readonly string[]): InstitutionRecord[] {
    const wanted = countries?.map((c) => c.toUpperCase());
    const { favorites } = this.#full();
    return wanted?.length ? favorites.filter((i) => wanted.includes(i.iso_country_code)) : favorites;
  }
}
