import type { CartLineData } from '../entities/cart.entity';
import { monthlyTermPrice, type MonthlyTermPrice, type Quote, type QuoteLine } from '../../../shared/pricing/price-quotes';
import type { CatalogOffer } from './facts.service';

/** A cart line to quote as a new purchase, with its position in the cart. */
export interface PurchaseQuoteLine {
  position: number;
  line: QuoteLine;
}

/**
 * BIL-5, BIL-7: the cart lines to price as new purchases in the customer's market and segment
 * at the business clock's `at`: every line with a term and a billing frequency (perpetual
 * software has neither, SW-1), asked in the same catalog request as the offers.
 */
export function purchaseQuoteLines(lines: readonly CartLineData[], customer: { country: string; segment: string }, at: Date): PurchaseQuoteLine[] {
  return lines.flatMap((line, position) =>
    line.termDuration && line.billingFrequency
      ? [{ position, line: { offerId: line.offerId, market: customer.country, segment: customer.segment, termDuration: line.termDuration, billingFrequency: line.billingFrequency, at, quantity: line.quantity, target: 'NEW_PURCHASE' as const } }]
      : [],
  );
}

/**
 * The price of each cart line (by position) from the catalog's quotes, with the promotion that
 * applies; null for perpetual software, lines without a term, offers the catalog does not know,
 * and lines it does not quote so.
 */
export function purchasePrices(
  count: number,
  asked: readonly PurchaseQuoteLine[],
  quotes: readonly (Quote | null)[],
  offers: Map<string, CatalogOffer>,
): (MonthlyTermPrice | null)[] {
  const prices: (MonthlyTermPrice | null)[] = Array.from({ length: count }, () => null);
  asked.forEach(({ position, line }, index) => {
    const offer = offers.get(line.offerId);
    const quote = quotes[index];
    if (offer && !offer.isPerpetual && quote) prices[position] = monthlyTermPrice(quote);
  });
  return prices;
}
