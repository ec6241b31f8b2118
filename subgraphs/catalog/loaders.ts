import DataLoader from 'dataloader';
import type { EntityManager } from '../../shared/db/orm';
import type { RequestContext } from '../../shared/context';
import { Offer } from './entities/offer.entity';
import { OfferPrice } from './entities/offer-price.entity';

export interface CatalogLoaders {
  offer: DataLoader<string, Offer | null>;
  /** Key `${offerId}|${market}`: one query for every price of a page. */
  price: DataLoader<string, OfferPrice | null>;
}

export type CatalogContext = RequestContext<CatalogLoaders>;

export function createLoaders(em: EntityManager): CatalogLoaders {
  return {
    offer: new DataLoader(async (ids) => {
      const rows = await em.find(Offer, { id: { $in: [...ids] } });
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    price: new DataLoader(async (keys) => {
      const pairs = keys.map((key) => key.split('|') as [string, string]);
      const rows = await em.find(OfferPrice, { $or: pairs.map(([offerId, market]) => ({ offerId, market })) });
      const map = new Map(rows.map((r) => [`${r.offerId}|${r.market}`, r]));
      return keys.map((key) => map.get(key) ?? null);
    }),
  };
}
