import type { RequestContext } from '../../../shared/context';

export interface PartnerIdCheck {
  partnerId: string;
  valid: boolean;
  name?: string | null;
  reason?: string | null;
}

export interface PartneredReseller {
  id: string;
  partnerId: string;
}

/**
 * Reseller facts owned by the customers subgraph (RES-2, RES-3), asked through the graph as
 * the caller: whether a PartnerID is an onboarded reseller with a signed MPA, and which
 * resellers the calling provider is partnered with.
 */
export const resellerDirectory = {
  async verify(ctx: RequestContext<unknown>, partnerId: string): Promise<PartnerIdCheck> {
    const data = await ctx.graph.query<{ verifyPartnerId: PartnerIdCheck }>(
      'customers',
      'query($p: String!) { verifyPartnerId(partnerId: $p) { partnerId valid name reason } }',
      { p: partnerId },
    );
    return data.verifyPartnerId;
  },

  async partneredResellers(ctx: RequestContext<unknown>): Promise<PartneredReseller[]> {
    const resellers: PartneredReseller[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const data: { indirectResellers: { edges: { node: PartneredReseller }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await ctx.graph.query('customers', 'query($a: String) { indirectResellers(first: 100, after: $a) { edges { node { id partnerId } } pageInfo { hasNextPage endCursor } } }', {
          a: after,
        });
      resellers.push(...data.indirectResellers.edges.map((e) => e.node));
      if (!data.indirectResellers.pageInfo.hasNextPage) break;
      after = data.indirectResellers.pageInfo.endCursor;
    }
    return resellers;
  },
};
