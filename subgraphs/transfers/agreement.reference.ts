import type { ReferenceResolvers } from '../../shared/graphql/federation';
import { customerRef } from './entities/refs';

export const agreementReferenceResolvers: ReferenceResolvers = {
  Customer: {
    __resolveReference: (ref: { id: string }) => customerRef(ref.id),
  },
};
