import type { SubscriptionsContext } from '../context';
import type { CustomerFacts, PartnerFacts, ResellerFacts } from './checkout.policy';
import { catalogPeer, type CatalogOffer as CatalogOfferFacts, type Money, type Purchasability } from '../peers/catalog';
import { customersPeer } from '../peers/customers';

/**
 * Facts owned by other subgraphs, asked through the graph as the caller (never through their
 * tables), through the peer clients (peers/).
 */

/** An offer as the cart needs it to validate lines; for a customer, with its price and verdict. */
export interface CatalogOffer extends CatalogOfferFacts {
  price?: Money | null;
  purchasable?: Purchasability | null;
}

/**
 * Offers by id; unknown ids are absent. For a customer, each also carries its price in the
 * customer's market and the catalog's purchasability verdict (CAT-3/4/5/8), asked together; the
 * customer's live subscriptions (CAT-4) are read here and go with the question.
 */
export async function catalogOffers(ctx: SubscriptionsContext, ids: string[], forCustomer?: { id: string; market: string }): Promise<Map<string, CatalogOffer>> {
  if (!forCustomer) return catalogPeer.offers(ctx.graph, ids);
  const holdings = await ctx.loaders.customerOfferHoldings.load(forCustomer.id);
  const [offers, prices, verdicts] = await Promise.all([
    catalogPeer.offers(ctx.graph, ids),
    catalogPeer.offerPrices(ctx.graph, ids, forCustomer.market),
    catalogPeer.purchaseVerdicts(ctx.graph, ids, forCustomer.id, holdings),
  ]);
  const map = new Map<string, CatalogOffer>();
  for (const [id, offer] of offers) map.set(id, { ...offer, price: prices.get(id) ?? null, purchasable: verdicts.get(id) ?? null });
  return map;
}

export interface PartyFacts {
  customer: CustomerFacts | null;
  partner: PartnerFacts & { partnerId: string; mpaSigned: boolean };
  /** Keyed by PartnerID as named in the cart or input. */
  resellers: Record<string, ResellerFacts & { tenantId?: string }>;
}

/**
 * REL-1/3/6, ORD-2/3: the customer as the caller sees it (null without a relationship), the
 * caller itself, and the verification (RES-2) and partnership (RES-3) of every named reseller.
 */
export async function partyFacts(
  ctx: SubscriptionsContext,
  customerId: string,
  partnerTenantId: string,
  namedResellers: string[],
  askPartnerships: boolean,
): Promise<PartyFacts> {
  const names = [...new Set(namedResellers)];
  // RES-3: the caller's partnered resellers, read the one way they are read (every page).
  const [{ customer, partner }, verifications, partnered] = await Promise.all([
    customersPeer.parties(ctx.graph, customerId, partnerTenantId),
    Promise.all(names.map((name) => customersPeer.verifyPartnerId(ctx.graph, name))),
    names.length && askPartnerships ? customersPeer.partneredResellers(ctx.graph) : Promise.resolve([]),
  ]);
  if (!partner) throw new Error('the calling partner is not known to the customers subgraph');
  const resellers: PartyFacts['resellers'] = {};
  names.forEach((name, index) => {
    const verification = verifications[index];
    const node = partnered.find((n) => n.partnerId === name);
    resellers[name] = { valid: verification.valid, partnered: Boolean(node), reason: verification.reason, tenantId: node?.id };
  });
  return { customer, partner, resellers };
}
