import type { ReferenceResolvers } from '../../shared/graphql/federation';
import { Partner } from './entities/partner.entity';
import type { CustomersContext } from './context';

/**
 * Entity references of the customers subgraph. ACT-2 holds here too: a customer the caller
 * may not see resolves to null, so `_entities` never leaks another tenant's record.
 */
export const customerReferenceResolvers: ReferenceResolvers = {
  Customer: {
    __resolveReference: (ref: { id: string }, ctx: CustomersContext) => ctx.loaders.customer.load(ref.id),
  },
  Partner: {
    __resolveReference: async (ref: { id?: string; partnerId?: string }, ctx: CustomersContext) => {
      const identity = ctx.identity;
      if (!identity) return null;
      // XFR-1: a PartnerID names a partner of the programme to any partner (as verifyPartnerId
      // does); the transfers subgraph resolves a transfer's source so.
      if (ref.id === undefined && ref.partnerId !== undefined) {
        return identity.tenantKind === 'CUSTOMER' || !/^\d{6,10}$/.test(ref.partnerId) ? null : ctx.em.findOne(Partner, { partnerId: ref.partnerId });
      }
      if (!ref.id || (identity.tenantKind !== 'PLATFORM' && identity.tenantId !== ref.id)) return null;
      return ctx.loaders.partnerModel.load(ref.id);
    },
  },
};
