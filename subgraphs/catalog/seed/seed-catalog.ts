import type { EntityManager } from '../../../shared/db/orm';
import { marketPrice } from './markets';
import { OFFER_SEEDS, type OfferSeed } from './offers.data';
import { UPGRADE_PATHS, type UpgradePathSeed } from './upgrades.data';

/** CAT-2: taxes are included only in Australia and Brazil. */
const TAX_INCLUDED_MARKETS = new Set(['AU', 'BR']);

/**
 * Loads offers and their per-market prices, idempotently by provisioning id (the same path
 * serves the demo seed, the tests and operator imports). An existing offer keeps its id.
 * Prices of markets the offer is no longer sold in are removed.
 */
export async function upsertOffers(em: EntityManager, offers: OfferSeed[]): Promise<number> {
  for (const offer of offers) {
    await em.execute(
      `insert into catalog.offer (id, name, provisioning_id, product_family, publisher, isv_publisher, billing_type, category,
         segments, lifecycle, term_durations, billing_frequencies, min_quantity, max_quantity, one_per_customer, prerequisites, markets,
         trial_offer_id, paid_offer_id, list_price_usd, teams, add_on_rule, add_on_percent, exclusive_partners, csp_opt_out, transactable,
         marketplace_trial_days, setup_url, is_software, is_perpetual, cancellable,
         exchangeable, azure_reservation, commercial_only, software_versions, software_languages, software_file_types,
         software_key_kind, install_instructions_url, term_billing, product_id, sku_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?::text[], ?::text[], ?, ?, ?, ?::text[], ?::text[],
         ?, ?, ?::numeric, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?,
         ?, ?, ?, ?::text[], ?::text[], ?::text[], ?, ?, ?::jsonb, ?, ?)
       on conflict (provisioning_id) do update set name = excluded.name, product_family = excluded.product_family,
         publisher = excluded.publisher, isv_publisher = excluded.isv_publisher, billing_type = excluded.billing_type,
         category = excluded.category, segments = excluded.segments, lifecycle = excluded.lifecycle,
         term_durations = excluded.term_durations, billing_frequencies = excluded.billing_frequencies,
         min_quantity = excluded.min_quantity, max_quantity = excluded.max_quantity, one_per_customer = excluded.one_per_customer,
         prerequisites = excluded.prerequisites, markets = excluded.markets, trial_offer_id = excluded.trial_offer_id,
         paid_offer_id = excluded.paid_offer_id, list_price_usd = excluded.list_price_usd, teams = excluded.teams,
         add_on_rule = excluded.add_on_rule, add_on_percent = excluded.add_on_percent, exclusive_partners = excluded.exclusive_partners,
         csp_opt_out = excluded.csp_opt_out, transactable = excluded.transactable, marketplace_trial_days = excluded.marketplace_trial_days,
         setup_url = excluded.setup_url, is_software = excluded.is_software, is_perpetual = excluded.is_perpetual,
         cancellable = excluded.cancellable, exchangeable = excluded.exchangeable, azure_reservation = excluded.azure_reservation,
         commercial_only = excluded.commercial_only, software_versions = excluded.software_versions,
         software_languages = excluded.software_languages, software_file_types = excluded.software_file_types,
         software_key_kind = excluded.software_key_kind, install_instructions_url = excluded.install_instructions_url,
         term_billing = excluded.term_billing,
         -- BIL-7: an import that names no ProductId/SkuId keeps the offer's.
         product_id = coalesce(excluded.product_id, catalog.offer.product_id),
         sku_id = case when excluded.product_id is null then catalog.offer.sku_id else excluded.sku_id end`,
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
        offer.paidOfferId ?? null,
        offer.usdPrice,
        offer.teams ?? null,
        offer.addOnRule ?? null,
        offer.addOnPercent ?? null,
        pgArray(offer.exclusivePartners ?? []),
        offer.cspOptOut ?? false,
        offer.transactable ?? true,
        offer.marketplaceTrialDays ?? null,
        offer.setupUrl ?? null,
        offer.isSoftware ?? false,
        offer.isPerpetual ?? false,
        offer.cancellable ?? true,
        offer.exchangeable ?? true,
        offer.azureReservation ?? false,
        offer.commercialOnly ?? false,
        pgArray(offer.software?.versions ?? []),
        pgArray(offer.software?.languages ?? []),
        pgArray(offer.software?.fileTypes ?? []),
        offer.software?.keyKind ?? null,
        offer.software?.installInstructionsUrl ?? null,
        offer.termBilling ? JSON.stringify(offer.termBilling) : null,
        offer.productId ?? null,
        offer.skuId ?? null,
      ],
    );
    const overrides = new Map((offer.prices ?? []).map((p) => [p.market, p]));
    const prices = offer.markets.map((market) => {
      const given = overrides.get(market);
      if (given) return { market, currency: given.currency, amount: given.amount, tax_included: TAX_INCLUDED_MARKETS.has(market) };
      const converted = marketPrice(offer.usdPrice, market);
      return { market, currency: converted.currency, amount: converted.amount, tax_included: converted.taxIncluded };
    });
    await em.execute(
      `with target as (select id from catalog.offer where provisioning_id = ?),
       removed as (delete from catalog.offer_price where offer_id = (select id from target) and market <> all(?::text[]))
       insert into catalog.offer_price (offer_id, market, currency, amount, tax_included)
       select (select id from target), p.market, p.currency, p.amount::numeric, p.tax_included
         from jsonb_to_recordset(?::jsonb) as p(market text, currency text, amount text, tax_included boolean)
       on conflict (offer_id, market) do update set currency = excluded.currency, amount = excluded.amount, tax_included = excluded.tax_included`,
      [offer.provisioningId, pgArray(offer.markets), JSON.stringify(prices)],
    );
  }
  return offers.length;
}

/**
 * CAT-10: declares upgrade paths (idempotent). With `replaceFrom`, the paths of those source
 * SKUs that are not in `paths` are removed first (an import restating a SKU's targets).
 */
export async function upsertUpgradePaths(em: EntityManager, paths: readonly UpgradePathSeed[], replaceFrom: readonly string[] = []): Promise<void> {
  if (replaceFrom.length) {
    await em.execute(
      `delete from catalog.upgrade_path where source_provisioning_id = any(?::text[])
         and (source_provisioning_id, target_provisioning_id) not in (select p.f, p.t from jsonb_to_recordset(?::jsonb) as p(f text, t text))`,
      [pgArray(replaceFrom), JSON.stringify(paths.map((p) => ({ f: p.from, t: p.to })))],
    );
  }
  if (!paths.length) return;
  await em.execute(
    `insert into catalog.upgrade_path (source_provisioning_id, target_provisioning_id, kind)
     select p.f, p.t, p.k from jsonb_to_recordset(?::jsonb) as p(f text, t text, k text)
     on conflict (source_provisioning_id, target_provisioning_id) do update set kind = excluded.kind`,
    [JSON.stringify(paths.map((p) => ({ f: p.from, t: p.to, k: p.kind })))],
  );
}

function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
}

export async function seedCatalog(em: EntityManager): Promise<number> {
  const count = await upsertOffers(em, OFFER_SEEDS);
  await upsertUpgradePaths(em, UPGRADE_PATHS);
  return count;
}
