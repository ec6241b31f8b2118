import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { recordEvent, requireIdentity } from '../../../shared/context';
import { badInput, BusinessRuleError, ensure, notFound } from '../../../shared/errors';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { newId } from '../../../shared/ids';
import { validTerms } from '../../../shared/offer-terms';
import * as v from '../../../shared/validation';
import { unscoped } from '../../../shared/db/tenant-filter';
import { EaRenewalSchedule } from '../entities/ea-renewal-schedule.entity';
import { EaSubscription } from '../entities/enterprise-agreement.entity';
import type { TransfersContext } from '../context';
import { EaRenewalStatus, EaSubscriptionAvailability, HOLDING_STATUSES, type ScheduleEaRenewalInput, type UpdateEaRenewalInput } from '../types/ea.types';
import { readAccess, type CustomerAccess } from './access';
import { offerById, type OfferFacts } from './catalog-facts';
import { availabilityFor, cspAvailability, cspTermStart, eaServiceEnd, editRefusal, isEligible } from './ea-renewal.policy';
import { callerSubscriptions, type SubscriptionFacts } from './subscription-facts';

/** What a schedule needs from other subgraphs, read before its unit opens. */
export interface ScheduleFacts {
  access: CustomerAccess;
  /** The catalog offer of the EA subscription's SKU, as it stands now (null: CSP no longer has it). */
  offer: OfferFacts | null;
  /** EA-5: the subscription to end with, as the caller sees it (null: not the caller's). */
  coterminous: SubscriptionFacts | null;
}

interface Terms {
  termDuration: string;
  billingFrequency: BillingFrequency;
  quantity: number;
  coterminousWithSubscriptionId: string | null;
}

/** EA-1, EA-3, EA-5: the customer as the caller may act on it, the SKU's offer and the coterminous subscription. */
async function readFacts(ctx: TransfersContext, eaSubscriptionId: string, coterminousId: string | null): Promise<ScheduleFacts> {
  const eaSubscription = await ctx.em.fork().findOne(EaSubscription, { id: eaSubscriptionId }, { populate: ['agreement'] });
  if (!eaSubscription) throw notFound('EaSubscription', eaSubscriptionId);
  const [{ customers }, offer, coterminous] = await Promise.all([
    readAccess(ctx, [eaSubscription.agreement.customerId]),
    eaSubscription.offerId ? offerById(ctx.graph, eaSubscription.offerId) : Promise.resolve(null),
    coterminousId ? callerSubscriptions(ctx.graph, [coterminousId]) : Promise.resolve([null]),
  ]);
  return { access: customers[0], offer, coterminous: coterminous[0] };
}

export function readScheduleFacts(ctx: TransfersContext, input: ScheduleEaRenewalInput): Promise<ScheduleFacts> {
  return readFacts(ctx, v.requiredText(input.eaSubscriptionId, 'eaSubscriptionId', 100), v.optionalText(input.coterminousWithSubscriptionId, 'coterminousWithSubscriptionId', 100) ?? null);
}

export async function readUpdateFacts(ctx: TransfersContext, input: UpdateEaRenewalInput): Promise<ScheduleFacts> {
  const scheduleId = v.requiredText(input.scheduleId, 'scheduleId', 100);
  const schedule = await ctx.loaders.schedule.load(scheduleId);
  if (!schedule) throw notFound('EaRenewalSchedule', scheduleId);
  const coterminous = input.coterminousWithSubscriptionId === undefined || input.coterminousWithSubscriptionId === null ? schedule.coterminousWithSubscriptionId : input.coterminousWithSubscriptionId.trim();
  return readFacts(ctx, schedule.eaSubscriptionId, coterminous || null);
}

/**
 * EA-1 … EA-6: schedules the renewal of one EA subscription to CSP for the calling partner.
 * First come, first served: the partial unique index on holding schedules admits exactly one
 * holder however many partners ask at once (EA-6); the losers get EA_ALREADY_SCHEDULED.
 */
