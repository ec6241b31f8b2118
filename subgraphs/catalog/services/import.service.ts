import { recordEvent } from '../../../shared/context';
import { badInput } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { Offer } from '../entities/offer.entity';
import type { CatalogContext } from '../loaders';
import type { OfferSeed } from '../seed/offers.data';
import { upsertOffers, upsertUpgradePaths } from '../seed/seed-catalog';
import type { UpgradePathSeed } from '../seed/upgrades.data';
import type { ImportOffersInput, OfferImportInput } from '../types/import.types';

const COUNTRY = /^[A-Z]{2}$/;
const DECIMAL = /^\d{1,10}(\.\d{1,4})?$/;
const TERMS = new Set(['P1M', 'P1Y', 'P3Y']);
const MAX_IMPORT = 500;

function validate(offer: OfferImportInput, index: number): void {
  const at = (field: string) => ['input', 'offers', String(index), field];
  if (!offer.provisioningId.trim() || offer.provisioningId.length > 200) throw badInput('provisioningId is required', at('provisioningId'));
  if (!offer.name.trim()) throw badInput('name is required', at('name'));
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
    recordEvent(ctx, { resourceType: 'Offer', resourceId: imported.map((o) => o.id).join(',').slice(0, 500), data: { count: imported.length } });
    return { offers: imported };
  }
}

export const importService = new ImportService();
