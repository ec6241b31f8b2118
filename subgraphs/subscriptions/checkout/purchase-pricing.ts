import type { SubscriptionsContext } from '../context';
import type { CartLineData } from '../entities/cart.entity';
import { monthlyTermPrice, quotePrices, type MonthlyTermPrice, type QuoteLine } from '../../../shared/pricing/price-quotes';
import type { CatalogOffer } from './facts.service';

/**
 * BIL-5, BIL-7: the price of each cart line as a new purchase in the customer's market and
 * segment at the business clock's now, with the promotion that applies (one catalog call);
 * null for perpetual software, lines without a term, and offers the catalog does not quote so.
 */
export async function purchasePrices(
  ctx: SubscriptionsContext,
  lines: readonly CartLineData[],
  offers: Map<string, CatalogOffer>,
  customer: { country: string; segment: string },
): Promise<(MonthlyTermPrice | null)[]> {
  const at = await ctx.clock.now();
  const asked: { position: number; line: QuoteLine }[] = [];
  lines.forEach((line, position) => {
    const offer = offers.get(line.offerId);
    if (!offer || offer.isPerpetual || !line.termDuration || !line.billingFrequency) return;
    asked.push({
      position,
      line: { offerId: line.offerId, market: customer.country, segment: customer.segment, termDuration: line.termDuration, billingFrequency: line.billingFrequency, at, quantity: line.quantity, target: 'NEW_PURCHASE' },
    });
  });
  const prices: (MonthlyTermPrice | null)[] = lines.map(() => null);
  if (!asked.length) return prices;
  const quotes = await quotePrices(ctx.graph, asked.map((a) => a.line));
  asked.forEach(({ position }, index) => {
    const quote = quotes[index];
    prices[position] = quote ? monthlyTermPrice(quote) : null;
  });
  return prices;
}