export async function scheduleRenewal(tx: TransfersContext, input: ScheduleEaRenewalInput, facts: ScheduleFacts): Promise<{ schedule: EaRenewalSchedule }> {
  const identity = requireIdentity(tx);
  const eaSubscription = await loadRenewable(tx, v.requiredText(input.eaSubscriptionId, 'eaSubscriptionId', 100), facts);
  const now = await tx.clock.now();
  // EA-6: the holder may be another partner's schedule, so this read is unscoped.
  const holders = await tx.em.find(EaRenewalSchedule, { eaSubscriptionId: eaSubscription.id, status: { $in: [...HOLDING_STATUSES] } }, unscoped());
  const availability = availabilityFor(eaSubscription, holders, identity.tenantId);
  ensure(availability.availability !== EaSubscriptionAvailability.SCHEDULED_BY_YOU, 'EA_ALREADY_SCHEDULED', 'You have already scheduled this renewal: edit or cancel your schedule', 'EA-6');
  ensure(availability.availability !== EaSubscriptionAvailability.NOT_AVAILABLE, 'EA_ALREADY_SCHEDULED', availability.reason ?? 'Not available', 'EA-6');
  const terms = scheduleTerms(input, facts, eaSubscription, now);
  const schedule = tx.em.create(EaRenewalSchedule, {
    id: newId('ears'),
    eaSubscriptionId: eaSubscription.id,
    partnerId: identity.tenantId,
    partnerType: identity.partnerType ?? 'DIRECT_BILL',
    customerId: eaSubscription.agreement.customerId,
    status: EaRenewalStatus.SCHEDULED,
    ...terms,
    submittedAt: now,
    submittedBy: identity.userId,
    createdAt: now,
  });
  try {
    await tx.em.flush();
  } catch (error) {
    // EA-6: another request committed a holding schedule first; the database decided.
    if (error instanceof UniqueConstraintViolationException) throw new BusinessRuleError('EA_ALREADY_SCHEDULED', 'Another partner has scheduled the renewal of this subscription to CSP', 'EA-6');
    throw error;
  }
  recordEvent(tx, { resourceType: 'EaRenewalSchedule', resourceId: schedule.id, data: { eaSubscriptionId: eaSubscription.id, customerId: schedule.customerId, ...terms } });
  return { schedule };
}

/** EA-5: edits (resubmits) a SCHEDULED schedule until the EA end date; after expiry, until processed. */
export async function updateRenewal(tx: TransfersContext, input: UpdateEaRenewalInput, facts: ScheduleFacts): Promise<{ schedule: EaRenewalSchedule }> {
  const identity = requireIdentity(tx);
  const schedule = await lockOwn(tx, input.scheduleId);
  const eaSubscription = await loadRenewable(tx, schedule.eaSubscriptionId, facts);
  const now = await tx.clock.now();
  assertEditable(schedule, eaSubscription, now);
  const coterminous = input.coterminousWithSubscriptionId === undefined || input.coterminousWithSubscriptionId === null ? schedule.coterminousWithSubscriptionId : input.coterminousWithSubscriptionId;
  const terms = scheduleTerms(
    {
      termDuration: input.termDuration ?? schedule.termDuration,
      billingFrequency: input.billingFrequency ?? schedule.billingFrequency,
      quantity: input.quantity ?? schedule.quantity,
      coterminousWithSubscriptionId: coterminous || undefined,
    },
    facts,
    eaSubscription,
    now,
  );
  Object.assign(schedule, terms, { submittedAt: now, submittedBy: identity.userId });
  recordEvent(tx, { resourceType: 'EaRenewalSchedule', resourceId: schedule.id, data: { ...terms } });
  return { schedule };
}

