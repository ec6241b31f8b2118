import { requireIdentity, type RequestContext } from '../../../shared/context';
import { Subscription } from '../entities/subscription.entity';
import { readModels } from '../../../shared/db/read-model';
import { withinOwned } from '../../../shared/db/tenant-filter';

export interface SubscriptionGlance {
  id: string;
  offerId: string;
  customerId: string;
  quantity: number;
  isTrial: boolean;
  version: number;
}

const GLANCED = ['id', 'offerId', 'customerId', 'quantity', 'isTrial', 'version'] as const;

/**
 * The caller's subscription as it stands, read without a lock in a fork of its own,
 * to know which facts to ask other subgraphs for before a unit opens. The unit re-reads and
 * re-checks it; null when the caller has no such subscription (the unit answers NOT_FOUND).
 */
export async function glanceAtOwnSubscription(ctx: RequestContext<unknown>, id: unknown): Promise<SubscriptionGlance | null> {
  if (typeof id !== 'string' || !id || id.length > 100) return null;
  // A read model (no entity, nothing managed): the unit reads the subscription afresh. Scoped as
  // the unit's own read is (what the caller may change), so it asks for the facts of no other.
  const [subscription] = await readModels(ctx.em, Subscription, await withinOwned(ctx.em, Subscription, { id }), { fields: GLANCED, limit: 1, unscoped: true });
  return subscription ? { id: subscription.id, offerId: subscription.offerId, customerId: subscription.customerId, quantity: subscription.quantity, isTrial: subscription.isTrial, version: subscription.version } : null;
}
