import type { EntityManager } from '../../../shared/db/orm';
import { marketPrice } from './markets';
import { OFFER_SEEDS, type OfferSeed } from './offers.data';

/**
 * Loads offers and their per-market prices, idempotently by provisioning id (the same path
 * serves the demo seed, the tests and operator imports).
 */
export async function upsertOffers(em: EntityManager, offers: OfferSeed[]): Promise<number> {
  for (const offer of offers) {
    await em.execute(
      `insert into catalog.offer (id, name, provisioning_id, product_family, publisher, isv_publisher, billing_type, category,
         segments, lifecycle, term_durations, billing_frequencies, min_quantity, max_quantity, one_per_customer, prerequisites, markets, trial_offer_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?::text[], ?::text[], ?, ?, ?, ?::text[], ?::text[], ?)
       on conflict (provisioning_id) do update set name = excluded.name, product_family = excluded.product_family,
         publisher = excluded.publisher, isv_publisher = excluded.isv_publisher, billing_type = excluded.billing_type,
         category = excluded.category, segments = excluded.segments, lifecycle = excluded.lifecycle,
         term_durations = excluded.term_durations, billing_frequencies = excluded.billing_frequencies,
         min_quantity = excluded.min_quantity, max_quantity = excluded.max_quantity, one_per_customer = excluded.one_per_customer,
         prerequisites = excluded.prerequisites, markets = excluded.markets, trial_offer_id = excluded.trial_offer_id`,
      [
        offer.id,
        offer.name,
        offer.provisioningId,
        offer.productFamily,
        offer.publisher,
        offer.isvPublisher ?? null,
        offer.billingType,
        offer.category,
        pgArray(offer.segments),
        offer.lifecycle,
        pgArray(offer.termDurations),
        pgArray(offer.billingFrequencies),
        offer.minQuantity ?? 1,
        offer.maxQuantity ?? 10000,
        offer.onePerCustomer ?? false,
        pgArray(offer.prerequisites ?? []),
        pgArray(offer.markets),
        offer.trialOfferId ?? null,
      ],
    );
    const prices = offer.markets.map((market) => ({ market, ...marketPrice(offer.usdPrice, market) }));
    await em.execute(
      `insert into catalog.offer_price (offer_id, market, currency, amount, tax_included)
       select (select id from catalog.offer where provisioning_id = ?), p.market, p.currency, p.amount::numeric, p.tax_included
         from jsonb_to_recordset(?::jsonb) as p(market text, currency text, amount text, tax_included boolean)
       on conflict (offer_id, market) do update set currency = excluded.currency, amount = excluded.amount, tax_included = excluded.tax_included`,
      [offer.provisioningId, JSON.stringify(prices.map((p) => ({ market: p.market, currency: p.currency, amount: p.amount, tax_included: p.taxIncluded })))],
    );
  }
  return offers.length;
}

function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
}

export function seedCatalog(em: EntityManager): Promise<number> {
  return upsertOffers(em, OFFER_SEEDS);
}