/** EA-5: cancelling frees the EA subscription for other partners (EA-6). */
export async function cancelRenewal(tx: TransfersContext, scheduleId: string): Promise<{ schedule: EaRenewalSchedule }> {
  const schedule = await lockOwn(tx, scheduleId);
  const eaSubscription = await tx.em.findOneOrFail(EaSubscription, { id: schedule.eaSubscriptionId }, { populate: ['agreement'] });
  const now = await tx.clock.now();
  assertEditable(schedule, eaSubscription, now);
  schedule.status = EaRenewalStatus.CANCELLED;
  schedule.cancelledAt = now;
  recordEvent(tx, { resourceType: 'EaRenewalSchedule', resourceId: schedule.id, data: { status: schedule.status } });
  return { schedule };
}

/** The caller's schedule, locked for the unit (ACT-2: another partner's is not found). */
async function lockOwn(tx: TransfersContext, rawId: string): Promise<EaRenewalSchedule> {
  const id = v.requiredText(rawId, 'scheduleId', 100);
  const schedule = await tx.em.findOne(EaRenewalSchedule, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!schedule) throw notFound('EaRenewalSchedule', id);
  return schedule;
}

function assertEditable(schedule: EaRenewalSchedule, eaSubscription: EaSubscription, now: Date): void {
  const refusal = editRefusal(schedule.status, eaSubscription.agreement.endDate, schedule.submittedAt, now);
  ensure(!refusal, 'INVALID_STATE', refusal ?? '', 'EA-5');
}

/** EA-1, EA-2, EA-3: the EA subscription, visible to the caller, eligible and renewable to CSP. */
async function loadRenewable(tx: TransfersContext, id: string, facts: ScheduleFacts): Promise<EaSubscription> {
  const eaSubscription = await tx.em.findOne(EaSubscription, { id }, { populate: ['agreement'], refresh: true });
  // ACT-2/REL-1: without a relationship the customer's agreements are not the caller's to see.
  if (!eaSubscription || !facts.access.relationship || facts.access.customerId !== eaSubscription.agreement.customerId) throw notFound('EaSubscription', id);
  ensure(facts.access.sameRegion, 'REGION_MISMATCH', "The customer's country is outside your CSP region", 'EA-1');
  const now = await tx.clock.now();
  ensure(isEligible(eaSubscription.agreement, now), 'EA_NOT_ELIGIBLE', `Agreement ${eaSubscription.agreement.number} is not eligible for renewal to CSP`, 'EA-2');
  const verdict = cspAvailability({ offerId: facts.offer ? eaSubscription.offerId : null, commercial: eaSubscription.commercial });
  ensure(verdict.availability === EaSubscriptionAvailability.AVAILABLE, 'EA_NOT_AVAILABLE_IN_CSP', verdict.reason ?? 'Not available in CSP', 'EA-3');
  return eaSubscription;
}

/**
 * EA-5: term, billing and license count by the one validation every new subscription passes
 * (CAT-1, shared/offer-terms.ts: the same as a cart line), within the SKU's license maximum; the
 * coterminous subscription ends after the new term starts.
 */
function scheduleTerms(input: Omit<ScheduleEaRenewalInput, 'eaSubscriptionId'>, facts: ScheduleFacts, eaSubscription: EaSubscription, now: Date): Terms {
  const offer = facts.offer!;
  const { quantity, termDuration, billingFrequency } = validTerms(offer, input);
  if (quantity > offer.maxQuantity) throw badInput(`quantity must be at most ${offer.maxQuantity}`, ['quantity']);
  const coterminousId = input.coterminousWithSubscriptionId?.trim() || null;
  if (coterminousId) {
    const target = facts.coterminous;
    const start = cspTermStart(eaServiceEnd(eaSubscription), now, now);
    ensure(
      target && target.id === coterminousId && target.customerId === eaSubscription.agreement.customerId && target.status === 'ACTIVE' && new Date(target.termEnd).getTime() > start.getTime(),
      'TARGET_SUBSCRIPTION_INVALID',
      'The new subscription can end only with an active subscription of yours for this customer that ends after the new term starts',
      'EA-5',
      ['coterminousWithSubscriptionId'],
    );
  }
  return { termDuration, billingFrequency, quantity, coterminousWithSubscriptionId: coterminousId };
}
