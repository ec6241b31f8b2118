import Decimal from 'decimal.js';
import type { Graph } from '../graph-client';
import { priceQuotes } from '../peers/catalog';
import type { PriceQuoteLineInput } from '../peers/catalog.generated';

/** BIL-5: the kinds of purchase a promotion may apply to (a trial conversion is none of them, TRI-3). */
export type QuoteTarget = 'NEW_PURCHASE' | 'RENEWAL' | 'EA_RENEWAL';

/** One purchase to price: the catalog's `priceQuotes` line. `target` null: no promotion applies (TRI-3). */
export interface QuoteLine {
  offerId: string;
  market: string;
  segment: string;
  termDuration: string;
  billingFrequency: string;
  at: Date;
  quantity: number;
  target: QuoteTarget | null;
}

/** The catalog's answer: prices per licence for one billing period, and the promotion that applies. */
export interface Quote {
  offerId: string;
  termDuration: string;
  billingFrequency: string;
  listPrice: { amount: string; currency: string };
  effectivePrice: { amount: string; currency: string };
  promotionId: string | null;
}

/** The price a term is bought at, per licence and month (how subscriptions keep it). */
export interface MonthlyTermPrice {
  unitPrice: string;
  listUnitPrice: string | null;
  promotionId: string | null;
  currency: string;
}

/** At most this many lines per call (the catalog's limit). */
const MAX_LINES = 500;

/**
 * BIL-7, BIL-5: the one way to ask the catalog what a purchase, a renewal or an EA renewal costs:
 * a quote per line, in line order (null where the offer is not sold so in that market).
 */
export async function quotePrices(graph: Graph, lines: readonly QuoteLine[]): Promise<(Quote | null)[]> {
  const quotes: (Quote | null)[] = [];
  for (let from = 0; from < lines.length; from += MAX_LINES) {
    const slice = lines.slice(from, from + MAX_LINES).map(quoteLineInput);
    quotes.push(...(await priceQuotes(graph, slice)));
  }
  return quotes;
}

/** One line as the catalog's `priceQuotes` takes it. */
export function quoteLineInput(line: QuoteLine): PriceQuoteLineInput {
  return {
    offerId: line.offerId,
    market: line.market,
    // The catalog validates both against its enums (BAD_USER_INPUT otherwise).
    segment: line.segment as PriceQuoteLineInput['segment'],
    termDuration: line.termDuration,
    billingFrequency: line.billingFrequency as PriceQuoteLineInput['billingFrequency'],
    at: line.at.toISOString(),
    quantity: line.quantity,
    target: line.target,
    trialConversion: line.target === null,
  };
}

const FREQUENCY_MONTHS: Record<string, number> = { MONTHLY: 1, ANNUAL: 12, TRIENNIAL: 36 };
const TERM_MONTHS: Record<string, number> = { P1M: 1, P1Y: 12, P3Y: 36 };

/**
 * A quote's period prices as monthly ones (a term's billing multiplies them back by the months of
 * its period). `listUnitPrice` only where a promotion discounts the price (BIL-5).
 */
export function monthlyTermPrice(quote: Quote): MonthlyTermPrice {
  const months = Math.min(FREQUENCY_MONTHS[quote.billingFrequency] ?? 1, TERM_MONTHS[quote.termDuration] ?? 1);
  const monthly = (amount: string) => new Decimal(amount).div(months).toDecimalPlaces(4).toFixed(4);
  const discounted = Boolean(quote.promotionId) && quote.effectivePrice.amount !== quote.listPrice.amount;
  return {
    unitPrice: monthly(quote.effectivePrice.amount),
    listUnitPrice: discounted ? monthly(quote.listPrice.amount) : null,
    promotionId: quote.promotionId,
    currency: quote.effectivePrice.currency,
  };
}
