// Two small reads MX files under rewards and investment holdings: a credit card product by guid, and
// taking a user off investment holdings billing.
import { creditCardProductOf } from '../domain/credit-cards.js';
import { DEACTIVATED_MESSAGE, deactivateHoldings } from '../domain/holdings.js';
import { userOf } from '../domain/lookup.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { errorResponses } from '../schemas/common.js';
import {
  CreditCardProductResponseSchema,
  InvestmentHoldingsDeactivationSchema,
} from '../schemas/v20250224/processor.js';
import type { VersionApi } from './context.js';

function routesFor(v: VersionLayer) {
  return {
    creditCard: versionRoute(v, 'rewards', {
      method: 'get',
      path: '/credit_card_products/{credit_card_product_guid}',
      operationId: 'creditCard',
      summary: 'Read a Credit Card Product',
      description:
        "The product of a credit card account: its guid is the account's guid with `CCA-` for `ACT-` " +
        '(ACT-1a2b… → CCA-1a2b…). 404 for any other guid.',
      request: { params: versionParams(v, 'credit_card_product_guid') },
      responses: { 200: versionJson(v, CreditCardProductResponseSchema), ...errorResponses(404) },
    }),
    deactivate: versionRoute(v, 'investment holdings', {
      method: 'get',
      path: '/users/{user_guid}/investment_holdings_deactivate',
      operationId: 'deactivateUser',
      summary: 'Deactivate user from Investment Holdings',
      description: 'Takes the user off investment holdings billing until a holdings endpoint is used for it again.',
      request: { params: versionParams(v, 'user_guid') },
      responses: { 200: versionJson(v, InvestmentHoldingsDeactivationSchema), ...errorResponses(404) },
    }),
  };
}

export function registerCardProductRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  api.openapi(routes.creditCard, (c) => {
    const guid = c.req.valid('param').credit_card_product_guid as string;
    return c.json({ credit_card_product: creditCardProductOf(c.env.tenant, guid) }, 200);
  });
  api.openapi(routes.deactivate, (c) => {
    const tenant = c.env.tenant;
    deactivateHoldings(tenant, userOf(tenant, c.req.valid('param')));
    return c.json({ message: DEACTIVATED_MESSAGE, status: 200 }, 200);
  });
}
