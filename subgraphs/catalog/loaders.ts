import { groupedInKeyOrder, inKeyOrder } from '../../shared/db/loader-results';
import { fieldsWithout, readModels, readRows, toReadModels } from '../../shared/db/read-model';
import { statementFor } from '../../shared/db/statement-cache';
import DataLoader from 'dataloader';
import type { EntityManager } from '../../shared/db/orm';
import type { CatalogContext } from './context';
import type { Identity } from '../../shared/auth/roles';
import { Offer } from './entities/offer.entity';
import { OfferPrice } from './entities/offer-price.entity';
import { UpgradePathRecord } from './entities/upgrade-path.entity';
import { priceInEffectLoader, type PriceInEffect } from './pricing/price-in-effect.loader';
import { Promotion } from './promotions/promotion.entity';
import { customersPeer, type CustomerFacts } from './peers/customers';
import { subscriptionsPeer, type OfferHoldingFacts } from './peers/subscriptions';

export type { CustomerFacts, OfferHoldingFacts };

export interface CatalogLoaders {
  /** Read models (shared/db/read-model.ts) without the markets column: references and `offer(id)`. */
  offer: DataLoader<string, Offer | null>;
  offerByProvisioningId: DataLoader<string, Offer | null>;
  /** The markets column of offers read without it (lists). */
  offerMarkets: DataLoader<string, string[]>;
  /** Key `${offerId}|${market}`: one query for every price of a page. */
  price: DataLoader<string, OfferPrice | null>;
  /**
   * Offers with `fields` (a reference query's columns, or `offerListFields`) and their price in
   * one market, in one statement (the reference query of a page that shows prices); primes
   * `price`. One loader per market and fields.
   */
  offerPricedIn: (market: string, fields: readonly (keyof Offer & string)[]) => DataLoader<string, Offer | null>;
  /** Offers by id with only `fields` (a reference query's columns, shared/graphql/selection.ts); `offer` is this over `offerListFields`. One loader per fields. */
  offerWith: (fields: readonly (keyof Offer & string)[]) => DataLoader<string, Offer | null>;
  /** CAT-10: declared paths by source provisioning id. */
  pathsFrom: DataLoader<string, UpgradePathRecord[]>;
  /** BIL-7: the price-list row in effect for a line (key: `priceLineKey`). */
  priceInEffect: DataLoader<string, PriceInEffect | null>;
  /** BIL-5: every promotion of an offer, by offer id. */
  promotionsOf: DataLoader<string, Promotion[]>;
  /** Facts of other subgraphs, created on first use (they need the request's graph client). */
  graph?: GraphLoaders;
}

export interface GraphLoaders {
  /** Null for a customer the caller may not see (ACT-2). */
  customer: DataLoader<string, CustomerFacts | null>;
  /** The caller's own partner record: its PartnerID (CAT-5 exclusivity). */
  partnerId: DataLoader<string, string | null>;
  /** CAT-4: the customer's live subscriptions by offer, as the caller sees them (subscriptions subgraph). */
  holdings: DataLoader<string, OfferHoldingFacts[]>;
}

/** The columns of offers read as lists and references: all but the long markets column (OfferService.markets). */
export function offerListFields(em: EntityManager): (keyof Offer & string)[] {
  const meta = em.getMetadata().get(Offer);
  let fields = listFields.get(meta);
  if (!fields) listFields.set(meta, (fields = fieldsWithout(em, Offer, ['markets'])));
  return fields;
}

/** Worked out once per metadata (once per process): every offer batch and page asks for them. */
const listFields = new WeakMap<object, (keyof Offer & string)[]>();

