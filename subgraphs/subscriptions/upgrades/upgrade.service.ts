import { BusinessRuleError, conflict, ensure } from '../../../shared/errors';
import { SubscriptionStatus, type BillingFrequency } from '../../../shared/graphql/enums';
import { newId } from '../../../shared/ids';
import { positiveInt } from '../../../shared/validation';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { LicenseReassignment } from '../types/upgrade.types';
import { scheduledChanges } from '../lifecycle/scheduled-change.service';
import { subscriptionLifecycle } from '../lifecycle/subscription.service';
import { batchesWithLicenses } from '../lifecycle/batch-facts';
import { termShortening, transition, upgradeRefusal, type PricedOffer } from '../transitions/subscription-transitions';
import { monthsOf, termEndFor } from '../transitions/term';
import { applyOutcome, orRefuse, stateOf } from '../transitions/transition-effects';
import type { CatalogSku, ChangeFacts } from './upgrade-facts';
import { assertDirectoryPlace, assertTargetCaps, eligibleTarget, freshFacts, reassignmentWarnings, soldWith } from './upgrade-rules';

export interface UpgradeRequest {
  subscriptionId: string;
  targetOfferId: string;
  quantity: number;
  targetSubscriptionId?: string | null;
  termDuration?: string | null;
  billingFrequency?: BillingFrequency | null;
  timing?: 'NOW' | 'AT_RENEWAL' | null;
  expectedVersion?: number | null;
}

export interface UpgradeResult {
  source: Subscription;
  /** The subscription that holds the upgraded licenses now; none for an upgrade scheduled at renewal. */
  target?: Subscription | null;
  licenseReassignment: LicenseReassignment;
  warnings: string[];
}

/** The SKU, price, term and billing the upgraded licenses take. */
interface TargetTerms {
  priced: PricedOffer;
  termDuration: string;
  billingFrequency: BillingFrequency;
}

const PARTIAL_WARNING = 'A partial upgrade moves only some licenses: they must be reassigned manually (UPG-4)';

/**
 * Upgrades (SPEC §7: UPG-1…UPG-7) inside the mutation's unit of work, with the catalog facts
 * read before it. The catalog decides which SKU paths are eligible (CAT-10); the state machine
 * decides what happens to each subscription involved and what it costs.
 */
