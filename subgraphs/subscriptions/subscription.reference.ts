import type { ReferenceResolvers } from '../../shared/graphql/federation';
import { customerRef } from './entities/refs';
import { partnerRef } from './entities/partner-ref';
import type { SubscriptionsContext } from './context';

export const subscriptionReferenceResolvers: ReferenceResolvers = {
  /** Only the caller's subscriptions resolve (ACT-2); others are null. */
  Subscription: {
    __resolveReference: (ref: { id: string }, ctx: SubscriptionsContext) => ctx.loaders.subscription.load(ref.id),
  },
  /** Customer fields added here are scoped by the caller's own subscriptions and orders. */
  Customer: {
    __resolveReference: (ref: { id: string }) => customerRef(ref.id),
  },
  /** Transfers' objects that point at subscriptions: the representation carries the ids (`@requires`). */
  EaRenewalSchedule: {
    __resolveReference: (ref: { id: string; subscriptionId?: string | null }) => ref,
  },
  TransferRequestItem: {
    __resolveReference: (ref: { sourceSubscriptionId: string; targetSubscriptionId?: string | null }) => ref,
  },
  /** Dashboard fields check the caller against the partner themselves (ACT-2). */
  Partner: {
    __resolveReference: (ref: { id: string }) => partnerRef(ref.id),
  },
};
