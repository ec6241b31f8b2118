import { requireIdentity } from '../../../shared/context';
import { newId } from '../../../shared/ids';
import type { Cart, CartLineData } from '../entities/cart.entity';
import { Order } from '../entities/order.entity';
import { OrderLine, OrderLineStatus } from '../entities/order-line.entity';
import type { SubscriptionsContext } from '../context';
import { addOnRuleOf } from './checkout.policy';
import type { CatalogOffer } from './facts.service';
import type { MonthlyTermPrice } from '../../../shared/pricing/price-quotes';
import { provisionSubscription } from './provisioning.service';
import { placePerpetualLine } from '../software/software-purchase';
import { transition } from '../transitions/subscription-transitions';
import { applyOutcome, stateOf } from '../transitions/transition-effects';
import { Subscription } from '../entities/subscription.entity';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { ownedOnly, unscoped } from '../../../shared/db/tenant-filter';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Placement {
  cart: Cart;
  offers: Map<string, CatalogOffer>;
  resellers: Record<string, { tenantId?: string }>;
  additionalResellers: string[];
  attestationAccepted: boolean;
  /** ORD-1: the subscriptions lines end with, checked by the checkout policy. */
  coterminous: Map<string, Subscription>;
  /** BIL-5, BIL-7: the quoted price of each line (by position); null: the catalog's base price. */
  prices: readonly (MonthlyTermPrice | null)[];
  /** SUB-7: offers of which the customer holds an EXPIRED subscription in its grace period (read under the customer's lock). */
  offersInGrace: ReadonlySet<string>;
}

/** An order as placed: its lines in cart order and the subscriptions they created, as written. */
export interface PlacedOrder {
  order: Order;
  lines: OrderLine[];
  subscriptions: Subscription[];
}

/**
 * ORD-1: the order of a checked cart, one provisioned subscription per line (each recorded as
 * SUBSCRIPTION_CREATED by provisioning) — perpetual software an order line only (SW-1) — and
 * the cart closed. Runs in the checkout's unit.
 */