export function createLoaders(em: EntityManager, _identity?: Identity): CatalogLoaders {
  // One loader per market and columns (references ask with their query's columns), made on first use.
  const keyed = new Map<string, DataLoader<string, Offer | null>>();
  const loaderFor = (key: string, make: () => DataLoader<string, Offer | null>) => {
    let loader = keyed.get(key);
    if (!loader) keyed.set(key, (loader = make()));
    return loader;
  };
  const offerWith = (fields: readonly (keyof Offer & string)[]) =>
    loaderFor(`|${fields.join(',')}`, () => new DataLoader(async (ids) => inKeyOrder(ids, await readModels(em, Offer, { id: { $in: [...ids] } }, { fields }), (r) => r.id)));
  const loaders: CatalogLoaders = {
    offer: offerWith(offerListFields(em)),
    offerMarkets: new DataLoader(async (ids) => {
      const rows = await readModels(em, Offer, { id: { $in: [...ids] } }, { fields: ['id', 'markets'] });
      return inKeyOrder(ids, rows, (r) => r.id).map((row) => row?.markets ?? []);
    }),
    offerByProvisioningId: new DataLoader(async (ids) => {
      return inKeyOrder(ids, await em.find(Offer, { provisioningId: { $in: [...ids] } }), (r) => r.provisioningId);
    }),
    price: new DataLoader(async (keys) => {
      // A page asks one market in practice: one `offer_id in (…)` per market, not one pair per offer.
      const byMarket = new Map<string, string[]>();
      for (const [offerId, market] of keys.map((key) => key.split('|') as [string, string])) {
        const offerIds = byMarket.get(market);
        if (offerIds) offerIds.push(offerId);
        else byMarket.set(market, [offerId]);
      }
      const perMarket = [...byMarket].map(([market, offerIds]) => ({ market, offerId: { $in: offerIds } }));
      const rows = await readModels<OfferPrice>(em, OfferPrice, perMarket.length === 1 ? perMarket[0] : { $or: perMarket });
      return inKeyOrder(keys, rows, (r) => `${r.offerId}|${r.market}`);
    }),
    offerPricedIn: (market, fields) =>
      loaderFor(`${market}|${fields.join(',')}`, () =>
        new DataLoader(async (ids) => {
          const { offers, prices } = await offersPricedIn(em, ids, market, fields);
          for (const offer of offers) loaders.price.prime(`${offer.id}|${market}`, prices.get(offer.id) ?? null);
          return inKeyOrder(ids, offers, (r) => r.id);
        }),
      ),
    offerWith,
    pathsFrom: new DataLoader(async (ids) => {
      const rows = await em.find(UpgradePathRecord, { sourceProvisioningId: { $in: [...ids] } }, { orderBy: { targetProvisioningId: 'asc' } });
      return groupedInKeyOrder(ids, rows, (r) => r.sourceProvisioningId);
    }),
    priceInEffect: priceInEffectLoader(em),
    promotionsOf: new DataLoader(async (offerIds) => {
      const rows = await readModels(em, Promotion, { offerId: { $in: [...offerIds] } }, { orderBy: { id: 'asc' } });
      return groupedInKeyOrder(offerIds, rows, (r) => r.offerId);
    }),
  };
  return loaders;
}

/**
 * Offers by id with their price in one market, in one statement: the price row (if any) comes
 * as a JSON object of its columns, mapped by the ORM as the `price` loader's rows are. Built once
 * per shape (shared/db/statement-cache.ts): the ids and the market are its parameters.
 */
async function offersPricedIn(em: EntityManager, ids: readonly string[], market: string, fields: readonly (keyof Offer & string)[]): Promise<{ offers: Offer[]; prices: Map<string, OfferPrice> }> {
  const statement = statementFor(`offers-priced-in|${fields.join(',')}`, { ids: [...ids], market }, (shaped) => {
    const { ids: shapedIds, market: shapedMarket } = shaped as { ids: string[]; market: string };
    const offers = em
      .createQueryBuilder(Offer, 'r')
      .select(fields.map((field) => `r.${field}`) as never)
      .where({ id: { $in: shapedIds } })
      .toQuery();
    // The price joins outside the ORM's statement: the ORM inlines the values of raw fragments
    // in a select, which would put the market into the SQL text and keep it from being cached.
    return {
      sql: `select o.*, (select json_build_object('offer_id', p.offer_id, 'market', p.market, 'currency', p.currency, 'amount', p.amount::text, 'tax_included', p.tax_included)
             from catalog.offer_price p where p.offer_id = o.id and p.market = ?) as price__ from (${offers.sql}) as o`,
      params: [shapedMarket, ...offers.params],
    };
  });
  const rows = await readRows(em, statement);
  const priced = rows.flatMap((row) => (row.price__ ? [row.price__ as Record<string, unknown>] : []));
  return { offers: toReadModels(em, Offer, rows), prices: new Map(toReadModels(em, OfferPrice, priced).map((price) => [price.offerId, price])) };
}

/** The per-request loaders that ask other subgraphs, batched: one call for a whole page. */
export function graphLoaders(ctx: CatalogContext): GraphLoaders {
  ctx.loaders.graph ??= {
    customer: new DataLoader((ids) => customersPeer.customers(ctx.graph, ids)),
    partnerId: new DataLoader((ids) => customersPeer.partnerIds(ctx.graph, ids)),
    // CAT-4: what the customer holds through every partner.
    holdings: new DataLoader((ids) => subscriptionsPeer.offerHoldings(ctx.graph, ids)),
  };
  return ctx.loaders.graph;
}
