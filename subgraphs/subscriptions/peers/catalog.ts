import { entityRows, representations, type Graph } from '../../../shared/graph-client';
import { offerPrices, type Money } from '../../../shared/peers/catalog';
import {
  CheckoutOffersDocument,
  OfferCapsDocument,
  OffersDocument,
  PurchaseVerdictsDocument,
  SoftwareOffersDocument,
  UpgradeEligibilityDocument,
  UpgradeTargetsDocument,
  type CatalogOfferFragment,
  type SoftwareOffersQuery,
  type UpgradeEligibilityQuery,
  type UpgradeTargetsQuery,
  type PurchaseVerdictsQuery,
  type OfferHoldingInput,
  type CheckoutOffersQuery,
  type OfferCapsQuery,
  type PriceQuoteLineInput,
  type PurchaseBuyerInput,
} from './catalog.generated';

/**
 * The catalog as the subscriptions subgraph reads it: each fact one way, through the documents
 * of catalog.graphql, as the caller (an offer the caller may not see is absent).
 */

/** An offer's facts (columns of the catalog's offer, no per-customer verdict, no price). */
export type CatalogOffer = CatalogOfferFragment;
export type { Money };
type Row<Q extends { _entities: unknown[] }> = NonNullable<Q['_entities'][number]>;
export type Purchasability = NonNullable<Row<PurchaseVerdictsQuery>['purchaseVerdict']>;
/** CAT-4: a live subscription of the customer (subscriptionId null: another partner's). */
export type HeldOffer = OfferHoldingInput;
export type UpgradeTarget = Row<UpgradeTargetsQuery>['upgradeTargets'][number];
export type Eligibility = Row<UpgradeEligibilityQuery>['upgradeEligibility'];
export type SoftwareOffer = Row<SoftwareOffersQuery>;
/** CAT-1, CAT-6: the caps of an offer, nothing else of it. */
export type OfferCaps = Extract<Row<OfferCapsQuery>, { id: string }>;
/** A checkout's offer: its facts, its price in the customer's market and the catalog's verdict for the customer. */
export type CheckoutOffer = Row<CheckoutOffersQuery>;
export type CheckoutQuote = CheckoutOffersQuery['priceQuotes'][number];

const offerRefs = (ids: readonly string[]) => representations('Offer', [...new Set(ids)]);

function byId<T extends { id: string }>(rows: readonly (T | null)[]): Map<string, T> {
  return new Map(entityRows(rows).flatMap((row) => (row ? [[row.id, row] as const] : [])));
}

export const catalogPeer = {
  /** Offers by id; ids the catalog does not know (or does not show the caller) are absent. */
  async offers(graph: Graph, ids: readonly string[]): Promise<Map<string, CatalogOffer>> {
    if (!ids.length) return new Map();
    return byId((await graph.request('catalog', OffersDocument, { offers: offerRefs(ids) }))._entities);
  },

  async offer(graph: Graph, id: string): Promise<CatalogOffer | null> {
    return (await catalogPeer.offers(graph, [id])).get(id) ?? null;
  },

  /** CAT-1, CAT-6: what a quantity increase is checked against; null when the catalog does not know the offer (or does not show it the caller). */
  async offerCaps(graph: Graph, id: string): Promise<OfferCaps | null> {
    return byId((await graph.request('catalog', OfferCapsDocument, { offers: offerRefs([id]) }))._entities).get(id) ?? null;
  },

  /** CAT-2: the monthly unit price of offers in one market; offers not sold there are absent. */
  offerPrices,

  async offerPrice(graph: Graph, id: string, market: string): Promise<Money | null> {
    return (await catalogPeer.offerPrices(graph, [id], market)).get(id) ?? null;
  },

  /** CAT-2/3/4/5/8: the catalog's verdict per offer for the customer, who holds `holdings` (CAT-4, through every partner). */
  async purchaseVerdicts(graph: Graph, ids: readonly string[], customerId: string, holdings: readonly HeldOffer[]): Promise<Map<string, Purchasability | null>> {
    if (!ids.length) return new Map();
    const rows = byId((await graph.request('catalog', PurchaseVerdictsDocument, { offers: offerRefs(ids), customerId, holdings: [...holdings] }))._entities);
    return new Map([...rows].map(([id, row]) => [id, row.purchaseVerdict] as const));
  },

  /**
   * ORD-1: what a checkout asks the catalog, in one request (CheckoutOffers): the offers by id
   * with their price in the customer's market and their verdict for the customer who holds
   * `holdings` (CAT-2/3/4/5/8; its country and segment given, as read from the customers
   * subgraph), and a quote per purchase line in line order (BIL-7, BIL-5).
   */
  async checkoutOffers(
    graph: Graph,
    ids: readonly string[],
    customer: { id: string; country: string; segment: string },
    holdings: readonly HeldOffer[],
    lines: PriceQuoteLineInput[],
  ): Promise<{ offers: Map<string, CheckoutOffer>; quotes: CheckoutQuote[] }> {
    if (!ids.length) return { offers: new Map(), quotes: lines.map(() => null) };
    const buyer = { country: customer.country, segment: customer.segment as PurchaseBuyerInput['segment'] };
    const answer = await graph.request('catalog', CheckoutOffersDocument, { offers: offerRefs(ids), market: customer.country, customerId: customer.id, holdings: [...holdings], buyer, lines });
    return { offers: byId(answer._entities), quotes: answer.priceQuotes };
  },

  /** CAT-10: the eligible targets of each offer, in the order asked (none for an unknown offer). */
  async upgradeTargets(graph: Graph, ids: readonly string[]): Promise<UpgradeTarget[][]> {
    if (!ids.length) return [];
    const rows = byId((await graph.request('catalog', UpgradeTargetsDocument, { offers: offerRefs(ids) }))._entities);
    return ids.map((id) => rows.get(id)?.upgradeTargets ?? []);
  },

  /** CAT-10: the catalog's verdict on the path from `baseId` to `targetId`; null when it does not know `baseId`. */
  async upgradeEligibility(graph: Graph, baseId: string, targetId: string): Promise<Eligibility | null> {
    const rows = (await graph.request('catalog', UpgradeEligibilityDocument, { offers: offerRefs([baseId]), targetOfferId: targetId }))._entities;
    return rows[0]?.upgradeEligibility ?? null;
  },

  /** SW-2: an offer with its software choices; null for an offer the catalog does not know. */
  async softwareOffer(graph: Graph, id: string): Promise<SoftwareOffer | null> {
    return (await graph.request('catalog', SoftwareOffersDocument, { offers: offerRefs([id]) }))._entities[0] ?? null;
  },
};
