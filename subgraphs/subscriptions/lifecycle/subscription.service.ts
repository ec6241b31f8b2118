import { LockMode, raw } from '@mikro-orm/core';
import { requireIdentity } from '../../../shared/context';
import { BusinessRuleError, conflict, notFound } from '../../../shared/errors';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { optionalText, positiveInt } from '../../../shared/validation';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { assertWithinLicenseCaps, type LicenseCapFacts } from './subscription-limits';
import type { ResellerOfRecordFacts, SupportContactFacts } from './subscription-resellers';
import { transition, type Action } from '../transitions/subscription-transitions';
import { applyOutcome, orRefuse, stateOf } from '../transitions/transition-effects';
import { assertRelationship, relationshipOf, type RelationshipActive } from './relationship-guard';
import { batchesWithLicenses } from './batch-facts';
import { ownedOnly, withinOwned } from '../../../shared/db/tenant-filter';
import { statementFor } from '../../../shared/db/statement-cache';
import { readRows } from '../../../shared/db/read-model';
import { readWithoutScheduledChange } from '../transitions/scheduled-change-known';
import { beingChanged } from './changes-in-flight';

export interface QuantityChange {
  subscriptionId: string;
  quantity: number;
  expectedVersion?: number | null;
}

export interface WithAddOns {
  subscription: Subscription;
  addOns: Subscription[];
}

/** What `owned` reads of the caller's subscription: the entity, and the REL-1 fact of its partner and customer (null: none heard). */
interface OwnedRead {
  subscription: Subscription;
  relationship: RelationshipActive | null;
}

/**
 * The caller's subscription `id` with its relationship fact and whether a change is scheduled for
 * it (SCH-1), in one statement. `claim`: with its row lock taken at once or not at all (SUB-11):
 * while another unit holds it (a concurrent change of the same subscription, which will move its
 * version), this one answers CONFLICT at its first read instead of after computing and writing
 * its own change; the version check of the update stays the guarantee. The relationship fact is
 * read as a statement of its own would read it (it is no part of the subscription's lock: the
 * customers subgraph's events change it).
 */
async function readOwned(tx: SubscriptionsContext, id: string, claim: boolean): Promise<OwnedRead | null> {
  if (tx.em.getUnitOfWork().getById(Subscription, id)) {
    // Already in this unit (changed by it, perhaps): the entity as the unit holds it.
    const subscription = await tx.em.findOne(Subscription, { id }, ownedOnly(claim ? { lockMode: LockMode.PESSIMISTIC_WRITE_OR_FAIL } : {}));
    return subscription ? { subscription, relationship: await relationshipOf(tx, subscription) } : null;
  }
  const where = await withinOwned(tx.em, Subscription, { id });
  const statement = statementFor(`Subscription|owned|${claim}`, where, (shaped) => {
    const qb = tx.em
      .createQueryBuilder(Subscription, 's')
      .select([
        's.*',
        raw(`(select f.active from subscriptions.relationship_fact f where f.partner_id = s.partner_id and f.customer_id = s.customer_id) as ${RELATIONSHIP_COLUMN}`),
        raw(`exists (select 1 from subscriptions.scheduled_change c where c.subscription_id = s.id) as ${SCHEDULED_COLUMN}`),
        // The row's version in the statement's snapshot. A change committed after the snapshot and
        // before the lock makes the lock return the newer row, while the subqueries above still
        // read the snapshot: the two versions then differ and the scheduled change is read again.
        raw(`(select v.version from subscriptions.subscription v where v.id = s.id) as ${SEEN_VERSION_COLUMN}`),
      ] as never)
      .where(shaped as never)
      .limit(1);
    if (claim) qb.setLockMode(LockMode.PESSIMISTIC_WRITE_OR_FAIL, ['s']);
    return qb.toQuery();
  });
  try {
    const [row] = await readRows(tx.em, statement);
    if (!row) return null;
    const { [RELATIONSHIP_COLUMN]: active, [SCHEDULED_COLUMN]: scheduled, [SEEN_VERSION_COLUMN]: seenVersion, ...columns } = row;
    const subscription = tx.em.map(Subscription, columns as never);
    // SCH-2: none scheduled, seen in the snapshot the row was read in.
    if (scheduled === false && Number(seenVersion) === subscription.version) readWithoutScheduledChange(subscription);
    return { subscription, relationship: active === null || active === undefined ? null : { active: Boolean(active) } };
  } catch (error) {
    if (claim && (error as { code?: string }).code === LOCK_NOT_AVAILABLE) throw beingChanged(id);
    throw error;
  }
}