export class UpgradeService {
  async upgrade(tx: SubscriptionsContext, input: UpgradeRequest, known: ChangeFacts | null): Promise<UpgradeResult> {
    const source = await subscriptionLifecycle.owned(tx, input.subscriptionId);
    if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== source.version) {
      throw conflict(`Subscription ${source.id} is at version ${source.version}, not ${input.expectedVersion}: reload and retry (SUB-11)`);
    }
    const now = await tx.clock.now();
    // UPG-1, TRI-3, SUB-8, SUB-4: the refusals of the subscription's state come first.
    const refused = upgradeRefusal(stateOf(source), now);
    if (refused) orRefuse(refused);
    const facts = freshFacts(known, source);
    const quantity = positiveInt(input.quantity, 'quantity');
    const target = eligibleTarget(facts, input.targetOfferId, 'UPG-1', false);
    if (input.targetSubscriptionId && input.timing !== 'AT_RENEWAL') return this.intoExisting(tx, source, input.targetSubscriptionId, quantity, target, facts, input, now);
    const termDuration = input.termDuration ?? source.termDuration;
    const billingFrequency = input.billingFrequency ?? source.billingFrequency;
    soldWith(target, termDuration, billingFrequency);
    if (input.timing === 'AT_RENEWAL') {
      ensure(!input.targetSubscriptionId, 'TARGET_SUBSCRIPTION_INVALID', 'An upgrade at renewal changes this subscription; upgrade NOW to move licenses into another one', 'SCH-1', ['targetSubscriptionId']);
      return scheduledChanges.scheduleUpgrade(tx, source, { offerId: target.id, quantity, termDuration, billingFrequency }, target);
    }
    const shortened = termShortening(source.termDuration, termDuration);
    if (shortened) orRefuse(shortened);
    ensure(quantity <= source.quantity, 'UPGRADE_NOT_ELIGIBLE', `Only the subscription's ${source.quantity} licenses can be upgraded, not ${quantity}`, 'UPG-3', ['quantity']);
    ensure(quantity >= target.minQuantity, 'BELOW_MINIMUM', `${target.provisioningId} needs at least ${target.minQuantity} licenses`, quantity < source.quantity ? 'UPG-4' : 'CAT-10', ['quantity']);
    await assertTargetCaps(tx, source.customerId, target, quantity, quantity);
    const terms = { priced: { offerId: target.id, unitPrice: target.price.amount, currency: target.price.currency }, termDuration, billingFrequency };
    return quantity === source.quantity ? this.inPlace(tx, source, terms, facts, now) : this.partial(tx, source, quantity, terms, facts, now);
  }

  /** UPG-3/UPG-6: a full upgrade keeps the subscription and its id; reassignment per UPG-3. */
  private async inPlace(tx: SubscriptionsContext, source: Subscription, terms: TargetTerms, facts: ChangeFacts, now: Date): Promise<UpgradeResult> {
    const warnings = await reassignmentWarnings(tx, source, terms.priced.offerId, facts.eaHeldOfferIds);
    const outcome = transition(stateOf(source), { kind: 'upgrade', target: terms.priced, termDuration: terms.termDuration, billingFrequency: terms.billingFrequency }, now);
    await applyOutcome(tx, source, outcome, now);
    return { source, target: source, licenseReassignment: warnings.length ? LicenseReassignment.MANUAL : LicenseReassignment.AUTOMATIC, warnings };
  }

  /** UPG-4/UPG-6: a partial upgrade puts the licenses in a new subscription coterminous with the source (a longer term: a full new one). */
  private async partial(tx: SubscriptionsContext, source: Subscription, quantity: number, terms: TargetTerms, facts: ChangeFacts, now: Date): Promise<UpgradeResult> {
    await assertDirectoryPlace(tx, source.customerId);
    const before = stateOf(source);
    const id = newId('sub');
    const batches = await batchesWithLicenses(tx.em, [source.id]);
    const out = transition(before, { kind: 'upgradeOut', quantity, minimum: facts.current?.minQuantity ?? 1, into: id, targetOfferId: terms.priced.offerId, batches }, now);
    const longer = monthsOf(terms.termDuration) > monthsOf(source.termDuration);
    const subscription = {
      id,
      partnerId: source.partnerId,
      customerId: source.customerId,
      offerId: terms.priced.offerId,
      quantity,
      termStart: now,
      termEnd: longer ? termEndFor(now, terms.termDuration) : source.termEnd,
      termDuration: terms.termDuration,
      billingFrequency: terms.billingFrequency,
      unitPrice: terms.priced.unitPrice,
      currency: terms.priced.currency,
      autoRenew: source.autoRenew,
      resellerPartnerId: source.resellerPartnerId,
      resellerTenantId: source.resellerTenantId,
    };
    const created = transition(null, { kind: 'createUpgraded', from: before, subscription }, now);
    await applyOutcome(tx, source, out, now);
    const upgraded = await applyOutcome(tx, null, created, now);
    return { source, target: upgraded, licenseReassignment: LicenseReassignment.MANUAL, warnings: [PARTIAL_WARNING] };
  }

  /**
   * UPG-3/UPG-5/UPG-7: licenses moved into an existing subscription of the target SKU, which
   * keeps its term and billing; the source keeps the rest (UPG-4) or, when all moved, ends.
   */
  private async intoExisting(
    tx: SubscriptionsContext,
    source: Subscription,
    targetSubscriptionId: string,
    quantity: number,
    target: CatalogSku,
    facts: ChangeFacts,
    input: UpgradeRequest,
    now: Date,
  ): Promise<UpgradeResult> {
    const existing = await subscriptionLifecycle.owned(tx, targetSubscriptionId);
    const keeps = (!input.termDuration || input.termDuration === existing.termDuration) && (!input.billingFrequency || input.billingFrequency === existing.billingFrequency);
    if (!keeps) {
      throw new BusinessRuleError(
        'TARGET_SUBSCRIPTION_INVALID',
        `Subscription ${existing.id} keeps its own term (${existing.termDuration}) and billing (${existing.billingFrequency}): upgraded licenses take them`,
        'UPG-3',
        ['targetSubscriptionId'],
      );
    }
    const before = stateOf(source);
    const into = transition(stateOf(existing), { kind: 'upgradeInto', from: before, quantity, offerId: target.id }, now);
    orRefuse(into);
    await assertTargetCaps(tx, source.customerId, target, existing.quantity + quantity, quantity);
    const full = quantity === source.quantity;
    const warnings = full ? await reassignmentWarnings(tx, source, target.id, facts.eaHeldOfferIds, existing.id) : [PARTIAL_WARNING];
    const batches = await batchesWithLicenses(tx.em, [source.id]);
    const out = transition(before, { kind: 'upgradeOut', quantity, minimum: facts.current?.minQuantity ?? 1, into: existing.id, targetOfferId: target.id, batches }, now);
    await applyOutcome(tx, source, out, now);
    await applyOutcome(tx, existing, into, now);
    // XFR-3/SUB-9: when every license moved, the source's add-ons go with them to the subscription that now holds them.
    if (full) {
      const addOns = await tx.em.find(Subscription, { baseSubscriptionId: source.id, status: { $in: [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED] } });
      for (const addOn of addOns) addOn.baseSubscriptionId = existing.id;
    }
    return { source, target: existing, licenseReassignment: warnings.length ? LicenseReassignment.MANUAL : LicenseReassignment.AUTOMATIC, warnings };
  }
}

export const upgradeService = new UpgradeService();
