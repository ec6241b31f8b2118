import type { RequestContext } from '../../../shared/context';
import { requiredText } from '../../../shared/validation';
import { customersPeer, type PartneredReseller, type PartnerIdCheck } from '../peers/customers';

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
  const verification = await customersPeer.verifyPartnerId(ctx.graph, requested);
  const partnered = verification.valid ? await customersPeer.partneredResellers(ctx.graph) : [];
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
  const partnered = await customersPeer.partneredResellers(ctx.graph);
  return { requested, reseller: partnered.find((r) => r.id === requested || r.partnerId === requested) };
}
