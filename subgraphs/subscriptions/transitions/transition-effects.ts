import { BusinessRuleError, conflict } from '../../../shared/errors';
import type { EntityManager } from '../../../shared/db/orm';
import type { EventLog } from '../../../shared/events/event-log';
import { newId } from '../../../shared/ids';
import { LedgerEntry } from '../entities/ledger-entry.entity';
import { LicenseBatch } from '../entities/license-batch.entity';
import { ScheduledChange } from '../entities/scheduled-change.entity';
import { Subscription } from '../entities/subscription.entity';
import type { Outcome, SubscriptionState, Transitioned } from './subscription-transitions';
import { subscriptionEvent } from './subscription-events';
import { knownWithoutScheduledChange, readWithoutScheduledChange, scheduledChangeSaved } from './scheduled-change-known';
import { bookInvoiceLine } from '../billing/invoices/invoice-booking';
import { previewSinkOf } from '../billing/previews/preview-sink';

/**
 * Where an outcome of the state machine is written: the transaction's EntityManager and, inside
 * a unit of work, its event log (audit and outbox rows). The demo seed has no log:
 * what they write is existing data, not something that happened.
 */
export interface TransitionTx {
  em: EntityManager;
  events?: EventLog;
}

/** The state machine's view of a subscription entity. */
export function stateOf(s: Subscription): SubscriptionState {
  return {
    id: s.id,
    partnerId: s.partnerId,
    customerId: s.customerId,
    offerId: s.offerId,
    status: s.status,
    quantity: s.quantity,
    autoRenew: s.autoRenew,
    isTrial: s.isTrial,
    termStart: s.termStart,
    termEnd: s.termEnd,
    termDuration: s.termDuration,
    billingFrequency: s.billingFrequency,
    windowOpenedAt: s.windowOpenedAt,
    unitPrice: s.unitPrice,
    listUnitPrice: s.listUnitPrice,
    currency: s.currency,
    updateCount: s.updateCount,
    friendlyName: s.friendlyName,
    promotionId: s.promotionId,
    resellerPartnerId: s.resellerPartnerId,
    resellerTenantId: s.resellerTenantId,
    supportContactId: s.supportContactId,
    baseSubscriptionId: s.baseSubscriptionId,
    orderId: s.orderId,
    cancelledAt: s.cancelledAt,
    expiredAt: s.expiredAt,
    graceUntil: s.graceUntil,
    endedAt: s.endedAt,
    nextChargeAt: s.nextChargeAt,
  };
}

/** Fields a transition may take back to none. */
const CLEARABLE = new Set(['promotionId', 'listUnitPrice']);

/** The fields of `state` that differ from the entity's (null and undefined alike are "none"). */
function changedFields(subscription: Subscription, state: SubscriptionState): Partial<Subscription> {
  const current = stateOf(subscription) as unknown as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(writable(state))) {
    const before = current[key] ?? undefined;
    const same = before instanceof Date && value instanceof Date ? before.getTime() === value.getTime() : before === value;
    // BIL-5: a promotion that ends with its term is cleared (null), not left as it was.
    if (!same) changed[key] = value ?? (CLEARABLE.has(key) ? null : value);
  }
  return changed as Partial<Subscription>;
}

/** The fields of a new state, as the entity takes them. */
function writable(state: SubscriptionState): Partial<Subscription> {
  const { id: _id, ...rest } = state;
  return Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, value ?? undefined])) as Partial<Subscription>;
}

/** The outcome, or its refusal thrown: a business rule for the payload, or CONFLICT (SUB-8, retry). */
export function orRefuse(outcome: Outcome): Transitioned {
  if (outcome.ok) return outcome;
  const { code, message, rule, field } = outcome.refusal;
  if (code === 'CONFLICT') throw conflict(message);
  throw new BusinessRuleError(code, message, rule, field);
}

/**
 * Writes an outcome (throwing its refusal): the new state onto the subscription (created when
 * `subscription` is null, at `now`), its license batches and ledger lines, and its events. The
 * one place that writes a subscription's state, `status` included.
 */
