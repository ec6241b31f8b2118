import { recordEvent } from '../../../shared/context';
import { notifyCatalogChanged } from '../entity-cache/change-feed';
import { badInput } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { Offer } from '../entities/offer.entity';
import type { CatalogContext } from '../context';
import type { OfferSeed } from '../seed/offers.data';
import { upsertOffers, upsertUpgradePaths } from '../seed/seed-catalog';
import type { UpgradePathSeed } from '../seed/upgrades.data';
import type { ImportOffersInput, OfferImportInput } from '../types/import.types';

const COUNTRY = /^[A-Z]{2}$/;
const DECIMAL = /^\d{1,10}(\.\d{1,4})?$/;
const TERMS = new Set(['P1M', 'P1Y', 'P3Y']);
const MAX_IMPORT = 500;
const PRODUCT_ID = /^[A-Z0-9]{12}$/;
const SKU_ID = /^[A-Z0-9]{4}$/;

function validate(offer: OfferImportInput, index: number): void {
  const at = (field: string) => ['input', 'offers', String(index), field];
  if (!offer.provisioningId.trim() || offer.provisioningId.length > 200) throw badInput('provisioningId is required', at('provisioningId'));
  if (!offer.name.trim()) throw badInput('name is required', at('name'));
  // BIL-7: Partner Center's catalog item key, both parts or none.
  if ((offer.productId != null) !== (offer.skuId != null)) throw badInput('productId and skuId are given together', at('productId'));
  if (offer.productId != null && !PRODUCT_ID.test(offer.productId)) throw badInput('productId is 12 capital letters or digits, e.g. CFQ7TTC0LF8Q', at('productId'));
  if (offer.skuId != null && !SKU_ID.test(offer.skuId)) throw badInput('skuId is 4 capital letters or digits, e.g. 0001', at('skuId'));
  if (!offer.segments.length) throw badInput('at least one segment is required', at('segments'));
  if (offer.markets.some((m) => !COUNTRY.test(m))) throw badInput('markets must be ISO 3166-1 alpha-2 codes', at('markets'));
  if (!DECIMAL.test(offer.listPriceUsd)) throw badInput('listPriceUsd must be a decimal string', at('listPriceUsd'));
  for (const price of offer.prices ?? []) {
    if (!COUNTRY.test(price.market) || !offer.markets.includes(price.market)) throw badInput('a price must name a market of the offer', at('prices'));
    if (!/^[A-Z]{3}$/.test(price.currency) || !DECIMAL.test(price.amount)) throw badInput('a price needs an ISO currency and a decimal amount', at('prices'));
  }
  if (offer.termDurations.some((t) => !TERMS.has(t))) throw badInput('termDurations are P1M, P1Y or P3Y', at('termDurations'));
  const min = offer.minQuantity ?? 1;
  const max = offer.maxQuantity ?? 10000;
  if (!Number.isInteger(min) || min < 1 || max < min) throw badInput('quantities need 1 ≤ minQuantity ≤ maxQuantity', at('minQuantity'));
  if (offer.addOnPercent !== undefined && offer.addOnPercent !== null && (offer.addOnPercent < 0 || offer.addOnPercent > 100)) {
    throw badInput('addOnPercent is a percentage', at('addOnPercent'));
  }
  if (offer.marketplaceTrialDays !== undefined && offer.marketplaceTrialDays !== null && offer.marketplaceTrialDays < 1) {
    throw badInput('marketplaceTrialDays must be positive', at('marketplaceTrialDays'));
  }
  if (offer.software && !offer.isSoftware) throw badInput('software choices belong to software SKUs (isSoftware)', at('software'));
  if (offer.software && !offer.software.versions.length) throw badInput('a software product names at least one version', at('software'));
  for (const term of offer.termBilling ?? []) {
    // SW-3: per-term billing narrows the SKU's own terms and frequencies.
    if (!offer.termDurations.includes(term.termDuration) || term.billingFrequencies.some((f) => !offer.billingFrequencies.includes(f))) {
      throw badInput('termBilling must name terms and billing frequencies of the offer', at('termBilling'));
    }
  }
}

function toSeed(offer: OfferImportInput): OfferSeed {
  return {
    id: offer.id ?? newId('offer'),
    name: offer.name.trim(),
    provisioningId: offer.provisioningId.trim(),
    productId: offer.productId ?? undefined,
    skuId: offer.skuId ?? undefined,
    productFamily: offer.productFamily,
    publisher: offer.publisher,
    isvPublisher: offer.isvPublisher,
    billingType: offer.billingType,
    category: offer.category,
    segments: [...new Set(offer.segments)],
    lifecycle: offer.lifecycle,
    termDurations: offer.termDurations,
    billingFrequencies: offer.billingFrequencies,
    minQuantity: offer.minQuantity ?? undefined,
    maxQuantity: offer.maxQuantity ?? undefined,
    onePerCustomer: offer.onePerCustomer ?? undefined,
    prerequisites: offer.prerequisites ?? undefined,
    markets: [...new Set(offer.markets)],
    usdPrice: offer.listPriceUsd,
    prices: offer.prices,
    trialOfferId: offer.trialOfferId ?? undefined,
    paidOfferId: offer.paidOfferId ?? undefined,
    teams: offer.includesTeams === undefined || offer.includesTeams === null ? undefined : offer.includesTeams ? 'WITH' : 'WITHOUT',
    addOnRule: offer.addOnRule ?? undefined,
    addOnPercent: offer.addOnPercent ?? undefined,
    exclusivePartners: offer.exclusivePartners ?? undefined,
    cspOptOut: offer.cspOptOut ?? undefined,
    transactable: offer.transactable ?? undefined,
    marketplaceTrialDays: offer.marketplaceTrialDays ?? undefined,
    setupUrl: offer.setupUrl ?? undefined,
    isSoftware: offer.isSoftware ?? undefined,
    isPerpetual: offer.isPerpetual ?? undefined,
    cancellable: offer.cancellable ?? undefined,
    exchangeable: offer.exchangeable ?? undefined,
    azureReservation: offer.azureReservation ?? undefined,
    commercialOnly: offer.commercialOnly ?? undefined,
    software: offer.software
      ? {
          versions: offer.software.versions,
          languages: offer.software.languages ?? undefined,
          fileTypes: offer.software.fileTypes ?? undefined,
          keyKind: offer.software.keyType,
          installInstructionsUrl: offer.software.installInstructionsUrl ?? undefined,
        }
      : undefined,
    termBilling: offer.termBilling ?? undefined,
  };
}

