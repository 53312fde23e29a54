// Investment holdings billing: MX's deactivate endpoint takes a user off the holdings product until any
// holdings endpoint is used for the user again. Nothing a client reads changes; the world remembers it.
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';

export const DEACTIVATED_MESSAGE = 'Successfully deactivated user from billing';

export function deactivateHoldings(tenant: Tenant, user: UserRecord): void {
  tenant.holdingsDeactivated.add(user.guid);
}

/** Any holdings endpoint used for the user activates it again (MX's description of the endpoint). */
export function reactivateHoldings(tenant: Tenant, user: UserRecord): void {
  tenant.holdingsDeactivated.delete(user.guid);
}
