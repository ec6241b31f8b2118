import Decimal from 'decimal.js';
import type { ErrorCode } from '../../../shared/errors';
import type { SubscriptionChangeDetails, SubscriptionEventType } from '../../../shared/events/payloads';
import { BillingFrequency, ChargeType, SubscriptionStatus } from '../../../shared/graphql/enums';
import { formatMoney } from '../../../shared/money';
import type { BatchFacts } from './license-batches';
import { HOURS_168_MS, isPastTerm, renewalInstant } from './term';

/**
 * The data of the subscription state machine (SPEC §6, §7): the state a subscription is in,
 * what can happen to it, and what a transition returns — the new state and its effects
 * (license batches, ledger lines, domain events) as plain data, or a refusal with its rule id.
 */

/** Everything a transition may read or change of one subscription (SUB-1). */
export interface SubscriptionState {
  id: string;
  partnerId: string;
  customerId: string;
  offerId: string;
  status: SubscriptionStatus;
  quantity: number;
  autoRenew: boolean;
  isTrial: boolean;
  termStart: Date;
  termEnd: Date;
  termDuration: string;
  billingFrequency: BillingFrequency;
  /**
   * SUB-5/SUB-7/EA-8: when the current term was put in place (purchase, or the completion of a
   * renewal or of EA processing); the 168-hour cancellation window counts from it.
   */
  windowOpenedAt?: Date | null;
  unitPrice?: string | null;
  currency?: string | null;
  updateCount: number;
  friendlyName?: string | null;
  promotionId?: string | null;
  resellerPartnerId?: string | null;
  resellerTenantId?: string | null;
  supportContactId?: string | null;
  baseSubscriptionId?: string | null;
  orderId?: string | null;
  cancelledAt?: Date | null;
  expiredAt?: Date | null;
  graceUntil?: Date | null;
  endedAt?: Date | null;
  /** BIL-1: start of the next billing period not billed yet; null when the whole term is billed (or nothing is billed). */
  nextChargeAt?: Date | null;
}

export type BatchKind = 'PURCHASE' | 'RENEWAL' | 'INCREASE' | 'UPGRADE' | 'TRANSFER' | 'CONVERSION';

/** XFR-3: a license batch of the source subscription as it moves: its licenses still held, when they were added, its own reduction deadline. */
export interface CarriedBatch {
  quantity: number;
  addedAt: Date;
  reducibleUntil: Date;
}
export type LedgerKind = 'CHARGE' | 'REFUND' | 'CREDIT';

/** What a transition causes besides the new state, for the caller to write. */
export type Effect =
  | { kind: 'addBatch'; batchKind: BatchKind; quantity: number; addedAt: Date; reducibleUntil: Date }
  | { kind: 'removeLicenses'; plan: readonly { batchId: string; take: number }[] }
  | { kind: 'ledger'; entryKind: LedgerKind; amount: string; currency: string; quantity?: number; description: string; at: Date; billing?: LedgerBilling }
  /** SCH-1: saves the change for the next renewal (replacing any); SCH-2: drops it. */
  | { kind: 'saveScheduledChange'; change: PlannedChange }
  | { kind: 'dropScheduledChange' }
  /** UPG-2: upgraded licenses cannot be removed any more: the open windows of the batches close at `at`. */
  | { kind: 'closeBatches'; at: Date }
  /** AUD-1 audit row, and with a `type` an AUD-2 outbox event, carrying the state after the change plus `details`. */
  | { kind: 'event'; type?: SubscriptionEventType; operation?: string; details: SubscriptionChangeDetails };

/** BIL-3: what an invoice line needs of a ledger line: why, for which days, at what price per license for the period. */
export interface LedgerBilling {
  chargeType: ChargeType;
  /** First day charged or credited, and the last instant (inclusive, like a term's end). */
  chargeStart?: Date;
  chargeEnd?: Date;
  /** Price of one license for the billing period, exact. */
  unitPrice?: string;
  /** The SKU, term and billing the line is for (an upgrade's credit is for the old SKU). */
  offerId?: string;
  termDuration?: string;
  billingFrequency?: string;
}

