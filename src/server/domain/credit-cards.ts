// Credit card products (GET /credit_card_products/{guid}): one per credit card account of the client's
// world, found by the guid the account's gives (generators/credit-cards.ts).
import { errors } from '../errors.js';
import { accountGuidOfProduct, creditCardProduct } from '../generators/credit-cards.js';
import type { Tenant } from '../store/tenant.js';

export function creditCardProductOf(tenant: Tenant, guid: string) {
  const accountGuid = accountGuidOfProduct(guid);
  if (accountGuid !== undefined) {
    for (const member of tenant.members.all()) {
      const account = member.data?.accounts.find((a) => a.guid === accountGuid);
      if (!account) continue;
      if (account.type !== 'CREDIT_CARD') break;
      return creditCardProduct(account, tenant.institutions.byCode(member.institution_code)?.name ?? 'Card');
    }
  }
  throw errors.notFound('credit_card_product', guid);
}
