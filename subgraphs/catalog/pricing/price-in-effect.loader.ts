import DataLoader from 'dataloader';
import type { EntityManager } from '../../../shared/db/orm';

/** What the price is asked for: an offer in a market and segment, for a term and plan, at an instant, for a licence count. */
export interface PriceLine {
  offerId: string;
  market: string;
  segment: string;
  termDuration: string;
  billingFrequency: string;
  at: Date;
  quantity: number;
}

/** BIL-7: the price-list row in effect for a line. */
export interface PriceInEffect {
  currency: string;
  unitPrice: string;
  erpPrice: string | null;
  effectiveStart: Date;
  effectiveEnd: Date;
}

export function priceLineKey(line: PriceLine): string {
  return JSON.stringify([line.offerId, line.market, line.segment, line.termDuration, line.billingFrequency, line.at.toISOString(), line.quantity]);
}

/**
 * BIL-7: one statement for every line of a request (a page of offers, a cart's lines): for each,
 * the row of the price list in effect at its instant (start ≤ instant ≤ end) in its licence
 * tier. Where rows overlap, the one that started last wins (Partner Center: rely on the
 * latest date range); then the higher tier, then the currency's code.
 */
export function priceInEffectLoader(em: EntityManager): DataLoader<string, PriceInEffect | null> {
  return new DataLoader(async (keys) => {
    const lines = keys.map((key, k) => {
      const [o, m, s, t, b, a, q] = JSON.parse(key) as [string, string, string, string, string, string, number];
      return { k, o, m, s, t, b, a, q };
    });
    const rows = await em.execute<{ k: number; currency: string; unit_price: string; erp_price: string | null; effective_start: Date; effective_end: Date }[]>(
      `select l.k, e.currency, e.unit_price::text as unit_price, e.erp_price::text as erp_price, e.effective_start, e.effective_end
         from jsonb_to_recordset(?::jsonb) as l(k int, o text, m text, s text, t text, b text, a timestamptz, q int)
         cross join lateral (
           select * from catalog.price_list_entry e
            where e.offer_id = l.o and e.market = l.m and e.segment = l.s and e.term_duration = l.t and e.billing_plan = l.b
              and e.effective_start <= l.a and e.effective_end >= l.a and e.tier_min <= l.q and (e.tier_max is null or e.tier_max >= l.q)
            order by e.effective_start desc, e.tier_min desc, e.currency
            limit 1) e`,
      [JSON.stringify(lines)],
    );
    const found = new Map(rows.map((row) => [Number(row.k), row]));
    return keys.map((_, k) => {
      const row = found.get(k);
      return row
        ? { currency: row.currency, unitPrice: row.unit_price, erpPrice: row.erp_price, effectiveStart: new Date(row.effective_start), effectiveEnd: new Date(row.effective_end) }
        : null;
    });
  });
}