/** Operator import of offers (CAT-1): idempotent by provisioning id. */
export class ImportService {
  /** The imported offers in input order; one audit row for the whole import (AUD-1). */
  async importOffers(ctx: CatalogContext, input: ImportOffersInput): Promise<{ offers: Offer[] }> {
    if (!input.offers.length || input.offers.length > MAX_IMPORT) throw badInput(`between 1 and ${MAX_IMPORT} offers per import`, ['input', 'offers']);
    input.offers.forEach(validate);
    const provisioningIds = input.offers.map((o) => o.provisioningId.trim());
    if (new Set(provisioningIds).size !== provisioningIds.length) throw badInput('provisioning ids must be unique in one import', ['input', 'offers']);
    const givenIds = input.offers.flatMap((o) => (o.id ? [o.id] : []));
    if (givenIds.length) {
      const taken = await ctx.em.find(Offer, { id: { $in: givenIds } });
      const clash = taken.find((o) => input.offers.some((i) => i.id === o.id && i.provisioningId.trim() !== o.provisioningId));
      if (clash) throw badInput(`offer id ${clash.id} belongs to ${clash.provisioningId}`, ['input', 'offers']);
    }
    // One catalog import at a time: the ProductId/SkuId check below sees every committed import.
    await ctx.em.execute(`select pg_advisory_xact_lock(hashtext('catalog.importOffers'))`);
    await this.checkProductIds(ctx, input.offers);
    await upsertOffers(ctx.em, input.offers.map(toSeed));
    const restated = input.offers.filter((o) => o.upgradeTargets);
    if (restated.length) {
      const paths: UpgradePathSeed[] = restated.flatMap((o) =>
        o.upgradeTargets!.map((t) => ({ from: o.provisioningId.trim(), to: t.provisioningId, kind: t.kind })),
      );
      if (paths.some((p) => p.from === p.to)) throw badInput('an offer cannot be its own upgrade target', ['input', 'offers']);
      await upsertUpgradePaths(ctx.em, paths, restated.map((o) => o.provisioningId.trim()));
    }
    const offers = await ctx.em.find(Offer, { provisioningId: { $in: provisioningIds } }, { refresh: true });
    const byProvisioningId = new Map(offers.map((o) => [o.provisioningId, o]));
    const imported = provisioningIds.map((id) => byProvisioningId.get(id)!);
    // Up to 500 offers per import: the audit row names as many as fit in 500 characters, the count is exact.
    recordEvent(ctx, { type: 'OFFERS_IMPORTED', resourceType: 'Offer', resourceId: imported.map((o) => o.id).join(',').slice(0, 500), data: { v: 1, count: imported.length } });
    await notifyCatalogChanged(ctx.em);
    return { offers: imported };
  }

  /** BIL-7: a ProductId/SkuId names one offer, after this import as before it (BAD_USER_INPUT otherwise). */
  private async checkProductIds(ctx: CatalogContext, offers: OfferImportInput[]): Promise<void> {
    const named = offers.flatMap((o, index) => (o.productId && o.skuId ? [{ index, key: `${o.productId}/${o.skuId}`, provisioningId: o.provisioningId.trim() }] : []));
    if (!named.length) return;
    const seen = new Map<string, string>();
    for (const { index, key, provisioningId } of named) {
      if (seen.has(key)) throw badInput(`ProductId/SkuId ${key} is given to two offers of this import`, ['input', 'offers', String(index), 'productId']);
      seen.set(key, provisioningId);
    }
    const holders = await ctx.em.find(Offer, { $or: named.map(({ key }) => ({ productId: key.split('/')[0], skuId: key.split('/')[1] })) }, { fields: ['id', 'provisioningId', 'productId', 'skuId'] });
    const restated = new Set(offers.map((o) => o.provisioningId.trim()));
    for (const holder of holders) {
      const key = `${holder.productId}/${holder.skuId}`;
      // An offer of this import that names other ids gives its own up.
      const keeps = !restated.has(holder.provisioningId) || offers.some((o) => o.provisioningId.trim() === holder.provisioningId && !o.productId);
      if (keeps && seen.get(key) !== holder.provisioningId) {
        const index = named.find((n) => n.key === key)!.index;
        throw badInput(`ProductId/SkuId ${key} belongs to offer ${holder.id}`, ['input', 'offers', String(index), 'productId']);
      }
    }
  }
}

export const importService = new ImportService();
