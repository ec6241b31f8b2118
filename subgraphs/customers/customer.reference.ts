import type { ReferenceResolvers } from '../../shared/graphql/federation';
import type { CustomersContext } from './loaders';

/**
 * Entity references of the customers subgraph. ACT-2 holds here too: a customer the caller
 * may not see resolves to null, so `_entities` never leaks another tenant's record.
 */
export const customerReferenceResolvers: ReferenceResolvers = {
  Customer: {
    __resolveReference: (ref: { id: string }, ctx: CustomersContext) => ctx.loaders.customer.load(ref.id),
  },
  Partner: {
    __resolveReference: async (ref: { id: string }, ctx: CustomersContext) => {
      const identity = ctx.identity;
      if (!identity || (identity.tenantKind !== 'PLATFORM' && identity.tenantId !== ref.id)) return null;
      return ctx.loaders.partner.load(ref.id);
    },
  },
};
