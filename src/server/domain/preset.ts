// What each part of a scenario user is put in with (populate.ts calls the populate-*.ts modules in turn).
import type { ScenarioUser } from '../../scenarios/schema.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';

/** Guids a scenario gives, each claimed once across the whole document. */
export interface Claims {
  claim(guid: string | undefined, where: string): void;
}

/**
 * Claims a guid the scenario gives (a problem when the document gives it twice) and says whether it is
 * new to the store: false when this world holds it already (the scenario was put into it before).
 */
export function claimNew(
  guids: Claims,
  store: { has(guid: string): boolean },
  guid: string | undefined,
  where: string,
): boolean {
  guids.claim(guid, where);
  return guid === undefined || !store.has(guid);
}

/** A scenario user's section, the user made for it, where it stands in the document, and the time. */
export interface UserPreset {
  tenant: Tenant;
  user: UserRecord;
  u: ScenarioUser;
  /** The section's place in the document, for problems (`users[2]`). */
  where: string;
  now: number;
  guids: Claims;
}
