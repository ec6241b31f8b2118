import type { RequestContext } from '../../../shared/context';
import { requiredText } from '../../../shared/validation';

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

/** RES-4: what the customers subgraph says about a PartnerID named as reseller of record. */
export interface ResellerOfRecordFacts {
  requested: string;
  verification: PartnerIdCheck;
  /** The reseller's tenant, known when it is partnered with the caller (ACT-1 read-only view). */
  tenantId?: string;
}

/** Before the unit: verification of the named reseller and, when valid, its tenant among the caller's partners. */
export async function resellerOfRecordFacts(ctx: RequestContext<unknown>, resellerPartnerId: string): Promise<ResellerOfRecordFacts> {
  const requested = requiredText(resellerPartnerId, 'resellerPartnerId', 50);
  const verification = await resellerDirectory.verify(ctx, requested);
  const partnered = verification.valid ? await resellerDirectory.partneredResellers(ctx) : [];
  return { requested, verification, tenantId: partnered.find((r) => r.partnerId === verification.partnerId)?.id };
}

/** RES-3: the caller's partnered reseller named by id or PartnerID, or none. */
export interface SupportContactFacts {
  requested: string;
  reseller?: PartneredReseller;
}

/** Before the unit: the named reseller among the caller's partnered resellers. */
export async function supportContactFacts(ctx: RequestContext<unknown>, resellerId: string): Promise<SupportContactFacts> {
  const requested = requiredText(resellerId, 'resellerId', 100);
  const partnered = await resellerDirectory.partneredResellers(ctx);
  return { requested, reseller: partnered.find((r) => r.id === requested || r.partnerId === requested) };
}
