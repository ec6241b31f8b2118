import { LockMode } from '@mikro-orm/core';
import { recordEvent, requireIdentity } from '../../../shared/context';
import { BusinessRuleError, BusinessRuleErrors, conflict, ensure, notFound } from '../../../shared/errors';
import { readModels } from '../../../shared/db/read-model';
import { Cart, type CartLineData } from '../entities/cart.entity';
import { Subscription } from '../entities/subscription.entity';
import { RelationshipFact } from '../entities/relationship-fact.entity';
import type { SubscriptionsContext } from '../context';
import type { CheckoutRequest } from './checkout-request';
import { checkoutViolations, type ExistingCounts, type OfferFacts } from './checkout.policy';
import type { CheckoutFacts } from './checkout-facts';
import { LIVE_STATUSES } from './license-caps';
import { placeholders } from '../../../shared/db/orm';
import { lockCustomer } from '../customer-lock';
import { bindKey, claimKey, fingerprintOf } from './idempotency';
import { placeOrder, type PlacedOrder } from './order-placement';
import { ownedOnly } from '../../../shared/db/tenant-filter';
import { numberSetting } from '../../../shared/config';

/** ORD-4: the directory limit of a customer tenant (configurable). */
export function directorySubscriptionLimit(): number {
  return numberSetting(process.env.DIRECTORY_SUBSCRIPTION_LIMIT, 250, { whole: true });
}

const RETRY = 'The cart or the customer changed while checkout was reading its facts; retry';

/** ORD-1 … ORD-7: turns a cart into an order and its subscriptions, all lines or none. */
export class CheckoutService {
  /**
   * The checkout unit, with the facts of other subgraphs already read. Under the cart's row
   * lock and the customer's lock it re-checks what this subgraph owns (the cart still open
   * with the lines the facts were read for, the relationship not removed since, the customer's
   * live subscriptions) and places the order.
   */
  async checkout(tx: SubscriptionsContext, request: CheckoutRequest, facts: CheckoutFacts | null): Promise<PlacedOrder> {
    const identity = requireIdentity(tx);
    const { cartId, idempotencyKey: key } = request;
    // The cart row lock serialises concurrent checkouts of one cart.
    const cart = await tx.em.findOne(Cart, { id: cartId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!cart) throw notFound('Cart', cartId);
    if (key) await claimKey(tx, key, cart);
    ensure(cart.status === 'OPEN', 'INVALID_STATE', 'This cart has already been checked out', 'ORD-1', ['cartId']);
    if (!facts || facts.fingerprint !== fingerprintOf(cart)) throw conflict(RETRY);

    // Checkouts for one customer run one at a time, so CAT-4/6/7 and ORD-4 counts cannot race,
    // and a relationship removal is applied either before this check or after the order.
    await lockCustomer(tx.em, cart.customerId);
    // Only read: a read model, which the unit does not track nor check at its flush.
    const [relationship] = await readModels(tx.em, RelationshipFact, { partnerId: identity.tenantId, customerId: cart.customerId }, { fields: ['active'], limit: 1 });
    ensure(!relationship || relationship.active, 'NO_RELATIONSHIP', 'Your relationship with this customer has been removed', 'REL-1');
    const existing = await this.existingCounts(tx, cart.customerId);
    // Offers the catalog was not asked about would count as absent (CAT-6/CAT-7 totals).
    if (facts.parties.customer && Object.keys(existing.licensesByOfferAllPartners).some((id) => !facts.askedOfferIds.includes(id))) throw conflict(RETRY);

    const coterminous = await this.coterminousTargets(tx, cart.customerId, cart.lines);
    const violations = checkoutViolations({
      partner: facts.parties.partner,
      customer: facts.parties.customer,
      lines: cart.lines,
      offers: Object.fromEntries([...facts.offers].map(([id, offer]) => [id, { ...offer, price: offer.price ?? null } as OfferFacts])),
      existing,
      attestationAccepted: request.attestationAccepted,
      additionalResellers: facts.additionalResellers,
      resellers: facts.parties.resellers,
      directoryLimit: directorySubscriptionLimit(),
      coterminous: Object.fromEntries([...coterminous].map(([id, s]) => [id, { status: s.status, termEnd: s.termEnd }])),
      now: await tx.clock.now(),
    });
    // ORD-1: every violation found, not only the first.
    if (violations.length) throw new BusinessRuleErrors(violations.map((v) => new BusinessRuleError(v.code, v.message, v.rule, v.field)));

    const placed = await placeOrder(tx, {
      cart,
      offers: facts.offers,
      resellers: facts.parties.resellers,
      additionalResellers: facts.additionalResellers,
      attestationAccepted: request.attestationAccepted,
      coterminous,
      prices: facts.prices,
      offersInGrace: existing.inGrace,
    });
    if (key) await bindKey(tx, key, placed.order.id);
    recordEvent(tx, { resourceType: 'Order', resourceId: placed.order.id, data: { cartId: cart.id } });
    return placed;
  }

  /** ORD-1: the caller's subscriptions of the customer that the cart's lines end with. */
  private async coterminousTargets(tx: SubscriptionsContext, customerId: string, lines: CartLineData[]): Promise<Map<string, Subscription>> {
    const ids = [...new Set(lines.flatMap((l) => (l.coterminousWithSubscriptionId ? [l.coterminousWithSubscriptionId] : [])))];
    if (!ids.length) return new Map();
    const rows = await tx.em.find(Subscription, { id: { $in: ids }, customerId }, ownedOnly());
    return new Map(rows.map((s) => [s.id, s]));
  }

  /**
   * Counts over the customer's live subscriptions of every partner (the subscriptions subgraph
   * owns them all): only numbers leave this query, never another partner's records. The same
   * statement names the offers of which the customer holds an EXPIRED subscription still in its
   * grace period (SUB-7), so placement reads such a subscription only where there is one.
   */
  private async existingCounts(tx: SubscriptionsContext, customerId: string): Promise<ExistingCounts & { inGrace: Set<string> }> {
    const now = await tx.clock.now();
    const rows = await tx.em.execute<{ offer_id: string; subs: number; licenses: number; in_grace: boolean }[]>(
      `select s.offer_id,
              (count(*) filter (where s.status in (${placeholders(LIVE_STATUSES)})))::int as subs,
              coalesce(sum(s.quantity) filter (where s.status in (${placeholders(LIVE_STATUSES)})), 0)::int as licenses,
              bool_or(s.status = 'EXPIRED' and s.ended_at is null and s.grace_until > ?) as in_grace
         from subscriptions.subscription s
        where s.customer_id = ?
          and (s.status in (${placeholders(LIVE_STATUSES)}) or (s.status = 'EXPIRED' and s.ended_at is null and s.grace_until > ?))
        group by s.offer_id`,
      [...LIVE_STATUSES, ...LIVE_STATUSES, now.toISOString(), customerId, ...LIVE_STATUSES, now.toISOString()],
    );
    const counts = { liveSubscriptionsAllPartners: 0, subscriptionsByOfferAllPartners: {}, licensesByOfferAllPartners: {}, inGrace: new Set<string>() } as ExistingCounts & { inGrace: Set<string> };
    for (const row of rows) {
      if (row.in_grace) counts.inGrace.add(row.offer_id);
      if (!Number(row.subs)) continue;
      counts.liveSubscriptionsAllPartners += Number(row.subs);
      counts.subscriptionsByOfferAllPartners[row.offer_id] = Number(row.subs);
      counts.licensesByOfferAllPartners[row.offer_id] = Number(row.licenses);
    }
    return counts;
  }
}

export const checkoutService = new CheckoutService();