/** A refusal: a business rule (payload error) or CONFLICT (retry, SUB-8). */
export interface Refusal {
  code: ErrorCode | 'CONFLICT';
  message: string;
  rule: string;
  field?: string[];
}

export interface Transitioned {
  ok: true;
  state: SubscriptionState;
  effects: Effect[];
}

export interface Refused {
  ok: false;
  refusal: Refusal;
}

export type Outcome = Transitioned | Refused;

/** A catalog offer with its unit price in the customer's market. */
export interface PricedOffer {
  offerId: string;
  unitPrice: string;
  currency: string;
}

/** The base subscription of an add-on, as far as its transitions depend on it (SUB-9). */
export interface BaseFacts {
  status: SubscriptionStatus;
  termEnd: Date;
}

/** SCH-1: what a scheduled change sets at the next renewal. */
export interface ScheduledChange {
  offer?: PricedOffer;
  quantity?: number;
  termDuration?: string;
  billingFrequency?: BillingFrequency;
  /** A coterminous end date chosen through the scheduled change (UPG-6). */
  termEnd?: Date;
}

/**
 * SCH-1: a change saved for the next renewal, as stored (the SKU's price is read when the
 * renewal applies it). On a trial it is a scheduled conversion (TRI-3).
 */
export interface PlannedChange {
  offerId?: string | null;
  quantity?: number | null;
  termDuration?: string | null;
  billingFrequency?: BillingFrequency | null;
  /** The coterminous end of the next term, and the subscription it was aligned with. */
  termEnd?: Date | null;
  coterminousWithSubscriptionId?: string | null;
}

/** Terms of a new subscription (purchase, EA renewal, transfer in, partial upgrade, conversion). */
export interface NewSubscription {
  id: string;
  partnerId: string;
  customerId: string;
  offerId: string;
  quantity: number;
  termStart: Date;
  termEnd: Date;
  termDuration: string;
  billingFrequency: BillingFrequency;
  unitPrice?: string | null;
  currency?: string | null;
  isTrial?: boolean;
  autoRenew?: boolean;
  friendlyName?: string | null;
  promotionId?: string | null;
  resellerPartnerId?: string | null;
  resellerTenantId?: string | null;
  baseSubscriptionId?: string | null;
  orderId?: string | null;
}

/** Every transition, by a user or by the system. */
export type Action =
  // by a partner (SPEC §6, §7)
  | { kind: 'changeQuantity'; quantity: number; batches: readonly BatchFacts[] }
  | { kind: 'setAutoRenew'; enabled: boolean }
  | { kind: 'suspend'; withBase?: string }
  | { kind: 'reactivate'; base?: BaseFacts | null; withBase?: string }
  // SW-4: a software subscription's window is the same 168 hours, which that rule states as 7 days
  | { kind: 'cancel'; offer?: { publisher: string; cancellable: boolean }; termPaid?: string; withBase?: string; software?: boolean }
  | { kind: 'setReseller'; resellerPartnerId: string; resellerTenantId?: string | null }
  | { kind: 'setSupportContact'; supportContactId: string }
  | { kind: 'setFriendlyName'; friendlyName: string | null }
  | { kind: 'upgrade'; target: PricedOffer; termDuration?: string; billingFrequency?: BillingFrequency }
  // UPG-3/UPG-4/UPG-7: the source side of a partial upgrade or of one into an existing subscription
  | { kind: 'upgradeOut'; quantity: number; minimum: number; into: string; targetOfferId: string; batches: readonly BatchFacts[] }
  // UPG-3/UPG-5/TRI-3: an existing subscription receives upgraded (or converted trial) licenses
  | { kind: 'upgradeInto'; from: SubscriptionState; quantity: number; offerId: string; conversion?: boolean }
  // UPG-4/UPG-6: the new subscription of a partial upgrade, billed for the source's remaining days
  | { kind: 'createUpgraded'; subscription: NewSubscription; from: SubscriptionState }
  // TRI-3: a trial converted mid-term into another subscription ends
  | { kind: 'convertTrialOut'; into: string }
  // SCH-1/SCH-2: the change saved for the next renewal (`exists`: whether one is saved now)
  | { kind: 'scheduleChange'; change: PlannedChange }
  | { kind: 'removeScheduledChange'; exists: boolean }
  // by the system at or after the term end (SUB-6, SUB-7, SUB-9, TRI-2, SCH-1)
  | { kind: 'expire' }
  | { kind: 'end'; recoveredBy?: string }
  | { kind: 'renew'; base?: BaseFacts | null }
  | { kind: 'convertTrial'; paid: PricedOffer; change?: ScheduledChange | null }
  | { kind: 'applyScheduledChange'; change: ScheduledChange; base?: BaseFacts | null }
  // moves between partners (XFR-2) and creation: purchase, EA renewal (EA-8), transfer in
  | { kind: 'transferOut'; transferId?: string; targetPartnerId?: string }
  // BIL-1: the billing periods that have begun are charged (due work; every other transition does it first too)
  | { kind: 'bill' }
  // XFR-2: `transferredFrom`, the source partner's subscription as it stood: the new one is charged
  // exactly the unused days the source is credited
  | { kind: 'create'; origin: BatchKind; subscription: NewSubscription; freeOfCharge?: boolean; transferredFrom?: SubscriptionState; transferredBatches?: readonly CarriedBatch[] };

