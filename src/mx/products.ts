// MX's product names (v20250224 `supported_products` and `data_request.products`).

export const PRODUCTS = [
  'account_verification',
  'identity_verification',
  'transactions',
  'transaction_history',
  'statements',
  'investments',
  'rewards',
] as const;

export type Product = (typeof PRODUCTS)[number];

/**
 * The products MX enables per client (a client without one gets 403): every product but
 * `transactions`, the aggregation of accounts and transactions every member has.
 */
export const OPTIONAL_PRODUCTS = PRODUCTS.filter((p): p is Exclude<Product, 'transactions'> => p !== 'transactions');
export type OptionalProduct = (typeof OPTIONAL_PRODUCTS)[number];

/** Names MX's own documents use for the same product (the spec's query enum says `history`). */
const ALIASES: Record<string, Product> = { history: 'transaction_history' };

export function normalizeProduct(value: string): Product | undefined {
  const v = value.trim();
  if ((PRODUCTS as readonly string[]).includes(v)) return v as Product;
  return ALIASES[v];
}

export const PRODUCT_INPUTS: readonly string[] = [...PRODUCTS, ...Object.keys(ALIASES)];
