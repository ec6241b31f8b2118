import { searchPattern } from '../../../shared/validation';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, notFound } from '../../../shared/errors';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import { readPage } from '../../../shared/db/read-model';
import { Offer } from '../entities/offer.entity';
import { graphLoaders, offerListFields, type CustomerFacts } from '../loaders';
import type { CatalogContext } from '../context';
import type { OfferFilter } from '../types/offer.types';
import { OfferLifecycle } from '../types/catalog.enums';

/** Catalog reads (CAT-1, CAT-2, CAT-3). */
export class OfferService {
  async get(ctx: CatalogContext, id: string): Promise<Offer> {
    const offer = await ctx.loaders.offer.load(id);
    if (!offer) throw notFound('Offer', id);
    return offer;
  }

  /** CAT-2 filters; CAT-3: end-of-sale SKUs are hidden unless `includeEndOfSale`. */
  where(filter: OfferFilter | undefined): FilterQuery<Offer>[] {
    const conditions: FilterQuery<Offer>[] = [];
    if (!filter?.includeEndOfSale) conditions.push({ lifecycle: OfferLifecycle.AVAILABLE });
    if (filter?.market) {
      const market = filter.market.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(market)) throw badInput('market must be an ISO 3166-1 alpha-2 code', ['filter', 'market']);
      conditions.push({ markets: { $contains: [market] } });
    }
    if (filter?.segment) conditions.push({ segments: { $contains: [filter.segment] } });
    if (filter?.publisher) conditions.push({ publisher: filter.publisher });
    if (filter?.billingType) conditions.push({ billingType: filter.billingType });
    if (filter?.category) conditions.push({ category: filter.category });
    const like = searchPattern(filter?.search);
    if (like) {
      conditions.push({
        $or: [{ name: { $ilike: like } }, { productFamily: { $ilike: like } }, { provisioningId: { $ilike: like } }, { isvPublisher: { $ilike: like } }],
      });
    }
    return conditions;
  }

  /** The customer's country and segment through the graph (NOT_FOUND when the caller may not see it, ACT-2). */
  async customer(ctx: CatalogContext, customerId: string): Promise<CustomerFacts> {
    const customer = await graphLoaders(ctx).customer.load(customerId);
    if (!customer) throw notFound('Customer', customerId);
    return customer;
  }

  /** A page of read models of `fields` (when absent, every column but markets). */
  async list(ctx: CatalogContext, filter: OfferFilter | undefined, page: Page, fields?: (keyof Offer & string)[]) {
    const conditions = this.where(filter);
    if (filter?.customerId) {
      // CAT-2: what a customer is offered depends on its segment and country.
      const customer = await this.customer(ctx, filter.customerId);
      conditions.push({ segments: { $contains: [customer.segment] } }, { markets: { $contains: [customer.country] } });
    }
    // Read models without the markets column (about 240 countries per offer): `markets` and
    // `purchasable` load it when asked (OfferService.markets).
    const { rows, totalCount } = await readPage(ctx.em, Offer, conditions.length ? { $and: conditions } : {}, {
      after: page.afterId ? { id: { $gt: page.afterId } } : undefined,
      fields: fields ?? offerListFields(ctx.em),
      orderBy: { id: 'asc' },
      limit: page.first + 1,
      counted: page.counted,
    });
    return toConnection(rows, page, totalCount);
  }

  /** The countries where the offer is sold: from the row when it was read, else batched for a page. */
  async markets(ctx: CatalogContext, offer: Offer): Promise<string[]> {
    return offer.markets ?? (await ctx.loaders.offerMarkets.load(offer.id));
  }
}

export const offerService = new OfferService();
