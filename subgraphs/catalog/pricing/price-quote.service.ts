import Decimal from 'decimal.js';
import { badInput } from '../../../shared/errors';
import { BillingFrequency, PromotionTarget, Segment } from '../../../shared/graphql/enums';
import { Money } from '../../../shared/graphql/types';
import { formatMoney } from '../../../shared/money';
import type { CatalogContext } from '../context';
import { marketCode } from '../priced-market';
import { applicablePromotion } from '../promotions/promotion.policy';
import { priceLineKey } from './price-in-effect.loader';
import { basePeriodPrice, discountedPrice, sellsTerm, TERM_MONTHS } from './price.policy';
import { PriceQuote, PriceSource, type PriceTermsArgs } from './price-quote.types';

/** What to price: `target` null is a purchase no promotion applies to (a trial conversion, TRI-3). */
export interface QuoteRequest {
  offerId: string;
  market: string;
  segment?: Segment;
  termDuration: string;
  billingFrequency: BillingFrequency;
  at?: Date;
  quantity?: number;
  target: PromotionTarget | null;
}

const money = (amount: Decimal.Value, currency: string) => Object.assign(new Money(), { amount: formatMoney(amount, currency), currency });

/**
 * BIL-7, BIL-5: "the price of offer O in market M and segment S for term T billed B at instant X,
 * with the promotion that applies to this kind of purchase". Every read is batched per request
 * (offers, price-list rows, base prices, promotions), so a page or a cart costs a few statements.
 */
export class PriceQuoteService {
  /** The quote, or null where the offer is unknown, not sold for the term and plan, or has no price in the market. */
  async quote(ctx: CatalogContext, request: QuoteRequest): Promise<PriceQuote | null> {
    const market = marketCode(request.market);
    if (TERM_MONTHS[request.termDuration] === undefined) throw badInput('termDuration is P1M, P1Y or P3Y', ['termDuration']);
    const quantity = request.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity < 1) throw badInput('quantity is at least 1', ['quantity']);
    const at = request.at ?? (await ctx.clock.now());
    const segment = request.segment ?? Segment.COMMERCIAL;
    const line = { offerId: request.offerId, market, segment, termDuration: request.termDuration, billingFrequency: request.billingFrequency, at, quantity };
    const offer = await ctx.loaders.offer.load(request.offerId);
    if (!offer || !sellsTerm(offer, line.termDuration, line.billingFrequency)) return null;
    const [listed, base, promotions] = await Promise.all([
      ctx.loaders.priceInEffect.load(priceLineKey(line)),
      ctx.loaders.price.load(`${offer.id}|${market}`),
      request.target ? ctx.loaders.promotionsOf.load(offer.id) : Promise.resolve([]),
    ]);
    // BIL-7: the price list wins where a row is in effect; else the catalog's base price for the period.
    const price = listed
      ? { amount: new Decimal(listed.unitPrice), currency: listed.currency, source: PriceSource.PRICE_LIST }
      : base && { amount: basePeriodPrice(base.amount, line.billingFrequency), currency: base.currency, source: PriceSource.CATALOG };
    if (!price) return null;
    // BIL-5: at most one promotion, the best that applies; none without a target (TRI-3).
    const promotion = request.target ? applicablePromotion(promotions, { ...line, target: request.target }) : undefined;
    return Object.assign(new PriceQuote(), {
      ...line,
      listPrice: money(price.amount, price.currency),
      effectivePrice: Object.assign(new Money(), {
        amount: promotion ? discountedPrice(price.amount, promotion.discountPercent, price.currency) : formatMoney(price.amount, price.currency),
        currency: price.currency,
      }),
      promotionId: promotion?.id ?? null,
      discountPercent: promotion ? Number(promotion.discountPercent) : null,
      source: price.source,
      effectiveStartDate: listed?.effectiveStart ?? null,
      effectiveEndDate: listed?.effectiveEnd ?? null,
      erpPrice: listed?.erpPrice ? money(listed.erpPrice, listed.currency) : null,
    });
  }

  /** BIL-7: `Offer.price` with a term and plan: the list price of the quote (no promotion); both or neither, else BAD_USER_INPUT. */
  async listPrice(ctx: CatalogContext, offer: { id: string }, market: string, terms: PriceTermsArgs): Promise<Money | null> {
    if (!terms.termDuration || !terms.billingFrequency) throw badInput('give termDuration and billingFrequency together (at and segment need them)', ['termDuration']);
    const quote = await this.quote(ctx, { ...terms, termDuration: terms.termDuration, billingFrequency: terms.billingFrequency, offerId: offer.id, market, target: null });
    return quote?.listPrice ?? null;
  }

  /** Many quotes in one request: their reads are batched together. */
  quotes(ctx: CatalogContext, requests: readonly QuoteRequest[]): Promise<(PriceQuote | null)[]> {
    return Promise.all(requests.map((request) => this.quote(ctx, request)));
  }
}

export const priceQuoteService = new PriceQuoteService();
