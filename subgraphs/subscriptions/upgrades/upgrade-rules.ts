import { BusinessRuleError, conflict, ensure } from '../../../shared/errors';
import { checkPlan } from '../../../shared/offer-terms';
import { placeholders } from '../../../shared/db/orm';
import type { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { LIVE_STATUSES } from '../checkout/license-caps';
import { assertLicenseCaps, directoryRefusal } from '../lifecycle/subscription-limits';
import type { CatalogSku, ChangeFacts } from './upgrade-facts';

/**
 * Checks shared by upgrades, trial conversions and scheduled changes inside their unit: the
 * facts still describe the subscription, the catalog allows the target (CAT-10) and sells it
 * with the chosen term and billing (CAT-1), the license caps (CAT-1, CAT-6) and the directory
 * limit (ORD-4) hold, and whether licenses can be reassigned automatically (UPG-3).
 */

/** The facts, unless the subscription changed SKU since they were read (CONFLICT: retry). */
export function freshFacts(facts: ChangeFacts | null, subscription: Subscription): ChangeFacts {
  if (!facts || facts.subscription.offerId !== subscription.offerId) throw conflict(`Subscription ${subscription.id} changed while its catalog facts were read; retry`);
  ensure(facts.market, 'NO_RELATIONSHIP', `You have no relationship with customer ${subscription.customerId}`, 'REL-1');
  return facts;
}

/**
 * CAT-10: the target SKU the catalog lets this subscription (a trial: its paid equivalent)
 * move to, with its price in the customer's market. `allowBase`: the base SKU itself is a
 * valid target (a trial converts to its paid equivalent; a scheduled change may keep the SKU).
 */
export function eligibleTarget(facts: ChangeFacts, targetOfferId: string, rule: string, allowBase: boolean): CatalogSku & { price: { amount: string; currency: string } } {
  const target = facts.target;
  ensure(target && target.id === targetOfferId, 'UPGRADE_NOT_ELIGIBLE', `Offer ${targetOfferId} is not in the catalog`, 'CAT-10', ['targetOfferId']);
  if (!facts.eligibility) {
    // No path was judged: the target is the base SKU itself, or there is no base to judge from.
    ensure(facts.baseOfferId && target.id === facts.baseOfferId, 'UPGRADE_NOT_ELIGIBLE', `${facts.subscription.offerId} has no paid equivalent to convert to`, 'TRI-2', ['targetOfferId']);
    ensure(allowBase, 'UPGRADE_NOT_ELIGIBLE', `The subscription already is ${target.provisioningId}: an upgrade needs a higher SKU`, rule, ['targetOfferId']);
  } else if (!facts.eligibility.eligible) {
    throw new BusinessRuleError('UPGRADE_NOT_ELIGIBLE', facts.eligibility.message ?? `${target.provisioningId} is not an eligible upgrade`, facts.eligibility.rule ?? 'CAT-10', ['targetOfferId']);
  }
  ensure(target.price, 'OFFER_NOT_AVAILABLE', `${target.provisioningId} has no price in ${facts.market}`, 'CAT-5', ['targetOfferId']);
  return target as CatalogSku & { price: { amount: string; currency: string } };
}

/**
 * CAT-1: the target SKU is sold with this term duration and billing frequency, by the one
 * validation every new subscription passes (shared/offer-terms.ts); here a refusal is a business
 * rule of the upgrade or conversion.
 */
export function soldWith(target: CatalogSku, termDuration: string, billingFrequency: string): void {
  const plan = checkPlan(target, termDuration, billingFrequency);
  if (!plan.ok) throw new BusinessRuleError('UPGRADE_NOT_ELIGIBLE', plan.message, plan.rule, [plan.field]);
}

/**
 * CAT-1/CAT-6: `perSubscription` licenses in the subscription of `target` that receives them,
 * and `added` more for the customer across every partner (small-business suites, under the
 * per-customer lock checkouts take).
 */
export function assertTargetCaps(tx: SubscriptionsContext, customerId: string, target: CatalogSku, perSubscription: number, added: number): Promise<void> {
  return assertLicenseCaps(tx, customerId, target.id, target, perSubscription, added);
}

/** ORD-4: a change that creates a subscription needs a free place in the customer's directory. */
export async function assertDirectoryPlace(tx: SubscriptionsContext, customerId: string): Promise<void> {
  const refusal = await directoryRefusal(tx, customerId);
  ensure(!refusal, 'SUBSCRIPTION_LIMIT_REACHED', `${refusal}. Upgrade into an existing subscription instead`, 'ORD-4');
}

/**
 * UPG-3: licenses are reassigned automatically unless the customer holds the target SKU from
 * another partner or through a running Enterprise Agreement (another channel), or holds several subscriptions of the same SKU (the source's, or the
 * target's besides the chosen one); then the warnings say why they must be reassigned manually.
 * Only counts leave this query, never another partner's records.
 */
export async function reassignmentWarnings(
  tx: SubscriptionsContext,
  source: Subscription,
  targetOfferId: string,
  eaHeldOfferIds: readonly string[],
  targetSubscriptionId?: string,
): Promise<string[]> {
  const rows = await tx.em.execute<{ offer_id: string; own: number; others: number }[]>(
    `select offer_id, (count(*) filter (where partner_id = ?))::int as own, (count(*) filter (where partner_id <> ?))::int as others
       from subscriptions.subscription
      where customer_id = ? and offer_id in (?, ?) and id not in (?, ?) and status in (${placeholders(LIVE_STATUSES)})
      group by offer_id`,
    [source.partnerId, source.partnerId, source.customerId, source.offerId, targetOfferId, source.id, targetSubscriptionId ?? source.id, ...LIVE_STATUSES],
  );
  const of = (offerId: string) => rows.find((r) => r.offer_id === offerId) ?? { own: 0, others: 0 };
  const warnings: string[] = [];
  if (Number(of(targetOfferId).others) > 0 || eaHeldOfferIds.includes(targetOfferId)) {
    warnings.push(`The customer already holds ${targetOfferId} from another partner or channel: licenses must be reassigned manually (UPG-3)`);
  }
  const sourceCount = Number(of(source.offerId).own) + Number(of(source.offerId).others);
  if (sourceCount > 0) warnings.push(`The customer holds several subscriptions of ${source.offerId}: licenses must be reassigned manually (UPG-3)`);
  if (Number(of(targetOfferId).own) > 0) warnings.push(`The customer holds several subscriptions of ${targetOfferId}: licenses must be reassigned manually (UPG-3)`);
  return warnings;
}
