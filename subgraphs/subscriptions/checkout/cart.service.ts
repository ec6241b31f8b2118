import { recordEvent, requireIdentity } from '../../../shared/context';
import { badInput, BusinessRuleError, BusinessRuleErrors, ensure, notFound } from '../../../shared/errors';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { newId } from '../../../shared/ids';
import { validTerms } from '../../../shared/offer-terms';
import * as v from '../../../shared/validation';
import { Cart, type CartLineData } from '../entities/cart.entity';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import type { CartLineInput, CreateCartInput, UpdateCartInput } from '../types/cart.types';
import { catalogOffers, type CatalogOffer } from './facts.service';
import { customerCap, perSubscriptionCap } from './license-caps';
import { perpetualCartLine } from '../software/software-purchase';
import { customersPeer } from '../peers/customers';
import { ownedOnly } from '../../../shared/db/tenant-filter';

export const MAX_CART_LINES = 50;

/** Offers of the requested lines as the catalog describes them, read before the unit opens. */
export type LineOffers = Map<string, CatalogOffer>;

/** Carts of the calling partner (ORD-1). */
export class CartService {
  /** The caller's cart, else NOT_FOUND (ACT-2: another partner's cart is not found). */
  async get(ctx: SubscriptionsContext, id: string): Promise<Cart> {
    requireIdentity(ctx);
    const cart = id.length <= 100 ? await ctx.em.findOne(Cart, { id }) : null;
    if (!cart) throw notFound('Cart', id);
    return cart;
  }

  /**
   * Before createCart's unit: the customer as the caller sees it (ACT-2: without a relationship,
   * or unknown, it is NOT_FOUND, the same answer for both), then the lines' offers.
   */
  async offersForCreate(ctx: SubscriptionsContext, input: CreateCartInput): Promise<LineOffers> {
    const customerId = v.requiredText(input.customerId, 'customerId', 100);
    const [customer, offers] = await Promise.all([customersPeer.customer(ctx.graph, customerId), this.lineOffers(ctx, input.lines)]);
    if (!customer) throw notFound('Customer', customerId);
    return offers;
  }

  /**
   * Before updateCart's unit: refusals in the order a partner hears them (unknown cart, cart
   * checked out, then its lines), read without a lock; the unit checks the cart again.
   */
  async offersForUpdate(ctx: SubscriptionsContext, input: UpdateCartInput): Promise<LineOffers> {
    // A fork of its own: the unit's EntityManager must read the cart afresh, not this copy.
    const cart = await this.get({ ...ctx, em: ctx.em.fork() }, v.requiredText(input.cartId, 'cartId', 100));
    ensureOpen(cart);
    return this.lineOffers(ctx, input.lines);
  }

  /** ORD-1: a cart for one customer; every line checked against the catalog's offers. */
  async create(tx: SubscriptionsContext, input: CreateCartInput, offers: LineOffers): Promise<Cart> {
    const identity = requireIdentity(tx);
    const customerId = v.requiredText(input.customerId, 'customerId', 100);
    const lines = linesOf(input.lines, offers);
    await ensureOwnSubscriptions(tx, customerId, lines);
    const now = await tx.clock.now();
    const cart = tx.em.create(Cart, {
      id: newId('cart'),
      partnerId: identity.tenantId,
      customerId,
      lines,
      createdBy: identity.userId,
      createdAt: now,
      updatedAt: now,
    });
    await tx.em.flush();
    recordEvent(tx, { resourceType: 'Cart', resourceId: cart.id });
    return cart;
  }

  /** ORD-1: discards an open cart; a checked-out cart is history (INVALID_STATE). */
  async delete(tx: SubscriptionsContext, cartId: string): Promise<boolean> {
    const cart = await this.get(tx, v.requiredText(cartId, 'cartId', 100));
    ensure(cart.status === 'OPEN', 'INVALID_STATE', 'This cart has been checked out: it stays with its order and cannot be deleted', 'ORD-1', ['cartId']);
    tx.em.remove(cart);
    await tx.em.flush();
    recordEvent(tx, { resourceType: 'Cart', resourceId: cart.id, data: { customerId: cart.customerId, lines: cart.lines.length } });
    return true;
  }

  /** Replaces the lines of an open cart; a checked-out cart is history (INVALID_STATE). */
  async update(tx: SubscriptionsContext, input: UpdateCartInput, offers: LineOffers): Promise<Cart> {
    const cart = await this.get(tx, v.requiredText(input.cartId, 'cartId', 100));
    ensureOpen(cart);
    cart.lines = linesOf(input.lines, offers);
    await ensureOwnSubscriptions(tx, cart.customerId, cart.lines);
    cart.updatedAt = await tx.clock.now();
    await tx.em.flush();
    recordEvent(tx, { resourceType: 'Cart', resourceId: cart.id });
    return cart;
  }

