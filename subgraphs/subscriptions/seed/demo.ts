import type { EntityManager } from '../../../shared/db/orm';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { Subscription } from '../entities/subscription.entity';
import { provisionSubscription } from '../services/provisioning.service';

/**
 * A few demo subscriptions for the demo customers (idempotent), each as a purchase leaves it
 * (the one provisioning path): the subscription with its currency and monthly unit price (the
 * catalog price of the customer's market at purchase, recorded here as data), its first
 * license batch (SUB-2) and its first ledger charge (SUB-3).
 */
export async function seedSubscriptionsDemo(em: EntityManager, now: Date): Promise<void> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const rows = [
    ['sub-alpine-e3', 'ptn-contoso-direct', 'cus-alpine-ski', 'offer-m365-e3-no-teams', 25, null, 'EUR', '31.05'],
    ['sub-alpine-bi', 'ptn-contoso-direct', 'cus-alpine-ski', 'offer-power-bi-pro', 10, null, 'EUR', '12.88'],
    ['sub-bavaria-bp', 'ptn-fabrikam-provider', 'cus-bavaria-bikes', 'offer-m365-business-premium', 40, 'ptn-northwind-reseller', 'EUR', '20.24'],
    ['sub-hudson-bs', 'ptn-tailspin-direct', 'cus-hudson-bakery', 'offer-m365-business-standard', 12, null, 'USD', '12.50'],
  ] as const;
  for (const [id, partnerId, customerId, offerId, quantity, reseller, currency, unitPrice] of rows) {
    if (await em.findOne(Subscription, { id })) continue;
    await provisionSubscription(
      { em },
      {
        id,
        partnerId,
        customerId,
        offerId,
        quantity,
        termDuration: 'P1Y',
        billingFrequency: BillingFrequency.MONTHLY,
        unitPrice,
        currency,
        resellerPartnerId: reseller ? '1000003' : undefined,
        resellerTenantId: reseller ?? undefined,
        termStart: start,
        now: start,
      },
    );
  }
}
