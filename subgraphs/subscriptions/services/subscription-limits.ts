import { ensure } from '../../../shared/errors';
import type { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../loaders';

/** CAT-6: small-business suites are capped per customer (the same cap checkout applies). */
export const SMALL_BUSINESS_CAP = 300;

interface QuantityFacts {
  provisioningId: string;
  category: string;
  maxQuantity: number;
}

/**
 * License caps that also bind an increase of an existing subscription: the offer's maximum
 * per subscription (CAT-1) and the small-business cap of 300 licenses per customer, counted
 * over every partner's live subscriptions of the offer (CAT-6). Catalog facts come through
 * the graph; the count is over this subgraph's own table.
 */
export async function assertWithinLicenseCaps(tx: SubscriptionsContext, subscription: Subscription, quantity: number): Promise<void> {
  const [offer] = await tx.graph.entities<QuantityFacts>('catalog', 'Offer', [subscription.offerId], 'provisioningId category maxQuantity');
  if (!offer) return;
  ensure(
    quantity <= offer.maxQuantity,
    'LICENSE_CAP_EXCEEDED',
    `${offer.provisioningId} allows at most ${offer.maxQuantity} licenses per subscription`,
    'CAT-1',
    ['quantity'],
  );
  if (offer.category !== 'SMALL_BUSINESS') return;
  const rows = await tx.em.execute<{ n: string | number }[]>(
    `select coalesce(sum(quantity), 0) as n from subscriptions.subscription
      where customer_id = ? and offer_id = ? and status in ('ACTIVE', 'SUSPENDED') and id <> ?`,
    [subscription.customerId, subscription.offerId, subscription.id],
  );
  const total = Number(rows[0]?.n ?? 0) + quantity;
  ensure(
    total <= SMALL_BUSINESS_CAP,
    'LICENSE_CAP_EXCEEDED',
    `${offer.provisioningId} is capped at ${SMALL_BUSINESS_CAP} licenses per customer (${total} requested in total)`,
    'CAT-6',
    ['quantity'],
  );
}
