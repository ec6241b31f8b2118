import type { TestStack } from './stack';
import { createCustomer, onboardPartner } from './fixtures';
import { partneredReseller } from '../customers/helpers';
import { buy } from '../subscriptions/checkout.fixtures';

const OFFERS = ['offer-m365-e3-no-teams', 'offer-power-bi-pro', 'offer-m365-business-premium'];

/**
 * The tenants the answer-comparison specs query: a partner whose customer holds `subscriptions`
 * subscriptions over three offers (bought through checkout), and an indirect reseller with a
 * customer of its provider.
 */
export async function comparisonTenants(t: TestStack, subscriptions: number) {
  const partner = await onboardPartner(t);
  const customer = await createCustomer(t, partner);
  const lines = Array.from({ length: subscriptions }, (_, i) => ({ offerId: OFFERS[i % OFFERS.length], quantity: 1 + i }));
  const bought = await buy(t, partner, customer.id, lines);
  if (bought.payload.errors.length) throw new Error(JSON.stringify(bought.payload.errors));
  const { provider, reseller } = await partneredReseller(t);
  await createCustomer(t, provider, { indirectResellerId: reseller.id });
  return { partner, customerId: customer.id, resellerToken: await reseller.token() };
}
