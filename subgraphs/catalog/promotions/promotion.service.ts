import type { FilterQuery } from '@mikro-orm/core';
import { recordEvent } from '../../../shared/context';
import { readPage } from '../../../shared/db/read-model';
import { badInput, notFound } from '../../../shared/errors';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import { COUNTRY_REGION } from '../../../shared/regions';
import { Offer } from '../entities/offer.entity';
import type { CatalogContext } from '../context';
import { marketCode } from '../priced-market';
import { sellsTerm, TERM_MONTHS } from '../pricing/price.policy';
import { offerService } from '../services/offer.service';
import { Promotion } from './promotion.entity';
import { eligibilityOf, ineligibilities, PromotionIneligibility } from './promotion.policy';
import type { ImportPromotionsInput, PromotionEligibility, PromotionEligibilityArgs, PromotionFilter, PromotionImportInput } from './promotion.types';

const MAX_IMPORT = 500;
const PROMOTION_ID = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/;

/** BIL-5: promotions, imported by the operator and read by everyone; eligibility per customer. */
export class PromotionService {
  /** Creates or replaces promotions by id, all or nothing; one audit record for the import (AUD-1). */
  async import(ctx: CatalogContext, input: ImportPromotionsInput): Promise<{ promotions: Promotion[] }> {
    const list = input.promotions;
    if (!list.length || list.length > MAX_IMPORT) throw badInput(`between 1 and ${MAX_IMPORT} promotions per import`, ['input', 'promotions']);
    const ids = list.map((p) => p.id);
    if (new Set(ids).size !== ids.length) throw badInput('promotion ids must be unique in one import', ['input', 'promotions']);
    const offers = await ctx.em.find(Offer, { id: { $in: [...new Set(list.map((p) => p.offerId))] } }, { fields: ['id', 'markets', 'termDurations', 'billingFrequencies', 'termBilling'] });
    const byId = new Map(offers.map((offer) => [offer.id, offer]));
    list.forEach((promotion, index) => validate(promotion, index, byId.get(promotion.offerId)));
    const stored = await ctx.em.upsertMany(
      Promotion,
      list.map((p) => ({
        id: p.id,
        offerId: p.offerId,
        markets: [...new Set(p.markets.map((m) => m.trim().toUpperCase()))],
        segment: p.segment,
        termDuration: p.termDuration,
        billingFrequency: p.billingFrequency,
        discountPercent: p.discountPercent.toFixed(2),
        startDate: p.startDate,
        endDate: p.endDate,
        appliesTo: [...new Set(p.appliesTo)],
        minQuantity: p.minQuantity ?? null,
        maxQuantity: p.maxQuantity ?? null,
      })),
    );
    recordEvent(ctx, { resourceType: 'Promotion', resourceId: ids.join(',').slice(0, 500), data: { count: ids.length } });
    return { promotions: stored };
  }

  /** A page of promotions, by id. */
  async list(ctx: CatalogContext, filter: PromotionFilter | undefined, page: Page) {
    const conditions: FilterQuery<Promotion>[] = [];
    if (filter?.offerId) conditions.push({ offerId: filter.offerId });
    if (filter?.market) conditions.push({ markets: { $contains: [marketCode(filter.market, ['filter', 'market'])] } });
    if (filter?.activeAt) conditions.push({ startDate: { $lte: filter.activeAt }, endDate: { $gte: filter.activeAt } });
    const { rows, totalCount } = await readPage(ctx.em, Promotion, conditions.length ? { $and: conditions } : {}, {
      after: page.afterId ? { id: { $gt: page.afterId } } : undefined,
      orderBy: { id: 'asc' },
      limit: page.first + 1,
      counted: page.counted,
    });
    return toConnection(rows, page, totalCount);
  }