  /** Line count and offer ids (BAD_USER_INPUT) before the catalog is asked for the offers. */
  private async lineOffers(ctx: SubscriptionsContext, inputs: CartLineInput[]): Promise<LineOffers> {
    if (!inputs.length) throw badInput('A cart needs at least one line', ['lines']);
    if (inputs.length > MAX_CART_LINES) throw badInput(`A cart has at most ${MAX_CART_LINES} lines`, ['lines']);
    return catalogOffers(ctx, offerIdsOf(inputs));
  }
}

/** ORD-1: a coterminous line names one of the caller's subscriptions of this customer; any other is NOT_FOUND (ACT-2). */
async function ensureOwnSubscriptions(tx: SubscriptionsContext, customerId: string, lines: CartLineData[]): Promise<void> {
  const ids = [...new Set(lines.flatMap((l) => (l.coterminousWithSubscriptionId ? [l.coterminousWithSubscriptionId] : [])))];
  if (!ids.length) return;
  const found = await tx.em.find(Subscription, { id: { $in: ids }, customerId }, ownedOnly());
  const missing = ids.find((id) => !found.some((s) => s.id === id));
  if (missing) throw notFound('Subscription', missing);
}

function ensureOpen(cart: Cart): void {
  ensure(cart.status === 'OPEN', 'INVALID_STATE', 'This cart has been checked out and can no longer be changed', 'ORD-1', ['cartId']);
}

function offerIdsOf(inputs: CartLineInput[]): string[] {
  return inputs.map((line, index) => v.requiredText(line.offerId, `lines.${index}.offerId`, 100));
}

/**
 * Quantities, terms and billing frequencies the offer allows (BAD_USER_INPUT); unknown offers
 * NOT_FOUND; then the license caps the cart alone already breaks (CAT-1, CAT-6), as business
 * rules in the payload, every one of them. Checkout counts the customer's existing licenses too.
 */
function linesOf(inputs: CartLineInput[], offers: LineOffers): CartLineData[] {
  if (!inputs.length) throw badInput('A cart needs at least one line', ['lines']);
  const offerIds = offerIdsOf(inputs);
  const lines = inputs.map((line, index) => {
    const offer = offers.get(offerIds[index]);
    if (!offer) throw notFound('Offer', offerIds[index]);
    return lineOf(line, offer, index);
  });
  const violations: BusinessRuleError[] = [];
  const totals = new Map<string, number>();
  lines.forEach((line, index) => {
    const offer = offers.get(line.offerId)!;
    const cap = perSubscriptionCap(offer, line.quantity);
    if (cap) violations.push(new BusinessRuleError(cap.code, cap.message, cap.rule, ['lines', String(index), 'quantity']));
    totals.set(line.offerId, (totals.get(line.offerId) ?? 0) + line.quantity);
  });
  for (const [offerId, total] of totals) {
    const cap = customerCap(offers.get(offerId)!, total);
    const index = lines.findIndex((l) => l.offerId === offerId);
    if (cap) violations.push(new BusinessRuleError(cap.code, cap.message, cap.rule, ['lines', String(index), 'quantity']));
  }
  if (violations.length) throw new BusinessRuleErrors(violations);
  return lines;
}

function lineOf(input: CartLineInput, offer: CatalogOffer, index: number): CartLineData {
  const field = (name: string) => ['lines', String(index), name];
  // SW-1: perpetual software is a line without term or billing frequency.
  if (offer.isPerpetual) {
    if (!Number.isInteger(input.quantity) || input.quantity <= 0) throw badInput('quantity must be a positive integer', field('quantity'));
    if (input.quantity < offer.minQuantity) throw badInput(`${offer.provisioningId} needs at least ${offer.minQuantity} licenses`, field('quantity'));
    return perpetualCartLine(input, offer, index);
  }
  // CAT-1: the one validation of term, billing frequency and quantity every new subscription passes.
  const { termDuration, billingFrequency } = validTerms(offer, input, ['lines', String(index)]);
  const line: CartLineData = { offerId: offer.id, quantity: input.quantity, termDuration, billingFrequency };
  if (input.resellerPartnerId !== undefined && input.resellerPartnerId !== null) {
    line.resellerPartnerId = v.partnerIdFormat(input.resellerPartnerId, field('resellerPartnerId').join('.'));
  }
  const coterminous = v.optionalText(input.coterminousWithSubscriptionId, field('coterminousWithSubscriptionId').join('.'), 100);
  if (coterminous) line.coterminousWithSubscriptionId = coterminous;
  return line;
}

export const cartService = new CartService();
