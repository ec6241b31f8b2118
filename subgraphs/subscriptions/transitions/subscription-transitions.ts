import { billDue } from '../billing/schedule/billing-schedule';
import { done, refuse, type Action, type Outcome, type SubscriptionState } from './model';
import { create, transferOut } from './moves';
import { cancel, changeQuantity, reactivate, setAutoRenew, setFriendlyName, setReseller, setSupportContact, suspend } from './partner-actions';
import { removeScheduledChange, scheduleChange } from './scheduling';
import { applyScheduledChange, convertTrial, end, expire, renew } from './term-end';
import { convertTrialOut, createUpgraded, upgrade, upgradeInto, upgradeOut } from './upgrades';

export * from './model';
export { dueAction, type DueFacts } from './term-end';
export { unusedValue } from './partner-actions';
export { coterminousEnd } from './scheduling';
export { reassignment } from './term-end';
export { termShortening, upgradeRefusal } from './upgrades';

/**
 * The subscription state machine (SPEC §6, §7), pure: every transition of a subscription, by
 * a partner or by the system, from `state` (null: not yet created) at `now`. It returns the new
 * state and its effects — license batches, ledger lines, domain events — as data, or the
 * refusal with its rule id; it never reads or writes anything. Services and due work apply the
 * outcome (`applyOutcome`); nothing else writes a subscription's `status`.
 */
export function transition(state: SubscriptionState | null, action: Action, now: Date): Outcome {
  if (action.kind === 'create') return create(state, action.origin, action.subscription, action.freeOfCharge ?? false, now, action.transferredFrom, action.transferredBatches);
  if (action.kind === 'createUpgraded') return state ? refuse('INVALID_STATE', `Subscription ${state.id} already exists`, 'SUB-1') : createUpgraded(action.subscription, action.from, now);
  if (!state) throw new Error(`transition ${action.kind} needs an existing subscription`);
  // BIL-1: the periods that have begun are billed first, so that what follows credits what was billed.
  const billed = billDue(state, now);
  if (action.kind === 'bill') return done(billed.state, billed.effects);
  const outcome = existing(billed.state, action, now);
  return outcome.ok && billed.effects.length ? done(outcome.state, [...billed.effects, ...outcome.effects]) : outcome;
}

function existing(state: SubscriptionState, action: Exclude<Action, { kind: 'create' | 'createUpgraded' | 'bill' }>, now: Date): Outcome {
  switch (action.kind) {
    case 'changeQuantity':
      return changeQuantity(state, action.quantity, action.batches, now);
    case 'setAutoRenew':
      return setAutoRenew(state, action.enabled, now);
    case 'suspend':
      return suspend(state, action.withBase, now);
    case 'reactivate':
      return reactivate(state, action.base, action.withBase, now);
    case 'cancel':
      return cancel(state, action, now);
    case 'setReseller':
      return setReseller(state, action.resellerPartnerId, action.resellerTenantId, now);
    case 'setSupportContact':
      return setSupportContact(state, action.supportContactId, now);
    case 'setFriendlyName':
      return setFriendlyName(state, action.friendlyName, now);
    case 'upgrade':
      return upgrade(state, action.target, action.termDuration, action.billingFrequency, now);
    case 'upgradeOut':
      return upgradeOut(state, action, now);
    case 'upgradeInto':
      return upgradeInto(state, action, now);
    case 'convertTrialOut':
      return convertTrialOut(state, action.into, now);
    case 'scheduleChange':
      return scheduleChange(state, action.change, now);
    case 'removeScheduledChange':
      return removeScheduledChange(state, action.exists, now);
    case 'expire':
      return expire(state, now);
    case 'end':
      return end(state, action.recoveredBy, now);
    case 'renew':
      return renew(state, action.base, now, action.price);
    case 'convertTrial':
      return convertTrial(state, action.paid, action.change, now);
    case 'applyScheduledChange':
      return applyScheduledChange(state, action.change, action.base, now);
    case 'transferOut':
      return transferOut(state, action.transferId, action.targetPartnerId, now);
  }
}
