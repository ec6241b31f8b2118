import { createHash } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { requireIdentity } from '../../../shared/context';
import { BusinessRuleError, conflict, ensure, notFound } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import * as v from '../../../shared/validation';
import { Cart, type CartLineData } from '../entities/cart.entity';
import { Order } from '../entities/order.entity';
import { OrderLine, OrderLineStatus } from '../entities/order-line.entity';
import type { SubscriptionsContext } from '../loaders';
import type { CheckoutCartInput } from '../types/order.types';
import { addOnRuleOf, checkoutViolations, type ExistingCounts, type OfferFacts } from './checkout.policy';
import { catalogOffers, partyFacts, type CatalogOffer } from './facts.service';
import { provisionSubscription } from './provisioning.service';

/** ORD-4: the directory limit of a customer tenant (configurable). */
export function directorySubscriptionLimit(): number {
  const configured = Number(process.env.DIRECTORY_SUBSCRIPTION_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : 250;
}

const LIVE = `('PENDING', 'ACTIVE', 'SUSPENDED')`;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CheckoutOutcome {
  order: Order;
  /** ORD-7: the same key and cart again; nothing was created. */
  replay: boolean;
}

/** ORD-1 … ORD-7: turns a cart into an order and its subscriptions, all lines or none. */
export class CheckoutService {
  async checkout(tx: SubscriptionsContext, input: CheckoutCartInput): Promise<CheckoutOutcome> {
    const identity = requireIdentity(tx);
    const cartId = v.requiredText(input.cartId, 'cartId', 100);
    // ORD-7: the input field, else the client's Idempotency-Key header.
    const key = v.optionalText(input.idempotencyKey ?? tx.idempotencyKey, 'idempotencyKey', 200);
    const additionalResellers = (input.additionalResellers ?? []).map((r, i) => v.requiredText(r, `additionalResellers.${i}`, 20));
    // The cart row lock serialises concurrent checkouts of one cart.
    const cart = await tx.em.findOne(Cart, { id: cartId, partnerId: identity.tenantId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!cart) throw notFound('Cart', cartId);

    if (key) {
      const replay = await this.claimKey(tx, identity.tenantId, key, fingerprintOf(cart));
      if (replay) return { order: replay, replay: true };
    }
    ensure(cart.status === 'OPEN', 'INVALID_STATE', 'This cart has already been checked out', 'ORD-1', ['cartId']);

    // Checkouts for one customer run one at a time, so CAT-4/6/7 and ORD-4 counts cannot race.
    await tx.em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`checkout:${cart.customerId}`]);
    const existing = await this.existingCounts(tx, cart.customerId);
    const resellerNames = [...cart.lines.flatMap((l) => (l.resellerPartnerId ? [l.resellerPartnerId] : [])), ...additionalResellers];
    const parties = await partyFacts(tx, cart.customerId, identity.tenantId, resellerNames, identity.partnerType === 'INDIRECT_PROVIDER');
    const offers = parties.customer
      ? await catalogOffers(tx, [...cart.lines.map((l) => l.offerId), ...Object.keys(existing.licensesByOfferAllPartners)], {
          id: parties.customer.id,
          market: parties.customer.country,
        })
      : new Map<string, CatalogOffer>();

    const violations = checkoutViolations({
      partner: parties.partner,
      customer: parties.customer,
      lines: cart.lines,
      offers: Object.fromEntries([...offers].map(([id, offer]) => [id, { ...offer, price: offer.price ?? null } as OfferFacts])),
      existing,
      attestationAccepted: input.attestationAccepted,
      additionalResellers,
      resellers: parties.resellers,
      directoryLimit: directorySubscriptionLimit(),
    });
    if (violations.length) {
      const [first] = violations;
      throw new BusinessRuleError(first.code, first.message, first.rule, first.field);
    }

    const order = await this.placeOrder(tx, cart, offers, parties.resellers, additionalResellers, input.attestationAccepted);
    if (key) {
      await tx.em.execute(`update subscriptions.idempotency_key set order_id = ? where partner_id = ? and key = ?`, [order.id, identity.tenantId, key], 'run');
    }
    return { order, replay: false };
  }

  /**
   * ORD-7: claims `key` for this request. A concurrent request with the same key waits on the
   * unique (partner_id, key) row until the first commits, then replays its order; a key
   * first used for another cart is refused.
   */
  private async claimKey(tx: SubscriptionsContext, partnerId: string, key: string, fingerprint: string): Promise<Order | null> {
    const now = await tx.clock.now();
    const inserted = await tx.em.execute<{ key: string }[]>(
      `insert into subscriptions.idempotency_key (partner_id, key, fingerprint, operation, created_at)
       values (?, ?, ?, 'checkoutCart', ?) on conflict (partner_id, key) do nothing returning key`,
      [partnerId, key, fingerprint, now.toISOString()],
    );
    if (inserted.length) return null;
    const [row] = await tx.em.execute<{ fingerprint: string; order_id: string | null }[]>(
      `select fingerprint, order_id from subscriptions.idempotency_key where partner_id = ? and key = ?`,
      [partnerId, key],
    );
    if (!row) throw conflict('This idempotency key is in use by a concurrent request; retry');
    ensure(row.fingerprint === fingerprint, 'IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different cart', 'ORD-7', ['idempotencyKey']);
    if (!row.order_id) throw conflict('This idempotency key is in use by a concurrent request; retry');
    const order = await tx.em.findOne(Order, { id: row.order_id, partnerId });
    if (!order) throw conflict('This idempotency key is in use by a concurrent request; retry');
    return order;
  }

  /**
   * Counts over the customer's live subscriptions of every partner (the subscriptions subgraph
   * owns them all): only numbers leave this query, never another partner's records.
   */
  private async existingCounts(tx: SubscriptionsContext, customerId: string): Promise<ExistingCounts> {
    const partnerId = requireIdentity(tx).tenantId;
    const rows = await tx.em.execute<{ offer_id: string; subs: number; own: number; licenses: number }[]>(
      `select s.offer_id, count(*)::int as subs, (count(*) filter (where s.partner_id = ?))::int as own, coalesce(sum(s.quantity), 0)::int as licenses
         from subscriptions.subscription s
        where s.customer_id = ? and s.status in ${LIVE}
        group by s.offer_id`,
      [partnerId, customerId],
    );
    const counts: ExistingCounts = { liveSubscriptionsAllPartners: 0, partnerSubscriptionsByOffer: {}, licensesByOfferAllPartners: {} };
    for (const row of rows) {
      counts.liveSubscriptionsAllPartners += Number(row.subs);
      counts.partnerSubscriptionsByOffer[row.offer_id] = Number(row.own);
      counts.licensesByOfferAllPartners[row.offer_id] = Number(row.licenses);
    }
    return counts;
  }

  private async placeOrder(
    tx: SubscriptionsContext,
    cart: Cart,
    offers: Map<string, CatalogOffer>,
    resellers: Record<string, { tenantId?: string }>,
    additionalResellers: string[],
    attestationAccepted: boolean,
  ): Promise<Order> {
    const identity = requireIdentity(tx);
    const now = await tx.clock.now();
    const order = tx.em.create(Order, {
      id: newId('ord'),
      partnerId: identity.tenantId,
      customerId: cart.customerId,
      cartId: cart.id,
      createdBy: identity.userId,
      createdAt: now,
      attestationAccepted,
      additionalResellers,
    });
    // SUB-9: add-ons align with a base; bases of this cart are provisioned first.
    const bases = await this.ownBaseSubscriptions(tx, cart.customerId);
    const indexed = cart.lines.map((line, position) => ({ line, position }));
    const ordered = [...indexed.filter((l) => !isAddOn(offers, l.line)), ...indexed.filter((l) => isAddOn(offers, l.line))];
    for (const { line, position } of ordered) {
      const offer = offers.get(line.offerId)!;
      const price = offer.price!;
      const base = isAddOn(offers, line) ? bases.find((b) => offer.prerequisites.includes(offers.get(b.offerId)?.provisioningId ?? '')) : undefined;
      const marketplaceTrial = Boolean(offer.marketplaceTrialDays && offer.marketplaceTrialDays > 0);
      const subscription = await provisionSubscription(tx, {
        partnerId: identity.tenantId,
        customerId: cart.customerId,
        offerId: offer.id,
        quantity: line.quantity,
        termDuration: line.termDuration,
        billingFrequency: line.billingFrequency,
        unitPrice: price.amount,
        // ORD-6: nothing is charged during a marketplace free trial; the paid term is.
        freeOfCharge: marketplaceTrial,
        currency: price.currency,
        resellerPartnerId: line.resellerPartnerId,
        resellerTenantId: line.resellerPartnerId ? resellers[line.resellerPartnerId]?.tenantId : undefined,
        baseSubscriptionId: base?.id,
        alignedTermEnd: marketplaceTrial ? trialEnd(now, offer.marketplaceTrialDays!) : base && base.termEnd > now ? base.termEnd : undefined,
        isTrial: marketplaceTrial || Boolean(offer.isTrial) || offer.category === 'TRIAL',
        orderId: order.id,
      });
      if (!isAddOn(offers, line)) bases.push({ id: subscription.id, offerId: offer.id, termEnd: subscription.termEnd });
      tx.em.create(OrderLine, {
        id: newId('ol'),
        orderId: order.id,
        position,
        offerId: offer.id,
        quantity: line.quantity,
        termDuration: line.termDuration,
        billingFrequency: line.billingFrequency,
        resellerPartnerId: line.resellerPartnerId,
        status: OrderLineStatus.PROVISIONED,
        subscriptionId: subscription.id,
        setupUrl: offer.setupUrl ?? undefined,
      });
    }
    cart.status = 'CHECKED_OUT';
    cart.orderId = order.id;
    cart.updatedAt = now;
    await tx.em.flush();
    return order;
  }

  /** The caller's active subscriptions of the customer, candidates for add-on alignment (SUB-9). */
  private async ownBaseSubscriptions(tx: SubscriptionsContext, customerId: string): Promise<{ id: string; offerId: string; termEnd: Date }[]> {
    const rows = await tx.em.execute<{ id: string; offer_id: string; term_end: Date | string }[]>(
      `select id, offer_id, term_end from subscriptions.subscription
        where customer_id = ? and partner_id = ? and status = 'ACTIVE' and base_subscription_id is null order by term_end desc, id`,
      [customerId, requireIdentity(tx).tenantId],
    );
    return rows.map((row) => ({ id: row.id, offerId: row.offer_id, termEnd: new Date(row.term_end) }));
  }
}

function isAddOn(offers: Map<string, CatalogOffer>, line: CartLineData): boolean {
  const offer = offers.get(line.offerId);
  return Boolean(offer && addOnRuleOf({ ...offer, price: null }));
}

/** ORD-6: a marketplace trial of `days` days ends on the last instant of its last day. */
export function trialEnd(start: Date, days: number): Date {
  const day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  return new Date(day + days * DAY_MS - 1);
}

/** ORD-7: the request fingerprint — the cart and its lines. */
export function fingerprintOf(cart: Cart): string {
  return createHash('sha256').update(JSON.stringify({ cartId: cart.id, lines: cart.lines })).digest('hex');
}

export const checkoutService = new CheckoutService();