export type ActionKind = Action['kind'];

/** SUB-4: updates a subscription accepts over its lifetime. */
export const UPDATE_LIMIT = 1200;

/** TRI-2: the term and billing a trial converts to unless the partner chooses others. */
export const CONVERSION_DEFAULTS = { termDuration: 'P1Y', billingFrequency: BillingFrequency.MONTHLY } as const;

export function refuse(code: Refusal['code'], message: string, rule: string, field?: string[]): Refused {
  return { ok: false, refusal: { code, message, rule, field } };
}

export function done(state: SubscriptionState, effects: Effect[]): Transitioned {
  return { ok: true, state, effects };
}

/** SUB-5: the end of the current term's cancellation window (168 hours after it was put in place). */
export function cancellationDeadline(state: Pick<SubscriptionState, 'termStart' | 'windowOpenedAt'>): Date {
  return new Date((state.windowOpenedAt ?? state.termStart).getTime() + HOURS_168_MS);
}

/** A new SUB-2 batch with its own 168-hour window from `at`. */
export function batch(batchKind: BatchKind, quantity: number, at: Date): Effect {
  return { kind: 'addBatch', batchKind, quantity, addedAt: at, reducibleUntil: new Date(at.getTime() + HOURS_168_MS) };
}

/** A SUB-3 ledger line in the subscription's currency, rounded to the currency's digits. */
export function ledger(state: SubscriptionState, entryKind: LedgerKind, amount: Decimal.Value, quantity: number | undefined, description: string, at: Date, billing?: LedgerBilling): Effect {
  const currency = state.currency ?? 'USD';
  return { kind: 'ledger', entryKind, amount: formatMoney(amount, currency), currency, quantity, description, at, billing };
}

/** SCH-2: the change saved for the next renewal is deleted (a no-op when there is none). */
export const UNSCHEDULE: Effect = { kind: 'dropScheduledChange' };

export function event(type: SubscriptionEventType | undefined, details: SubscriptionChangeDetails = {}, operation?: string): Effect {
  return { kind: 'event', type, operation, details };
}

const LIVE: readonly SubscriptionStatus[] = [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED];
const ACTIVE_ONLY: readonly SubscriptionStatus[] = [SubscriptionStatus.ACTIVE];

/** Partner actions guarded by the allowed-state table. */
export type GuardedAction =
  | 'changeQuantity'
  | 'setAutoRenew'
  | 'suspend'
  | 'reactivate'
  | 'cancel'
  | 'setReseller'
  | 'setSupportContact'
  | 'setFriendlyName'
  | 'upgrade'
  | 'scheduleChange'
  | 'removeScheduledChange'
  | 'convertTrialOut';

