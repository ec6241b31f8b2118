import type { Graph } from '../../../shared/graph-client';
import { catalogPeer, type EaOffer, type Money } from '../peers/catalog';

/** A catalog offer as EA renewals need it (EA-3, EA-4, EA-5), with its price when asked for a market. */
export interface OfferFacts extends EaOffer {
  price?: Money | null;
}

/** EA-3/EA-4: the catalog offer of each provisioning id, end-of-sale ones included; absent when CSP has no such SKU. */
export function offersByProvisioningId(graph: Graph, provisioningIds: readonly string[]): Promise<Map<string, OfferFacts>> {
  return catalogPeer.offersByProvisioningId(graph, provisioningIds);
}

/** One offer by id, with its price in `market` when asked; null when the catalog no longer has it. */
export async function offerById(graph: Graph, offerId: string, market?: string): Promise<OfferFacts | null> {
  const [offer, price] = await Promise.all([catalogPeer.offer(graph, offerId), market ? catalogPeer.offerPrice(graph, offerId, market) : null]);
  return offer && (market ? { ...offer, price } : offer);
}

/** EA-3: a SKU is commercial when the catalog sells it to commercial customers. */
export function isCommercialOffer(offer: OfferFacts): boolean {
  return offer.segments.includes('COMMERCIAL');
}