/** The columns of {@link readOwned}'s row besides the subscription's (never mapped to the entity). */
const RELATIONSHIP_COLUMN = 'relationship_active__';
const SCHEDULED_COLUMN = 'scheduled_change__';
const SEEN_VERSION_COLUMN = 'seen_version__';

/** PostgreSQL's lock_not_available (a NOWAIT lock held by another transaction). */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Partner changes of one subscription (SPEC §6). Every method runs inside the mutation's unit
 * of work with the facts of other subgraphs already read, and applies one transition of the
 * state machine (subscription-transitions.ts); the subscription's `version` makes concurrent
 * writers conflict instead of losing an update (SUB-11).
 */
export class SubscriptionLifecycleService {
  /**
   * The caller's own subscription for a change, or NOT_FOUND (ACT-2). Every partner change of a
   * subscription starts here, so here it needs the relationship with the customer (REL-1).
   */
  async owned(tx: SubscriptionsContext, id: string, options: { claim?: boolean } = {}): Promise<Subscription> {
    requireIdentity(tx);
    const read = typeof id === 'string' && id.length <= 100 ? await readOwned(tx, id, options.claim ?? false) : null;
    if (!read) throw notFound('Subscription', id);
    assertRelationship(read.subscription, read.relationship);
    return read.subscription;
  }

  /** Applies `action` to the caller's subscription `id` at the business clock. */
  async apply(tx: SubscriptionsContext, id: string | Subscription, action: Action): Promise<Subscription> {
    const subscription = typeof id === 'string' ? await this.owned(tx, id) : id;
    const now = await tx.clock.now();
    return applyOutcome(tx, subscription, transition(stateOf(subscription), action, now), now);
  }

