import { readModels } from '../../../shared/db/read-model';
import { BusinessRuleError } from '../../../shared/errors';
import type { SubscriptionsContext } from '../context';
import { RelationshipFact } from '../entities/relationship-fact.entity';
import type { Subscription } from '../entities/subscription.entity';

/** A relationship fact as REL-1 reads it. */
export interface RelationshipActive {
  active: boolean;
}

/**
 * REL-1: every change to an existing subscription (quantity, autorenew, suspension,
 * reactivation, cancellation, upgrade, conversion, scheduled change, reseller) needs the
 * partner's relationship with the customer. The fact is this subgraph's copy of the
 * relationship (RelationshipFact, kept from the customers subgraph's events), the one checkout
 * re-checks; no row means nothing was removed. Reads need no relationship. The fact is read with
 * the subscription (subscription.service.ts `readOwned`).
 */
export function assertRelationship(subscription: Subscription, fact: RelationshipActive | null): void {
  if (fact && !fact.active) {
    throw new BusinessRuleError('NO_RELATIONSHIP', `You have no reseller relationship with customer ${subscription.customerId}: subscription ${subscription.id} cannot be changed`, 'REL-1');
  }
}

/** The relationship fact of the subscription's partner and customer (null: none heard), as a statement of its own. */
export async function relationshipOf(tx: SubscriptionsContext, subscription: Subscription): Promise<RelationshipActive | null> {
  // Only read: a read model, which the unit does not track nor check at its flush.
  const [fact] = await readModels(tx.em, RelationshipFact, { partnerId: subscription.partnerId, customerId: subscription.customerId }, { fields: ['active'], limit: 1 });
  return fact ?? null;
}
