import { requireIdentity } from '../../../shared/context';
import { badInput, ensure, notFound } from '../../../shared/errors';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { newId } from '../../../shared/ids';
import * as v from '../../../shared/validation';
import { Cart, type CartLineData } from '../entities/cart.entity';
import type { SubscriptionsContext } from '../loaders';
import type { CartLineInput, CreateCartInput, UpdateCartInput } from '../types/cart.types';
import { catalogOffers, type CatalogOffer } from './facts.service';

export const MAX_CART_LINES = 50;

/** Carts of the calling partner (ORD-1). */
export class CartService {
  /** The caller's cart, else NOT_FOUND (ACT-2: another partner's cart is not found). */
  async get(ctx: SubscriptionsContext, id: string): Promise<Cart> {
    const identity = requireIdentity(ctx);
    const cart = identity.tenantKind === 'PARTNER' && id.length <= 100 ? await ctx.em.findOne(Cart, { id, partnerId: identity.tenantId }) : null;
    if (!cart) throw notFound('Cart', id);
    return cart;
  }

  /** ORD-1: a cart for one customer; every line checked against the catalog now. */
  async create(ctx: SubscriptionsContext, input: CreateCartInput): Promise<Cart> {
    const identity = requireIdentity(ctx);
    const customerId = v.requiredText(input.customerId, 'customerId', 100);
    const lines = await this.validateLines(ctx, input.lines);
    const now = await ctx.clock.now();
    const cart = ctx.em.create(Cart, {
      id: newId('cart'),
      partnerId: identity.tenantId,
      customerId,
      lines,
      createdBy: identity.userId,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.em.flush();
    return cart;
  }

  /** Replaces the lines of an open cart; a checked-out cart is history (INVALID_STATE). */
  async update(ctx: SubscriptionsContext, input: UpdateCartInput): Promise<Cart> {
    const cart = await this.get(ctx, v.requiredText(input.cartId, 'cartId', 100));
    ensure(cart.status === 'OPEN', 'INVALID_STATE', 'This cart has been checked out and can no longer be changed', 'ORD-1', ['cartId']);
    cart.lines = await this.validateLines(ctx, input.lines);
    cart.updatedAt = await ctx.clock.now();
    await ctx.em.flush();
    return cart;
  }

  /** Quantities, terms and billing frequencies the offer allows (BAD_USER_INPUT); unknown offers NOT_FOUND. */
  async validateLines(ctx: SubscriptionsContext, inputs: CartLineInput[]): Promise<CartLineData[]> {
    if (!inputs.length) throw badInput('A cart needs at least one line', ['lines']);
    if (inputs.length > MAX_CART_LINES) throw badInput(`A cart has at most ${MAX_CART_LINES} lines`, ['lines']);
    const offerIds = inputs.map((line, index) => v.requiredText(line.offerId, `lines.${index}.offerId`, 100));
    const offers = await catalogOffers(ctx, offerIds);
    return inputs.map((line, index) => {
      const offer = offers.get(offerIds[index]);
      if (!offer) throw notFound('Offer', offerIds[index]);
      return lineOf(line, offer, index);
    });
  }
}

function lineOf(input: CartLineInput, offer: CatalogOffer, index: number): CartLineData {
  const field = (name: string) => ['lines', String(index), name];
  if (!Number.isInteger(input.quantity) || input.quantity <= 0) throw badInput('quantity must be a positive integer', field('quantity'));
  if (input.quantity > offer.maxQuantity) throw badInput(`${offer.provisioningId} allows at most ${offer.maxQuantity} licenses per line`, field('quantity'));
  if (input.quantity < offer.minQuantity) throw badInput(`${offer.provisioningId} needs at least ${offer.minQuantity} licenses`, field('quantity'));
  if (!offer.termDurations.length) throw badInput(`${offer.provisioningId} has no term and cannot be ordered in a cart`, field('offerId'));
  const termDuration = input.termDuration ?? (offer.termDurations.includes('P1Y') ? 'P1Y' : offer.termDurations[0]);
  if (!offer.termDurations.includes(termDuration)) {
    throw badInput(`${offer.provisioningId} allows the terms ${offer.termDurations.join(', ')}`, field('termDuration'));
  }
  const billingFrequency =
    input.billingFrequency ?? (offer.billingFrequencies.includes(BillingFrequency.MONTHLY) ? BillingFrequency.MONTHLY : (offer.billingFrequencies[0] as BillingFrequency));
  if (!offer.billingFrequencies.includes(billingFrequency)) {
    throw badInput(`${offer.provisioningId} allows the billing frequencies ${offer.billingFrequencies.join(', ')}`, field('billingFrequency'));
  }
  if (!billingFitsTerm(termDuration, billingFrequency)) {
    throw badInput(`A ${termDuration} term cannot be billed ${billingFrequency.toLowerCase()}`, field('billingFrequency'));
  }
  const line: CartLineData = { offerId: offer.id, quantity: input.quantity, termDuration, billingFrequency };
  if (input.resellerPartnerId !== undefined && input.resellerPartnerId !== null) {
    line.resellerPartnerId = v.partnerIdFormat(input.resellerPartnerId, field('resellerPartnerId').join('.'));
  }
  return line;
}

/** A billing period never exceeds the term (P1M is billed monthly, P1Y monthly or annually). */
export function billingFitsTerm(termDuration: string, billing: BillingFrequency): boolean {
  const termMonths: Record<string, number> = { P1M: 1, P1Y: 12, P3Y: 36 };
  const billingMonths: Record<BillingFrequency, number> = { MONTHLY: 1, ANNUAL: 12, TRIENNIAL: 36 };
  return billingMonths[billing] <= (termMonths[termDuration] ?? 0);
}

export const cartService = new CartService();