/** SUB-1/SUB-5/SUB-6/UPG-1: the states each partner action may start from. CANCELLED is terminal. */
export const ALLOWED_FROM: Record<GuardedAction, readonly SubscriptionStatus[]> = {
  changeQuantity: ACTIVE_ONLY,
  setAutoRenew: ACTIVE_ONLY,
  suspend: ACTIVE_ONLY,
  reactivate: [SubscriptionStatus.SUSPENDED],
  cancel: LIVE,
  setReseller: LIVE,
  setSupportContact: LIVE,
  setFriendlyName: LIVE,
  upgrade: ACTIVE_ONLY,
  scheduleChange: ACTIVE_ONLY,
  removeScheduledChange: LIVE,
  convertTrialOut: ACTIVE_ONLY,
};

/** The rule a refusal for the wrong state cites, when it is not the general SUB-1. */
const STATE_RULE: Partial<Record<GuardedAction, string>> = { upgrade: 'UPG-1', scheduleChange: 'SCH-1', removeScheduledChange: 'SCH-1', convertTrialOut: 'TRI-3' };

/**
 * SUB-8: read-only while a renewal (or the expiry at the term end) is being processed. Upgrades
 * and trial conversions too: the renewal settles the SKU and price it read before it started.
 */
const FROZEN_WHILE_RENEWING: ReadonlySet<GuardedAction> = new Set<GuardedAction>([
  'setAutoRenew',
  'suspend',
  'reactivate',
  'scheduleChange',
  'removeScheduledChange',
  'upgrade',
  'convertTrialOut',
]);
/** TRI-1: a trial's quantity and status cannot change during the trial. */
const TRIAL_LOCKED: ReadonlySet<GuardedAction> = new Set<GuardedAction>(['changeQuantity', 'suspend', 'reactivate', 'cancel']);
/** SUB-4 blocks updates only: a cancellation is still possible at the cap. */
const NOT_COUNTED: ReadonlySet<GuardedAction> = new Set<GuardedAction>(['cancel']);

const DESCRIPTION: Record<GuardedAction, string> = {
  changeQuantity: 'change the quantity of',
  setAutoRenew: 'change autorenew of',
  suspend: 'suspend',
  reactivate: 'reactivate',
  cancel: 'cancel',
  setReseller: 'set the reseller of',
  setSupportContact: 'set the support contact of',
  setFriendlyName: 'rename',
  upgrade: 'upgrade',
  scheduleChange: 'schedule a change of',
  removeScheduledChange: 'remove the scheduled change of',
  convertTrialOut: 'convert',
};

/**
 * The refusal of a partner action, in the order a partner would want to hear it: renewal in
 * progress (CONFLICT, retry), illegal state, trial lock, update cap. Null when it may proceed.
 */
export function guard(action: GuardedAction, state: SubscriptionState, now: Date): Refused | null {
  const live = LIVE.includes(state.status);
  if (live && FROZEN_WHILE_RENEWING.has(action) && isPastTerm(state.termEnd, now)) {
    return refuse(
      'CONFLICT',
      `Subscription ${state.id} is being renewed (term ended ${state.termEnd.toISOString().slice(0, 10)}, processing since ${renewalInstant(state.termEnd).toISOString()}); retry once the renewal is done (SUB-8)`,
      'SUB-8',
    );
  }
  if (!ALLOWED_FROM[action].includes(state.status)) {
    const rule = state.status === SubscriptionStatus.CANCELLED ? 'SUB-5' : (STATE_RULE[action] ?? 'SUB-1');
    return refuse('INVALID_STATE', `Cannot ${DESCRIPTION[action]} a subscription that is ${state.status}`, rule);
  }
  if (state.isTrial && TRIAL_LOCKED.has(action)) return refuse('TRIAL_LOCKED', 'A trial keeps its quantity and status until it ends or is converted', 'TRI-1');
  if (!NOT_COUNTED.has(action) && state.updateCount >= UPDATE_LIMIT) {
    return refuse('UPDATE_LIMIT_REACHED', `This subscription has been updated ${UPDATE_LIMIT} times and accepts no further updates; buy a second subscription instead`, 'SUB-4');
  }
  return null;
}

/** SUB-4: every successful partner update counts. */
export function counted(state: SubscriptionState, changes: Partial<SubscriptionState> = {}): SubscriptionState {
  return { ...state, ...changes, updateCount: state.updateCount + 1 };
}
