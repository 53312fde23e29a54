// Which products MX has enabled for the client: a scenario's `client.disabled_products` turns some off,
// and every request that needs one (its job, data_request.products, the reads of its data) answers
// MX's 403 once the user and member it names are found. See docs/mx-behaviour.md#errors.
import type { Product } from '../../mx/products.js';
import { errors } from '../errors.js';
import type { Tenant } from '../store/tenant.js';

/** Throws MX's 403 naming the product when it is not enabled for the client; `what` is the request refused. */
export function requireProduct(tenant: Tenant, product: Product, what: string): void {
  if ((tenant.world.disabledProducts as readonly Product[]).includes(product)) {
    throw errors.productNotEnabled(product, what);
  }
}
