import { requireIdentity, type RequestContext } from '../../../shared/context';

export interface SubscriptionGlance {
  offerId: string;
  quantity: number;
}

/**
 * The caller's subscription as it stands, read without a lock and without loading an entity,
 * to know which facts to ask other subgraphs for before a unit opens. The unit re-reads and
 * re-checks it; null when the caller has no such subscription (the unit answers NOT_FOUND).
 */
export async function glanceAtOwnSubscription(ctx: RequestContext<unknown>, id: unknown): Promise<SubscriptionGlance | null> {
  if (typeof id !== 'string' || !id || id.length > 100) return null;
  const [row] = await ctx.em.execute<{ offer_id: string; quantity: number }[]>(
    `select offer_id, quantity from subscriptions.subscription where id = ? and partner_id = ?`,
    [id, requireIdentity(ctx).tenantId],
  );
  return row ? { offerId: row.offer_id, quantity: Number(row.quantity) } : null;
}
