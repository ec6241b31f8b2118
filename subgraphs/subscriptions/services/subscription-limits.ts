import type { RequestContext } from '../../../shared/context';
import { conflict, ensure } from '../../../shared/errors';
import type { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../loaders';
import { lockCustomer } from './customer-lock';
import { glanceAtOwnSubscription } from './subscription-peek';

/** CAT-6: small-business suites are capped per customer (the same cap checkout applies). */
export const SMALL_BUSINESS_CAP = 300;

interface OfferCaps {
  provisioningId: string;
  category: string;
  maxQuantity: number;
}

/** The catalog's caps of the offer an increase is checked against; `offer` null when the catalog does not know it. */
export interface LicenseCapFacts {
  offerId: string;
  offer: OfferCaps | null;
}

/**
 * Before the unit: the catalog caps of the subscription's offer, asked only when the request
 * increases the quantity as the subscription stands now (a reduction needs no catalog fact).
 */
export async function licenseCapFacts(ctx: RequestContext<unknown>, subscriptionId: string, quantity: number): Promise<LicenseCapFacts | null> {
  const current = await glanceAtOwnSubscription(ctx, subscriptionId);
  if (!current || !(quantity > current.quantity)) return null;
  const [offer] = await ctx.graph.entities<OfferCaps>('catalog', 'Offer', [current.offerId], 'provisioningId category maxQuantity');
  return { offerId: current.offerId, offer: offer ?? null };
}

/**
 * License caps that also bind an increase of an existing subscription: the offer's maximum
 * per subscription (CAT-1) and the small-business cap of 300 licenses per customer, counted
 * over every partner's live subscriptions of the offer (CAT-6). The catalog facts were read
 * before the unit; the count is over this subgraph's own table, under the per-customer lock
 * checkouts take, so an increase and a checkout cannot both pass the cap.
 */
export async function assertWithinLicenseCaps(tx: SubscriptionsContext, subscription: Subscription, quantity: number, facts: LicenseCapFacts | null): Promise<void> {
  // The facts were read for a smaller quantity or another offer: the subscription changed meanwhile.
  if (!facts || facts.offerId !== subscription.offerId) throw conflict(`Subscription ${subscription.id} changed while its catalog facts were read; retry`);
  const offer = facts.offer;
  if (!offer) return;
  ensure(
    quantity <= offer.maxQuantity,
    'LICENSE_CAP_EXCEEDED',
    `${offer.provisioningId} allows at most ${offer.maxQuantity} licenses per subscription`,
    'CAT-1',
    ['quantity'],
  );
  if (offer.category !== 'SMALL_BUSINESS') return;
  await lockCustomer(tx.em, subscription.customerId);
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