export async function placeOrder(tx: SubscriptionsContext, placement: Placement): Promise<PlacedOrder> {
  const { cart, offers, resellers } = placement;
  const identity = requireIdentity(tx);
  const now = await tx.clock.now();
  const order = tx.em.create(Order, {
    id: newId('ord'),
    partnerId: identity.tenantId,
    customerId: cart.customerId,
    cartId: cart.id,
    createdBy: identity.userId,
    createdAt: now,
    attestationAccepted: placement.attestationAccepted,
    additionalResellers: placement.additionalResellers,
  });
  // SUB-9: add-ons align with a base; bases of this cart are provisioned first. Read only for a cart with add-ons.
  const bases = cart.lines.some((line) => isAddOn(offers, line)) ? await ownBaseSubscriptions(tx, cart.customerId) : [];
  const lines: OrderLine[] = [];
  const subscriptions: Subscription[] = [];
  const indexed = cart.lines.map((line, position) => ({ line, position }));
  const ordered = [...indexed.filter((l) => !isAddOn(offers, l.line)), ...indexed.filter((l) => isAddOn(offers, l.line))];
  for (const { line, position } of ordered) {
    const offer = offers.get(line.offerId)!;
    // SW-1: perpetual software is an order line with its charge, no subscription.
    if (offer.isPerpetual) {
      lines.push(await placePerpetualLine(tx, order, line, position, offer));
      continue;
    }
    // BIL-5, BIL-7: the quote's price and promotion for a new purchase; the catalog's base price where there is no quote.
    const quoted = placement.prices[position];
    const price = quoted ? { amount: quoted.unitPrice, currency: quoted.currency } : offer.price!;
    const base = isAddOn(offers, line) ? bases.find((b) => offer.prerequisites.includes(offers.get(b.offerId)?.provisioningId ?? '')) : undefined;
    const marketplaceTrial = Boolean(offer.marketplaceTrialDays && offer.marketplaceTrialDays > 0);
    const coterminous = line.coterminousWithSubscriptionId ? placement.coterminous.get(line.coterminousWithSubscriptionId) : undefined;
    const subscription = await provisionSubscription(tx, {
      partnerId: identity.tenantId,
      customerId: cart.customerId,
      offerId: offer.id,
      quantity: line.quantity,
      termDuration: line.termDuration!,
      billingFrequency: line.billingFrequency!,
      unitPrice: price.amount,
      listUnitPrice: quoted?.listUnitPrice,
      promotionId: quoted?.promotionId,
      // ORD-6: nothing is charged during a marketplace free trial; the paid term is.
      freeOfCharge: marketplaceTrial,
      currency: price.currency,
      resellerPartnerId: line.resellerPartnerId,
      resellerTenantId: line.resellerPartnerId ? resellers[line.resellerPartnerId]?.tenantId : undefined,
      baseSubscriptionId: base?.id,
      // ORD-6 trial term; ORD-1 a chosen coterminous end; SUB-9 an add-on ends with its base.
      alignedTermEnd: marketplaceTrial ? trialEnd(now, offer.marketplaceTrialDays!) : (coterminous?.termEnd ?? (base && base.termEnd > now ? base.termEnd : undefined)),
      // CAT-9: the catalog says which SKUs are trials; ORD-6: a marketplace free trial is one too.
      isTrial: marketplaceTrial || Boolean(offer.isTrial),
      orderId: order.id,
    });
    subscriptions.push(subscription);
    if (!isAddOn(offers, line)) bases.push({ id: subscription.id, offerId: offer.id, termEnd: subscription.termEnd });
    if (placement.offersInGrace.has(offer.id)) await recoverExpired(tx, subscription, now);
    lines.push(tx.em.create(OrderLine, {
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
    }));
  }
  cart.status = 'CHECKED_OUT';
  cart.orderId = order.id;
  cart.updatedAt = now;
  await tx.em.flush();
  lines.sort((a, b) => a.position - b.position);
  return { order, lines, subscriptions };
}

/**
 * SUB-7: buying an offer again while the customer's EXPIRED subscription of it (held by any
 * partner) is in its 30-day grace takes it over without interruption: the expired one ends now.
 */
async function recoverExpired(tx: SubscriptionsContext, bought: Subscription, now: Date): Promise<void> {
  // SUB-7: the expired subscription may be another partner's, so this read is unscoped.
  const expired = await tx.em.findOne(
    Subscription,
    { customerId: bought.customerId, offerId: bought.offerId, status: SubscriptionStatus.EXPIRED, endedAt: null, graceUntil: { $gt: now } },
    unscoped({ orderBy: { graceUntil: 'asc' as const, id: 'asc' as const } }),
  );
  if (expired) await applyOutcome(tx, expired, transition(stateOf(expired), { kind: 'end', recoveredBy: bought.id }, now), now);
}

/** The caller's active subscriptions of the customer, candidates for add-on alignment (SUB-9). */
async function ownBaseSubscriptions(tx: SubscriptionsContext, customerId: string): Promise<{ id: string; offerId: string; termEnd: Date }[]> {
  const rows = await tx.em.find(
    Subscription,
    { customerId, status: SubscriptionStatus.ACTIVE, baseSubscriptionId: null },
    ownedOnly({ orderBy: { termEnd: 'desc' as const, id: 'asc' as const } }),
  );
  return rows.map((s) => ({ id: s.id, offerId: s.offerId, termEnd: s.termEnd }));
}

function isAddOn(offers: Map<string, CatalogOffer>, line: CartLineData): boolean {
  const offer = offers.get(line.offerId);
  return Boolean(offer && addOnRuleOf(offer));
}

/** ORD-6: a marketplace trial of `days` days ends on the last instant of its last day. */
export function trialEnd(start: Date, days: number): Date {
  const day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  return new Date(day + days * DAY_MS - 1);
}