  /**
   * BIL-5: whether the customer's purchase (its market and segment; the offer, term, billing,
   * licences, kind and instant given) gets a promotion of the offer, and if not why.
   * NOT_FOUND for a customer the caller may not see (ACT-2), an unknown offer or promotion.
   */
  async eligibility(ctx: CatalogContext, args: PromotionEligibilityArgs): Promise<PromotionEligibility> {
    if (TERM_MONTHS[args.termDuration] === undefined) throw badInput('termDuration is P1M, P1Y or P3Y', ['termDuration']);
    if (!Number.isInteger(args.quantity) || args.quantity < 1) throw badInput('quantity is at least 1', ['quantity']);
    const [customer, offer] = await Promise.all([offerService.customer(ctx, args.customerId), offerService.get(ctx, args.offerId)]);
    const promotions = await ctx.loaders.promotionsOf.load(offer.id);
    const purchase = { ...args, market: customer.country, segment: customer.segment, at: args.at ?? (await ctx.clock.now()) };
    let judged = eligibilityOf(promotions, purchase);
    if (args.promotionId) {
      const asked = promotions.find((p) => p.id === args.promotionId);
      if (!asked) throw notFound('Promotion', args.promotionId);
      judged = { promotion: asked, reasons: ineligibilities(asked, purchase) };
    }
    if (!judged) return { promotionId: null, eligible: false, reasons: ['The offer has no promotion'], reasonCodes: [PromotionIneligibility.NO_PROMOTION], promotion: null };
    const { promotion, reasons } = judged;
    return { promotionId: promotion.id, eligible: !reasons.length, reasons: reasons.map((r) => r.message), reasonCodes: reasons.map((r) => r.code), promotion };
  }
}

/** BAD_USER_INPUT, naming the field, for anything a promotion cannot be. */
function validate(p: PromotionImportInput, index: number, offer: Pick<Offer, 'markets' | 'termDurations' | 'billingFrequencies' | 'termBilling'> | undefined): void {
  const at = (field: string) => ['input', 'promotions', String(index), field];
  if (!PROMOTION_ID.test(p.id)) throw badInput('a promotion id is 1 to 100 letters, digits and : . _ -', at('id'));
  if (!offer) throw badInput(`no offer ${p.offerId} in the catalog`, at('offerId'));
  const markets = p.markets.map((m) => m.trim().toUpperCase());
  if (!markets.length || markets.some((m) => !COUNTRY_REGION.has(m))) throw badInput('markets are one or more ISO 3166-1 alpha-2 codes of the programme', at('markets'));
  const unsold = markets.filter((m) => !offer.markets.includes(m));
  if (unsold.length) throw badInput(`the offer is not sold in ${unsold.join(', ')}`, at('markets'));
  if (TERM_MONTHS[p.termDuration] === undefined) throw badInput('termDuration is P1M, P1Y or P3Y', at('termDuration'));
  if (!sellsTerm(offer, p.termDuration, p.billingFrequency)) throw badInput(`the offer is not sold for ${p.termDuration} billed ${p.billingFrequency}`, at('billingFrequency'));
  if (!(p.discountPercent > 0 && p.discountPercent <= 100) || Math.abs(Math.round(p.discountPercent * 100) - p.discountPercent * 100) > 1e-6) {
    throw badInput('discountPercent is more than 0 and at most 100, with at most two decimals', at('discountPercent'));
  }
  if (!(p.endDate > p.startDate)) throw badInput('endDate must be after startDate', at('endDate'));
  if (!p.appliesTo.length) throw badInput('appliesTo names at least one kind of purchase', at('appliesTo'));
  if (p.minQuantity != null && (!Number.isInteger(p.minQuantity) || p.minQuantity < 1)) throw badInput('minQuantity is at least 1', at('minQuantity'));
  if (p.maxQuantity != null && (!Number.isInteger(p.maxQuantity) || p.maxQuantity < (p.minQuantity ?? 1))) throw badInput('maxQuantity is at least minQuantity', at('maxQuantity'));
}

export const promotionService = new PromotionService();
