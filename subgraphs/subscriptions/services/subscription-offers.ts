import type { RequestContext } from '../../../shared/context';

/** Catalog facts a cancellation depends on (SUB-5, SW-4), owned by the catalog subgraph. */
export interface CancellationFacts {
  publisher: 'MICROSOFT' | 'ISV';
  cancellable: boolean;
  isSoftware: boolean;
}

const DEFAULTS: CancellationFacts = { publisher: 'MICROSOFT', cancellable: true, isSoftware: false };

/** Asks the catalog through the graph, as the caller; an offer it does not know gets the defaults. */
export async function cancellationFacts(ctx: RequestContext<unknown>, offerId: string): Promise<CancellationFacts> {
  const [offer] = await ctx.graph.entities<CancellationFacts>('catalog', 'Offer', [offerId], 'publisher cancellable isSoftware');
  return offer ? { ...DEFAULTS, ...offer } : DEFAULTS;
}