  /**
   * SUB-2: increases add a batch with its own 168-hour window and a prorated charge; reductions
   * consume open batches, most recent first, and refund the unused days (SUB-3). Increases stay
   * within the license caps (CAT-1, CAT-6).
   */
  async changeQuantity(tx: SubscriptionsContext, input: QuantityChange, caps: LicenseCapFacts | null): Promise<Subscription> {
    const quantity = positiveInt(input.quantity, 'quantity');
    // SUB-11: claimed at the first read, so a concurrent change finds out before it writes anything.
    const subscription = await this.owned(tx, input.subscriptionId, { claim: true });
    // Refusals of the state machine (state, trial, update cap) come before the other checks.
    await this.guard(tx, subscription, { kind: 'changeQuantity', quantity: subscription.quantity, batches: [] });
    if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== subscription.version) {
      throw conflict(`Subscription ${subscription.id} is at version ${subscription.version}, not ${input.expectedVersion}: reload and retry (SUB-11)`);
    }
    if (quantity > subscription.quantity) await assertWithinLicenseCaps(tx, subscription, quantity, caps);
    // SUB-2: a reduction needs only the batches still open, not the subscription's whole history.
    const batches = quantity < subscription.quantity ? await batchesWithLicenses(tx.em, [subscription.id], await tx.clock.now()) : [];
    return this.apply(tx, subscription, { kind: 'changeQuantity', quantity, batches });
  }

  /** Throws the refusal the state machine would give `action` before any other check runs. */
  private async guard(tx: SubscriptionsContext, subscription: Subscription, action: Action): Promise<void> {
    orRefuse(transition(stateOf(subscription), action, await tx.clock.now()));
  }

  /** SUB-7: autorenew on or off (read-only while a renewal is processed, SUB-8). */
  setAutoRenew(tx: SubscriptionsContext, id: string, enabled: boolean): Promise<Subscription> {
    return this.apply(tx, id, { kind: 'setAutoRenew', enabled });
  }

  /** SUB-6: suspends the subscription and the add-ons of this base with it. */
  async suspend(tx: SubscriptionsContext, id: string): Promise<WithAddOns> {
    const subscription = await this.apply(tx, id, { kind: 'suspend' });
    const addOns = await tx.em.find(Subscription, { baseSubscriptionId: subscription.id, status: SubscriptionStatus.ACTIVE }, { orderBy: { id: 'asc' } });
    for (const addOn of addOns) await this.apply(tx, addOn, { kind: 'suspend', withBase: subscription.id });
    return { subscription, addOns };
  }

  /**
   * SUB-6: reactivation within the term; autorenew stays off until turned on. Add-ons suspended
   * with their base come back with it (they cannot run without it, SUB-9).
   */
  async reactivate(tx: SubscriptionsContext, id: string): Promise<WithAddOns> {
    const current = await this.owned(tx, id);
    const base = current.baseSubscriptionId ? await tx.em.findOne(Subscription, { id: current.baseSubscriptionId }) : null;
    const subscription = await this.apply(tx, current, { kind: 'reactivate', base });
    const addOns = await tx.em.find(Subscription, { baseSubscriptionId: subscription.id, status: SubscriptionStatus.SUSPENDED }, { orderBy: { id: 'asc' } });
    for (const addOn of addOns) await this.apply(tx, addOn, { kind: 'reactivate', withBase: subscription.id });
    return { subscription, addOns };
  }

  /** SUB-1: the friendly name partners know the subscription by (SUB-8: also while a renewal is processed). */
  setFriendlyName(tx: SubscriptionsContext, id: string, friendlyName: string | null | undefined): Promise<Subscription> {
    const name = optionalText(friendlyName?.trim() || null, 'friendlyName', 100) ?? null;
    return this.apply(tx, id, { kind: 'setFriendlyName', friendlyName: name });
  }

  /** RES-3/RES-4: the reseller of record, a verified PartnerID of an onboarded reseller with a signed MPA. */
  async setReseller(tx: SubscriptionsContext, id: string, facts: ResellerOfRecordFacts): Promise<Subscription> {
    const subscription = await this.owned(tx, id);
    await this.guard(tx, subscription, { kind: 'setReseller', resellerPartnerId: facts.requested });
    const { requested, verification } = facts;
    if (!verification.valid) {
      throw new BusinessRuleError(
        'INVALID_RESELLER',
        `PartnerID ${requested} is not a verified indirect reseller with a signed partner agreement${verification.reason ? ` (${verification.reason})` : ''}`,
        'RES-4',
        ['resellerPartnerId'],
      );
    }
    // The reseller's read-only view (ACT-1) needs its tenant; known when it is partnered with the caller.
    return this.apply(tx, subscription, { kind: 'setReseller', resellerPartnerId: verification.partnerId, resellerTenantId: facts.tenantId });
  }

  /** RES-3: designate one of the provider's partnered resellers as support contact, recorded (and shown) by its PartnerID. */
  async setSupportContact(tx: SubscriptionsContext, id: string, facts: SupportContactFacts): Promise<Subscription> {
    const subscription = await this.owned(tx, id);
    await this.guard(tx, subscription, { kind: 'setSupportContact', supportContactId: facts.requested });
    if (!facts.reseller) throw new BusinessRuleError('INVALID_RESELLER', `${facts.requested} is not an indirect reseller partnered with you`, 'RES-3', ['resellerId']);
    return this.apply(tx, subscription, { kind: 'setSupportContact', supportContactId: facts.reseller.partnerId });
  }
}

export const subscriptionLifecycle = new SubscriptionLifecycleService();