export async function applyOutcome(tx: TransitionTx, subscription: Subscription | null, outcome: Outcome, now: Date): Promise<Subscription> {
  const { state, effects } = orRefuse(outcome);
  // BIL-6: a preview runs this same code in a transaction that is rolled back, and keeps what it would book.
  const sink = previewSinkOf(tx);
  sink?.states.set(state.id, state);
  const target = subscription ? Object.assign(subscription, changedFields(subscription, state)) : tx.em.create(Subscription, { ...writable(state), id: state.id, createdAt: now } as Subscription);
  for (const effect of effects) {
    switch (effect.kind) {
      case 'addBatch':
        tx.em.create(LicenseBatch, { id: newId('lb'), subscriptionId: target.id, kind: effect.batchKind, quantity: effect.quantity, addedAt: effect.addedAt, reducibleUntil: effect.reducibleUntil });
        break;
      case 'removeLicenses': {
        const batches = await tx.em.find(LicenseBatch, { id: { $in: effect.plan.map((step) => step.batchId) }, subscriptionId: target.id });
        const byId = new Map(batches.map((b) => [b.id, b]));
        for (const step of effect.plan) byId.get(step.batchId)!.removed += step.take;
        break;
      }
      case 'ledger': {
        const entry = tx.em.create(LedgerEntry, {
          id: newId('led'),
          subscriptionId: target.id,
          kind: effect.entryKind,
          amountValue: effect.amount,
          currency: effect.currency,
          quantity: effect.quantity,
          description: effect.description,
          at: effect.at,
          chargeType: effect.billing?.chargeType,
          chargeStart: effect.billing?.chargeStart,
          chargeEnd: effect.billing?.chargeEnd,
          unitPrice: effect.billing?.unitPrice,
        });
        sink?.records.push({
          subscriptionId: target.id,
          kind: effect.entryKind,
          chargeType: effect.billing?.chargeType ?? null,
          amount: effect.amount,
          currency: effect.currency,
          chargeStart: effect.billing?.chargeStart ?? null,
          chargeEnd: effect.billing?.chargeEnd ?? null,
        });
        // BIL-3: every charge and credit goes onto the partner's open invoice in the same transaction.
        await bookInvoiceLine(tx.em, entry, target, effect.billing, now);
        break;
      }
      case 'event':
        tx.events?.record(subscriptionEvent(effect.type, target, effect.details, effect.operation));
        break;
      case 'closeBatches': {
        const open = await tx.em.find(LicenseBatch, { subscriptionId: target.id, reducibleUntil: { $gt: effect.at } });
        for (const b of open) b.reducibleUntil = effect.at;
        break;
      }
      case 'saveScheduledChange': {
        const saved = knownWithoutScheduledChange(target) ? null : await tx.em.findOne(ScheduledChange, { subscriptionId: target.id });
        scheduledChangeSaved(target);
        const { change } = effect;
        // Saving again replaces the whole change: what the new one leaves unset is unset.
        const fields = {
          offerId: change.offerId ?? null,
          quantity: change.quantity ?? null,
          termDuration: change.termDuration ?? null,
          billingFrequency: change.billingFrequency ?? null,
          customTermEnd: change.termEnd ?? null,
          coterminousWithSubscriptionId: change.coterminousWithSubscriptionId ?? null,
          savedAt: now,
        };
        if (saved) Object.assign(saved, fields);
        else tx.em.create(ScheduledChange, { id: newId('sch'), subscriptionId: target.id, ...fields });
        break;
      }
      case 'dropScheduledChange': {
        // Read with the subscription when it had none (scheduled-change-known.ts): nothing to delete.
        if (knownWithoutScheduledChange(target)) break;
        const saved = await tx.em.findOne(ScheduledChange, { subscriptionId: target.id });
        if (saved) tx.em.remove(saved);
        readWithoutScheduledChange(target);
        break;
      }
    }
  }
  return target;
}
