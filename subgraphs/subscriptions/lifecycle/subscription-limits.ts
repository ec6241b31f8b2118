import type { RequestContext } from '../../../shared/context';
import { BusinessRuleError, conflict } from '../../../shared/errors';
import { placeholders } from '../../../shared/db/orm';
import type { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { lockCustomer } from '../customer-lock';
import { customerCap, LIVE_STATUSES, perSubscriptionCap, type CappedOffer } from '../checkout/license-caps';
import { glanceAtOwnSubscription } from './subscription-peek';
import type { Claim } from './changes-in-flight';
import { catalogPeer } from '../peers/catalog';
import { directorySubscriptionLimit } from '../checkout/checkout.service';

/** The catalog's caps of the offer an increase is checked against; `offer` null when the catalog does not know it. */
export interface LicenseCapFacts {
  offerId: string;
  offer: CappedOffer | null;
}

/**
 * Before the unit: the catalog caps of the subscription's offer, asked only when the request
 * increases the quantity as the subscription stands now (a reduction needs no catalog fact).
 * SUB-11: a request whose `expectedVersion` is already not the subscription's asks nothing: its
 * unit answers CONFLICT at the version check, before the caps would be used (or with the state
 * machine's refusal, which comes first), so a loser pays no call to the catalog. `claim`: the
 * subscription is held in this process from here until the change settles ({@link ChangesInFlight}).
 */
export async function licenseCapFacts(
  ctx: RequestContext<unknown>,
  input: { subscriptionId: string; quantity: number; expectedVersion?: number | null },
  claim?: Claim,
): Promise<LicenseCapFacts | null> {
  const current = await glanceAtOwnSubscription(ctx, input.subscriptionId);
  if (current) claim?.();
  if (!current || !(input.quantity > current.quantity)) return null;
  if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== current.version) return null;
  return { offerId: current.offerId, offer: await catalogPeer.offerCaps(ctx.graph, current.offerId) };
}

/**
 * License caps that also bind an increase of an existing subscription (CAT-1, CAT-6), counted
 * over every partner's live subscriptions of the offer under the per-customer lock checkouts
 * take, so an increase and a checkout cannot both pass the cap. The catalog facts were read
 * before the unit.
 */
export async function assertWithinLicenseCaps(tx: SubscriptionsContext, subscription: Subscription, quantity: number, facts: LicenseCapFacts | null): Promise<void> {
  // The facts were read for a smaller quantity or another offer: the subscription changed meanwhile.
  if (!facts || facts.offerId !== subscription.offerId) throw conflict(`Subscription ${subscription.id} changed while its catalog facts were read; retry`);
  if (!facts.offer) return;
  // The subscription is live (the state machine allowed the change): it counts with its current quantity.
  await assertLicenseCaps(tx, subscription.customerId, subscription.offerId, facts.offer, quantity, quantity - subscription.quantity);
}

/**
 * CAT-1/CAT-6: `perSubscription` licenses in one subscription of `offerId`, and `added` more
 * for the customer across every partner's live subscriptions of it (small-business suites,
 * counted under the per-customer lock checkouts take; only the number is read).
 */
export async function assertLicenseCaps(tx: SubscriptionsContext, customerId: string, offerId: string, offer: CappedOffer, perSubscription: number, added: number): Promise<void> {
  let violation = perSubscriptionCap(offer, perSubscription);
  if (!violation && offer.category === 'SMALL_BUSINESS') {
    await lockCustomer(tx.em, customerId);
    const [row] = await tx.em.execute<{ n: string | number }[]>(
      `select coalesce(sum(quantity), 0) as n from subscriptions.subscription where customer_id = ? and offer_id = ? and status in (${placeholders(LIVE_STATUSES)})`,
      [customerId, offerId, ...LIVE_STATUSES],
    );
    violation = customerCap(offer, Number(row?.n ?? 0) + added);
  }
  if (violation) throw new BusinessRuleError(violation.code, violation.message, violation.rule, ['quantity']);
}

/**
 * ORD-4: why the customer's directory has no place for one more subscription (null when it
 * has): its live subscriptions across every partner, counted under the per-customer lock
 * checkouts take. Every way a subscription is created outside a checkout asks it (upgrades into
 * a new subscription, EA renewals).
 */
export async function directoryRefusal(tx: SubscriptionsContext, customerId: string): Promise<string | null> {
  await lockCustomer(tx.em, customerId);
  const [row] = await tx.em.execute<{ n: string | number }[]>(
    `select count(*)::int as n from subscriptions.subscription where customer_id = ? and status in (${placeholders(LIVE_STATUSES)})`,
    [customerId, ...LIVE_STATUSES],
  );
  const held = Number(row?.n ?? 0);
  const limit = directorySubscriptionLimit();
  return held < limit ? null : `The customer holds ${held} subscriptions; the directory limit is ${limit}`;
}

