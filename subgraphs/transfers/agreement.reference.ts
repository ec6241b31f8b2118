import type { ReferenceResolvers } from '../../shared/graphql/federation';
import { customerRef } from './entities/refs';
import { partnerRef } from './entities/partner-ref';
import type { TransfersContext } from './context';
import { customerAccess, mayRenew } from './services/access';
import { isEligible } from './services/ea-renewal.policy';

/**
 * Entity references of the transfers subgraph. ACT-2 holds through `_entities` too: an agreement
 * resolves only for a partner that may renew it (EA-1) while it is eligible (EA-2), a schedule
 * only for the partner that made it, a transfer request only for its two partners.
 */
export const transfersReferenceResolvers: ReferenceResolvers = {
  Customer: {
    // EA-1 facts the gateway fetched from the customers subgraph for `enterpriseAgreements` (@requires).
    __resolveReference: (ref: { id: string; relationshipActive?: unknown; inCallerRegion?: unknown }) =>
      customerRef(ref.id, { relationshipActive: ref.relationshipActive === true, inCallerRegion: ref.inCallerRegion === true }),
  },
  EnterpriseAgreement: {
    __resolveReference: async (ref: { id: string }, ctx: TransfersContext) => {
      if (ctx.identity?.tenantKind !== 'PARTNER') return null;
      const agreement = await ctx.loaders.agreement.load(ref.id);
      if (!agreement || !mayRenew(await customerAccess(ctx).load(agreement.customerId))) return null;
      return isEligible(agreement, await ctx.clock.now()) ? agreement : null;
    },
  },
  EaRenewalSchedule: {
    __resolveReference: (ref: { id: string }, ctx: TransfersContext) => ctx.loaders.schedule.load(ref.id),
  },
  TransferRequest: {
    __resolveReference: (ref: { id: string }, ctx: TransfersContext) => ctx.loaders.transfer.load(ref.id),
  },
  /** Dashboard fields check the caller against the partner themselves (ACT-2). */
  Partner: {
    __resolveReference: (ref: { id: string }) => partnerRef(ref.id),
  },
};
