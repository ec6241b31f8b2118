import type { SubscriptionsContext } from '../context';
import type { CustomerFacts, PartnerFacts, ResellerFacts } from './checkout.policy';
import { catalogPeer, type CatalogOffer as CatalogOfferFacts, type Money, type Purchasability } from '../peers/catalog';
import { customersPeer } from '../peers/customers';
import type { CartLineData } from '../entities/cart.entity';
import { quoteLineInput, type MonthlyTermPrice } from '../../../shared/pricing/price-quotes';
import { purchasePrices, purchaseQuoteLines } from './purchase-pricing';

/**
 * Facts owned by other subgraphs, asked through the graph as the caller (never through their
 * tables), through the peer clients (peers/).
 */

/** An offer as the cart needs it to validate lines; for a customer, with its price and verdict. */
export interface CatalogOffer extends CatalogOfferFacts {
  price?: Money | null;
  purchasable?: Purchasability | null;
}

/** Offers by id (the cart's lines are checked against them); unknown ids are absent. */
export async function catalogOffers(ctx: SubscriptionsContext, ids: string[]): Promise<Map<string, CatalogOffer>> {
  return catalogPeer.offers(ctx.graph, ids);
}

/**
 * ORD-1: the checkout's catalog facts in one request: the offers of `ids` with their price in
 * the customer's market and the catalog's verdict (the customer's live subscriptions, CAT-4,
 * go with the question), and the quotes of the cart's lines (BIL-5, BIL-7).
 */
export async function checkoutCatalogFacts(
  ctx: SubscriptionsContext,
  ids: string[],
  customer: { id: string; country: string; segment: string },
  lines: readonly CartLineData[],
): Promise<{ offers: Map<string, CatalogOffer>; prices: (MonthlyTermPrice | null)[] }> {
  const [holdings, at] = await Promise.all([ctx.loaders.customerOfferHoldings.load(customer.id), ctx.clock.now()]);
  const asked = purchaseQuoteLines(lines, customer, at);
  const answer = await catalogPeer.checkoutOffers(ctx.graph, ids, customer, holdings, asked.map((a) => quoteLineInput(a.line)));
  const offers = new Map<string, CatalogOffer>();
  for (const [id, { price, purchaseVerdict, ...offer }] of answer.offers) offers.set(id, { ...offer, price: price ?? null, purchasable: purchaseVerdict ?? null });
  return { offers, prices: purchasePrices(lines.length, asked, answer.quotes, offers) };
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
