import type { EntityManager } from '../../../shared/db/orm';
import { unscoped } from '../../../shared/db/tenant-filter';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { Subscription } from '../entities/subscription.entity';
import { provisionSubscription } from '../checkout/provisioning.service';
import { transition } from '../transitions/subscription-transitions';
import { applyOutcome, stateOf } from '../transitions/transition-effects';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Demo subscriptions in the states a dashboard shows: bought today (cancellation window open),
 * renewing within a month, a trial, and a suspended one (suspended through the transition
 * function, like any other change). Demo subscriptions for the demo customers (idempotent), each as a purchase leaves it
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
    ['sub-lakeside-bp', 'ptn-contoso-direct', 'cus-lakeside-hotel', 'offer-m365-business-premium', 18, null, 'EUR', '20.24'],
    ['sub-lakeside-bi', 'ptn-contoso-direct', 'cus-lakeside-hotel', 'offer-power-bi-pro', 5, null, 'EUR', '12.88'],
    ['sub-fjord-e3', 'ptn-contoso-direct', 'cus-fjord-design', 'offer-m365-e3-no-teams', 60, null, 'EUR', '31.05'],
    ['sub-maple-bs', 'ptn-tailspin-direct', 'cus-maple-clinic', 'offer-m365-business-standard', 8, null, 'USD', '12.50'],
  ] as const;
  /** Started this many days before today: a renewal due within a month, or a fresh purchase. */
  const startedDaysAgo: Record<string, number> = { 'sub-lakeside-bi': 350, 'sub-fjord-e3': 340, 'sub-maple-bs': 355 };
  const suspended = new Set(['sub-lakeside-bi']);
  for (const [id, partnerId, customerId, offerId, quantity, reseller, currency, unitPrice] of rows) {
    // Seeding is no tenant's request: it sees every tenant's rows.
    if (await em.findOne(Subscription, { id }, unscoped())) continue;
    const termStart = new Date(start.getTime() - (startedDaysAgo[id] ?? 0) * DAY);
    const subscription = await provisionSubscription(
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
        termStart,
        now: termStart,
      },
    );
    if (suspended.has(id)) await applyOutcome({ em }, subscription, transition(stateOf(subscription), { kind: 'suspend' }, now), now);
  }
}
