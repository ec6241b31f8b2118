import type { RequestContext } from '../../../shared/context';
import { glanceAtOwnSubscription } from './subscription-peek';
import { catalogPeer } from '../peers/catalog';

/** Catalog facts a cancellation depends on (SUB-5, SW-4), owned by the catalog subgraph. */
export interface CancellationFacts {
  publisher: 'MICROSOFT' | 'ISV';
  cancellable: boolean;
  isSoftware: boolean;
}

/** The cancellation facts of the offer the subscription had when they were read. */
export interface OfferCancellationFacts extends CancellationFacts {
  offerId: string;
}

const DEFAULTS: CancellationFacts = { publisher: 'MICROSOFT', cancellable: true, isSoftware: false };

/** Asks the catalog through the graph, as the caller; an offer it does not know gets the defaults. */
export async function cancellationFacts(ctx: RequestContext<unknown>, offerId: string): Promise<CancellationFacts> {
  const offer = await catalogPeer.offer(ctx.graph, offerId);
  return offer ? { publisher: offer.publisher, cancellable: offer.cancellable, isSoftware: offer.isSoftware } : DEFAULTS;
}

/** Before the unit: the cancellation facts of the caller's subscription, null when it has none. */
export async function subscriptionCancellationFacts(ctx: RequestContext<unknown>, subscriptionId: string): Promise<OfferCancellationFacts | null> {
  const current = await glanceAtOwnSubscription(ctx, subscriptionId);
  return current ? { offerId: current.offerId, ...(await cancellationFacts(ctx, current.offerId)) } : null;
}
