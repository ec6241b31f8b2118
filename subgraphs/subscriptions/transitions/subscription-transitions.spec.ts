import { BillingFrequency, SubscriptionStatus } from '../../../shared/graphql/enums';
import { coterminousEnd, dueAction, reassignment, transition, UPDATE_LIMIT, type Action, type Effect, type NewSubscription, type Outcome, type SubscriptionState } from './subscription-transitions';

const { ACTIVE, SUSPENDED, EXPIRED, CANCELLED } = SubscriptionStatus;
const at = (iso: string) => new Date(iso);

/** A P1Y subscription bought 2027-01-01 (ends 2027-12-31, inclusive), 10 licenses at 10.00 EUR a month. */
const state = (extra: Partial<SubscriptionState> = {}): SubscriptionState => ({
  id: 'sub_1',
  partnerId: 'ptn_1',
  customerId: 'cus_1',
  offerId: 'offer-e3',
  status: ACTIVE,
  quantity: 10,
  autoRenew: true,
  isTrial: false,
  termStart: at('2027-01-01T00:00:00Z'),
  termEnd: at('2027-12-31T23:59:59.999Z'),
  termDuration: 'P1Y',
  billingFrequency: BillingFrequency.MONTHLY,
  windowOpenedAt: at('2027-01-01T00:00:00Z'),
  unitPrice: '10.0000',
  currency: 'EUR',
  updateCount: 0,
  ...extra,
});

const MID_TERM = at('2027-01-03T12:00:00Z');
const LATE = at('2027-03-01T00:00:00Z');
const RENEWING = at('2028-01-01T06:00:00Z');
const batches = [{ id: 'b1', quantity: 10, removed: 0, addedAt: at('2027-01-01T00:00:00Z'), reducibleUntil: at('2027-01-08T00:00:00Z') }];
const paid = { offerId: 'offer-paid', unitPrice: '20.00', currency: 'EUR' };
/** The target SKU's subscription of the same customer, bought with the source, outside its window. */
const target = (extra: Partial<SubscriptionState> = {}) => state({ id: 'sub_t', offerId: 'offer-paid', unitPrice: '20.00', quantity: 20, ...extra });
/** A trial bought 2027-02-16, ending 2027-03-15. */
const trial = (extra: Partial<SubscriptionState> = {}) =>
  state({ id: 'sub_trial', offerId: 'offer-trial', isTrial: true, quantity: 25, termDuration: 'P1M', termStart: at('2027-02-16T00:00:00Z'), termEnd: at('2027-03-15T23:59:59.999Z'), unitPrice: '0', ...extra });
const upgraded = (extra: Partial<NewSubscription> = {}): NewSubscription => ({
  id: 'sub_new', partnerId: 'ptn_1', customerId: 'cus_1', offerId: 'offer-paid', quantity: 4, termStart: LATE, termEnd: at('2027-12-31T23:59:59.999Z'),
  termDuration: 'P1Y', billingFrequency: BillingFrequency.MONTHLY, unitPrice: '20.00', currency: 'EUR', ...extra,
});
const newSubscription = {
  id: 'sub_new', partnerId: 'ptn_1', customerId: 'cus_1', offerId: 'offer-e3', quantity: 5, termStart: MID_TERM,
  termEnd: at('2028-01-02T23:59:59.999Z'), termDuration: 'P1Y', billingFrequency: BillingFrequency.MONTHLY, unitPrice: '10.00', currency: 'EUR',
};

const SHORT: Partial<Record<Effect['kind'], string>> = { dropScheduledChange: 'unschedule', saveScheduledChange: 'schedule' };

/** The outcome in one line: the refusal as "CODE rule", or the new status with the effects' kinds. */
function summary(outcome: Outcome): string {
  if (!outcome.ok) return `${outcome.refusal.code} ${outcome.refusal.rule}`;
  const effects = outcome.effects.map((e: Effect) => (e.kind === 'addBatch' ? `batch:${e.batchKind}` : e.kind === 'ledger' ? `${e.entryKind}:${e.amount}` : e.kind === 'event' ? `event:${e.type ?? 'audit'}` : SHORT[e.kind] ?? e.kind));
  return [outcome.state.status, ...effects].join(' ');
}

type Row = [name: string, from: SubscriptionState | null, action: Action, now: Date, expected: string];

/** (state, action) → outcome, every transition and every refusal with its rule id. */
const TABLE: Row[] = [
  // creation: purchase, EA renewal, transfer in (SUB-2, SUB-3, EA-8, XFR-2)
  ['purchase', null, { kind: 'create', origin: 'PURCHASE', subscription: newSubscription }, MID_TERM, 'ACTIVE batch:PURCHASE CHARGE:50.00 event:SUBSCRIPTION_CREATED'],
  ['EA renewal', null, { kind: 'create', origin: 'RENEWAL', subscription: newSubscription }, LATE, 'ACTIVE batch:RENEWAL CHARGE:50.00 CHARGE:50.00 event:SUBSCRIPTION_CREATED'],
  ['transfer in', null, { kind: 'create', origin: 'TRANSFER', subscription: newSubscription }, MID_TERM, 'ACTIVE batch:TRANSFER CHARGE:50.00 event:SUBSCRIPTION_CREATED'],
  ['transfer in from another partner (XFR-2: charged what transfer out credits)', null, { kind: 'create', origin: 'TRANSFER', subscription: newSubscription, transferredFrom: state() }, LATE, 'ACTIVE batch:TRANSFER CHARGE:96.77 event:SUBSCRIPTION_CREATED'],
  ['free marketplace trial (ORD-6)', null, { kind: 'create', origin: 'PURCHASE', subscription: newSubscription, freeOfCharge: true }, MID_TERM, 'ACTIVE batch:PURCHASE event:SUBSCRIPTION_CREATED'],
  ['create over an existing one', state(), { kind: 'create', origin: 'PURCHASE', subscription: newSubscription }, MID_TERM, 'INVALID_STATE SUB-1'],
  // quantity (SUB-2, SUB-3, SUB-4, TRI-1)
  ['increase', state(), { kind: 'changeQuantity', quantity: 12, batches }, MID_TERM, 'ACTIVE batch:INCREASE CHARGE:18.71 unschedule event:SUBSCRIPTION_UPDATED'],
  ['reduction in the window', state(), { kind: 'changeQuantity', quantity: 7, batches }, MID_TERM, 'ACTIVE removeLicenses REFUND:27.10 unschedule event:SUBSCRIPTION_UPDATED'],
  ['reduction after the window', state(), { kind: 'changeQuantity', quantity: 7, batches }, LATE, 'REDUCTION_WINDOW_CLOSED SUB-2'],
  ['same quantity', state(), { kind: 'changeQuantity', quantity: 10, batches }, MID_TERM, 'ACTIVE event:audit'],
  ['quantity of a suspended one', state({ status: SUSPENDED }), { kind: 'changeQuantity', quantity: 12, batches }, MID_TERM, 'INVALID_STATE SUB-1'],
  ['quantity of a trial', state({ isTrial: true }), { kind: 'changeQuantity', quantity: 30, batches }, MID_TERM, 'TRIAL_LOCKED TRI-1'],
  ['quantity at the update cap', state({ updateCount: UPDATE_LIMIT }), { kind: 'changeQuantity', quantity: 12, batches }, MID_TERM, 'UPDATE_LIMIT_REACHED SUB-4'],
  ['quantity while renewing (allowed)', state(), { kind: 'changeQuantity', quantity: 11, batches }, RENEWING, 'ACTIVE batch:INCREASE unschedule event:SUBSCRIPTION_UPDATED'],
  // autorenew (SUB-7, SUB-8)
  ['autorenew off', state(), { kind: 'setAutoRenew', enabled: false }, MID_TERM, 'ACTIVE unschedule event:SUBSCRIPTION_UPDATED'],
  ['autorenew of a trial (allowed)', state({ isTrial: true }), { kind: 'setAutoRenew', enabled: false }, MID_TERM, 'ACTIVE unschedule event:SUBSCRIPTION_UPDATED'],
  ['autorenew while renewing', state(), { kind: 'setAutoRenew', enabled: false }, RENEWING, 'CONFLICT SUB-8'],
  ['autorenew of an expired one', state({ status: EXPIRED }), { kind: 'setAutoRenew', enabled: true }, MID_TERM, 'INVALID_STATE SUB-1'],
  ['autorenew at the update cap', state({ updateCount: UPDATE_LIMIT }), { kind: 'setAutoRenew', enabled: false }, MID_TERM, 'UPDATE_LIMIT_REACHED SUB-4'],
  // suspension and reactivation (SUB-6, SUB-8, SUB-9)
  ['suspend', state(), { kind: 'suspend' }, LATE, 'SUSPENDED unschedule event:SUBSCRIPTION_UPDATED'],
  ['suspend a suspended one', state({ status: SUSPENDED }), { kind: 'suspend' }, LATE, 'INVALID_STATE SUB-1'],
  ['suspend while renewing', state(), { kind: 'suspend' }, RENEWING, 'CONFLICT SUB-8'],
  ['suspend a trial', state({ isTrial: true }), { kind: 'suspend' }, LATE, 'TRIAL_LOCKED TRI-1'],
  ['suspend an add-on with its base', state({ baseSubscriptionId: 'sub_base' }), { kind: 'suspend', withBase: 'sub_base' }, LATE, 'SUSPENDED unschedule event:SUBSCRIPTION_UPDATED'],
  ['reactivate', state({ status: SUSPENDED }), { kind: 'reactivate' }, LATE, 'ACTIVE event:SUBSCRIPTION_UPDATED'],
  ['reactivate an active one', state(), { kind: 'reactivate' }, LATE, 'INVALID_STATE SUB-1'],
  ['reactivate while renewing', state({ status: SUSPENDED }), { kind: 'reactivate' }, RENEWING, 'CONFLICT SUB-8'],
  ['reactivate an add-on of a suspended base', state({ status: SUSPENDED, baseSubscriptionId: 'sub_base' }), { kind: 'reactivate', base: { status: SUSPENDED, termEnd: at('2027-12-31T23:59:59.999Z') } }, LATE, 'INVALID_STATE SUB-9'],
  ['reactivate a cancelled one', state({ status: CANCELLED }), { kind: 'reactivate' }, LATE, 'INVALID_STATE SUB-5'],
  // cancellation (SUB-3, SUB-5, SW-4, SUB-9)
  ['cancel in the window', state(), { kind: 'cancel', offer: { publisher: 'MICROSOFT', cancellable: true } }, MID_TERM, 'CANCELLED REFUND:90.32 unschedule event:SUBSCRIPTION_CANCELLED'],
  ['cancel marketplace SaaS (term paid back)', state(), { kind: 'cancel', offer: { publisher: 'ISV', cancellable: true }, termPaid: '1200.0000' }, MID_TERM, 'CANCELLED REFUND:1200.00 unschedule event:SUBSCRIPTION_CANCELLED'],
  ['cancel after the window', state(), { kind: 'cancel', offer: { publisher: 'MICROSOFT', cancellable: true } }, LATE, 'CANCELLATION_WINDOW_CLOSED SUB-5'],
  ['cancel a renewed term, window from the renewal completion', state({ termStart: at('2027-01-01T00:00:00Z'), windowOpenedAt: at('2027-01-05T00:00:00Z') }), { kind: 'cancel' }, at('2027-01-11T00:00:00Z'), 'CANCELLED REFUND:64.52 unschedule event:SUBSCRIPTION_CANCELLED'],
  ['cancel a plan that never is', state(), { kind: 'cancel', offer: { publisher: 'MICROSOFT', cancellable: false } }, MID_TERM, 'NOT_CANCELLABLE SW-4'],
  ['cancel a cancelled one', state({ status: CANCELLED }), { kind: 'cancel' }, MID_TERM, 'INVALID_STATE SUB-5'],
  ['cancel a trial', state({ isTrial: true }), { kind: 'cancel' }, MID_TERM, 'TRIAL_LOCKED TRI-1'],
  ['cancel at the update cap (allowed)', state({ updateCount: UPDATE_LIMIT }), { kind: 'cancel' }, MID_TERM, 'CANCELLED REFUND:90.32 unschedule event:SUBSCRIPTION_CANCELLED'],
  ['cancel an add-on with its base, outside its window', state({ baseSubscriptionId: 'sub_base' }), { kind: 'cancel', withBase: 'sub_base' }, LATE, 'CANCELLED REFUND:96.77 unschedule event:SUBSCRIPTION_CANCELLED'],
  // reseller, support contact, friendly name (RES-3, RES-4, SUB-1, SUB-8)
  ['reseller of record', state({ status: SUSPENDED }), { kind: 'setReseller', resellerPartnerId: '1000003' }, LATE, 'SUSPENDED event:SUBSCRIPTION_UPDATED'],
  ['reseller of an expired one', state({ status: EXPIRED }), { kind: 'setReseller', resellerPartnerId: '1000003' }, LATE, 'INVALID_STATE SUB-1'],
  ['support contact', state(), { kind: 'setSupportContact', supportContactId: 'ptn_r' }, LATE, 'ACTIVE event:SUBSCRIPTION_UPDATED'],
  ['friendly name while renewing (allowed)', state(), { kind: 'setFriendlyName', friendlyName: 'Sales' }, RENEWING, 'ACTIVE event:SUBSCRIPTION_UPDATED'],
  ['friendly name of a cancelled one', state({ status: CANCELLED }), { kind: 'setFriendlyName', friendlyName: 'Sales' }, LATE, 'INVALID_STATE SUB-5'],
  // upgrade (UPG-1, UPG-6)
  ['upgrade, same term type', state(), { kind: 'upgrade', target: paid }, LATE, 'ACTIVE closeBatches CREDIT:96.77 CHARGE:193.55 unschedule event:SUBSCRIPTION_UPDATED'],
  ['upgrade to a shorter term', state(), { kind: 'upgrade', target: paid, termDuration: 'P1M' }, LATE, 'UPGRADE_NOT_ELIGIBLE UPG-6'],
  ['upgrade a suspended one', state({ status: SUSPENDED }), { kind: 'upgrade', target: paid }, LATE, 'INVALID_STATE UPG-1'],
  ['upgrade a trial', state({ isTrial: true }), { kind: 'upgrade', target: paid }, LATE, 'UPGRADE_NOT_ELIGIBLE TRI-3'],
  ['upgrade to a longer term: a full new term (UPG-6)', state(), { kind: 'upgrade', target: paid, termDuration: 'P3Y' }, LATE, 'ACTIVE closeBatches CREDIT:96.77 CHARGE:200.00 unschedule event:SUBSCRIPTION_UPDATED'],
  ['upgrade while renewing (SUB-8)', state(), { kind: 'upgrade', target: paid }, RENEWING, 'CONFLICT SUB-8'],
  ['upgrade at the update cap', state({ updateCount: UPDATE_LIMIT }), { kind: 'upgrade', target: paid }, LATE, 'UPDATE_LIMIT_REACHED SUB-4'],
  // partial upgrades and upgrades into an existing subscription (UPG-3, UPG-4, UPG-5, UPG-7)
  ['partial upgrade, source side (UPG-4)', state(), { kind: 'upgradeOut', quantity: 4, minimum: 1, into: 'sub_new', targetOfferId: 'offer-paid', batches }, LATE, 'ACTIVE removeLicenses CREDIT:38.71 unschedule event:SUBSCRIPTION_UPDATED'],
  ['partial upgrade below the suite minimum', state(), { kind: 'upgradeOut', quantity: 8, minimum: 5, into: 'sub_new', targetOfferId: 'offer-paid', batches }, LATE, 'BELOW_MINIMUM UPG-4'],
  ['every license into an existing subscription: the source ends', state(), { kind: 'upgradeOut', quantity: 10, minimum: 5, into: 'sub_t', targetOfferId: 'offer-paid', batches }, LATE, 'CANCELLED CREDIT:96.77 unschedule event:SUBSCRIPTION_UPDATED'],
  ['more licenses than held', state(), { kind: 'upgradeOut', quantity: 11, minimum: 1, into: 'sub_new', targetOfferId: 'offer-paid', batches }, LATE, 'UPGRADE_NOT_ELIGIBLE UPG-4'],
  ['partial upgrade of a trial', state({ isTrial: true }), { kind: 'upgradeOut', quantity: 4, minimum: 1, into: 'sub_new', targetOfferId: 'offer-paid', batches }, LATE, 'UPGRADE_NOT_ELIGIBLE TRI-3'],
  ['partial upgrade of a suspended one', state({ status: SUSPENDED }), { kind: 'upgradeOut', quantity: 4, minimum: 1, into: 'sub_new', targetOfferId: 'offer-paid', batches }, LATE, 'INVALID_STATE UPG-1'],
  ['existing target receives upgraded licenses (UPG-3)', target(), { kind: 'upgradeInto', from: state(), quantity: 4, offerId: 'offer-paid' }, LATE, 'ACTIVE batch:UPGRADE CHARGE:77.42 unschedule event:SUBSCRIPTION_UPDATED'],
  ['existing target in its cancellation window (UPG-5)', target({ windowOpenedAt: at('2027-02-27T00:00:00Z') }), { kind: 'upgradeInto', from: state(), quantity: 4, offerId: 'offer-paid' }, LATE, 'TARGET_SUBSCRIPTION_INVALID UPG-5'],
  ['existing target of another term duration (UPG-5)', target({ termDuration: 'P1M' }), { kind: 'upgradeInto', from: state(), quantity: 4, offerId: 'offer-paid' }, LATE, 'TARGET_SUBSCRIPTION_INVALID UPG-5'],
  ['existing target ending before the source (UPG-5)', target({ termEnd: at('2027-12-30T23:59:59.999Z') }), { kind: 'upgradeInto', from: state(), quantity: 4, offerId: 'offer-paid' }, LATE, 'TARGET_SUBSCRIPTION_INVALID UPG-5'],
  ['existing target suspended (UPG-5)', target({ status: SUSPENDED }), { kind: 'upgradeInto', from: state(), quantity: 4, offerId: 'offer-paid' }, LATE, 'TARGET_SUBSCRIPTION_INVALID UPG-5'],
  ['existing target of another SKU', target({ offerId: 'offer-other' }), { kind: 'upgradeInto', from: state(), quantity: 4, offerId: 'offer-paid' }, LATE, 'TARGET_SUBSCRIPTION_INVALID UPG-5'],
  ['existing target of another customer', target({ customerId: 'cus_2' }), { kind: 'upgradeInto', from: state(), quantity: 4, offerId: 'offer-paid' }, LATE, 'TARGET_SUBSCRIPTION_INVALID UPG-5'],
  ['new subscription of a partial upgrade, coterminous (UPG-4)', null, { kind: 'createUpgraded', subscription: upgraded(), from: state() }, LATE, 'ACTIVE batch:UPGRADE CHARGE:77.42 event:SUBSCRIPTION_CREATED'],
  ['new subscription of a partial upgrade to a longer term (UPG-6)', null, { kind: 'createUpgraded', subscription: upgraded({ termDuration: 'P3Y', termEnd: at('2030-02-28T23:59:59.999Z') }), from: state() }, LATE, 'ACTIVE batch:UPGRADE CHARGE:80.00 event:SUBSCRIPTION_CREATED'],
  // mid-term trial conversion (TRI-3)
  ['trial converted into an existing subscription, inside its window', target({ windowOpenedAt: at('2027-02-27T00:00:00Z') }), { kind: 'upgradeInto', from: trial(), quantity: 25, offerId: 'offer-paid', conversion: true }, LATE, 'ACTIVE batch:CONVERSION CHARGE:483.87 unschedule event:SUBSCRIPTION_UPDATED'],
  ['trial converted into a subscription ending before it', target({ termEnd: at('2027-03-10T23:59:59.999Z') }), { kind: 'upgradeInto', from: trial(), quantity: 25, offerId: 'offer-paid', conversion: true }, LATE, 'TARGET_SUBSCRIPTION_INVALID TRI-3'],
  ['trial ends when converted mid-term', trial(), { kind: 'convertTrialOut', into: 'sub_new' }, LATE, 'EXPIRED unschedule event:SUBSCRIPTION_UPDATED'],
  ['paid subscription "converted"', state(), { kind: 'convertTrialOut', into: 'sub_new' }, LATE, 'INVALID_STATE TRI-3'],
  ['trial converted while its conversion is processed', trial(), { kind: 'convertTrialOut', into: 'sub_new' }, at('2027-03-16T01:00:00Z'), 'CONFLICT SUB-8'],
  // scheduled changes (SCH-1, SCH-2, SUB-8, TRI-3)
  ['schedule a change', state(), { kind: 'scheduleChange', change: { quantity: 5, offerId: 'offer-paid' } }, MID_TERM, 'ACTIVE schedule event:SUBSCRIPTION_UPDATED'],
  ['schedule without autorenew', state({ autoRenew: false }), { kind: 'scheduleChange', change: { quantity: 5 } }, MID_TERM, 'AUTORENEW_REQUIRED SCH-1'],
  ['schedule on a suspended one', state({ status: SUSPENDED }), { kind: 'scheduleChange', change: { quantity: 5 } }, MID_TERM, 'INVALID_STATE SCH-1'],
  ['schedule while renewing', state(), { kind: 'scheduleChange', change: { quantity: 5 } }, RENEWING, 'CONFLICT SUB-8'],
  ['schedule a trial conversion with fewer than 25 licenses', trial(), { kind: 'scheduleChange', change: { quantity: 10, offerId: 'offer-paid' } }, LATE, 'ACTIVE schedule event:SUBSCRIPTION_UPDATED'],
  ['schedule a trial conversion without autorenew', trial({ autoRenew: false }), { kind: 'scheduleChange', change: { quantity: 10 } }, LATE, 'AUTORENEW_REQUIRED TRI-3'],
  ['remove the scheduled change', state(), { kind: 'removeScheduledChange', exists: true }, MID_TERM, 'ACTIVE unschedule event:SUBSCRIPTION_UPDATED'],
  ['remove when none is saved', state(), { kind: 'removeScheduledChange', exists: false }, MID_TERM, 'ACTIVE event:audit'],
  ['remove while renewing', state(), { kind: 'removeScheduledChange', exists: true }, RENEWING, 'CONFLICT SUB-8'],
  // term end by the system (SUB-6, SUB-7, SUB-9, TRI-2, SCH-1)
  ['renew', state(), { kind: 'renew' }, RENEWING, 'ACTIVE batch:RENEWAL CHARGE:100.00 event:SUBSCRIPTION_RENEWED'],
  ['renew before the term end', state(), { kind: 'renew' }, LATE, 'INVALID_STATE SUB-7'],
  ['renew without autorenew', state({ autoRenew: false }), { kind: 'renew' }, RENEWING, 'AUTORENEW_REQUIRED SUB-7'],
  ['renew an add-on of a suspended base', state({ baseSubscriptionId: 'sub_base' }), { kind: 'renew', base: { status: SUSPENDED, termEnd: at('2027-12-31T23:59:59.999Z') } }, RENEWING, 'INVALID_STATE SUB-9'],
  ['scheduled change applied', state(), { kind: 'applyScheduledChange', change: { quantity: 5, offer: paid } }, RENEWING, 'ACTIVE batch:RENEWAL CHARGE:100.00 unschedule event:SUBSCRIPTION_RENEWED'],
  ['scheduled change without autorenew', state({ autoRenew: false }), { kind: 'applyScheduledChange', change: { quantity: 5 } }, RENEWING, 'AUTORENEW_REQUIRED SCH-1'],
  ['trial conversion', state({ isTrial: true, quantity: 25, termDuration: 'P1M', termEnd: at('2027-01-31T23:59:59.999Z'), unitPrice: '0' }), { kind: 'convertTrial', paid }, at('2027-02-01T01:00:00Z'), 'ACTIVE batch:CONVERSION CHARGE:500.00 unschedule event:SUBSCRIPTION_UPDATED'],
  ['conversion of a paid subscription', state(), { kind: 'convertTrial', paid }, RENEWING, 'INVALID_STATE TRI-2'],
  ['scheduled trial conversion with 10 licenses (TRI-3)', trial({ termEnd: at('2027-01-31T23:59:59.999Z') }), { kind: 'convertTrial', paid, change: { offer: paid, quantity: 10 } }, at('2027-02-01T01:00:00Z'), 'ACTIVE batch:CONVERSION CHARGE:200.00 unschedule event:SUBSCRIPTION_UPDATED'],
  ['expire', state({ autoRenew: false }), { kind: 'expire' }, RENEWING, 'EXPIRED unschedule event:SUBSCRIPTION_UPDATED'],
  ['expire before the term end', state(), { kind: 'expire' }, LATE, 'INVALID_STATE SUB-7'],
  ['end after the grace', state({ status: EXPIRED, graceUntil: at('2028-01-31T00:00:00Z') }), { kind: 'end' }, at('2028-02-01T00:00:00Z'), 'EXPIRED event:SUBSCRIPTION_UPDATED'],
  ['end during the grace', state({ status: EXPIRED, graceUntil: at('2028-01-31T00:00:00Z') }), { kind: 'end' }, RENEWING, 'INVALID_STATE SUB-7'],
  ['end a suspended one at its term end (no grace)', state({ status: SUSPENDED }), { kind: 'end' }, RENEWING, 'EXPIRED event:SUBSCRIPTION_UPDATED'],
  ['end, bought again during the grace', state({ status: EXPIRED, graceUntil: at('2028-01-31T00:00:00Z') }), { kind: 'end', recoveredBy: 'sub_2' }, RENEWING, 'EXPIRED event:SUBSCRIPTION_UPDATED'],
  ['end an ended one', state({ status: EXPIRED, graceUntil: at('2028-01-31T00:00:00Z'), endedAt: at('2028-01-31T00:00:00Z') }), { kind: 'end' }, at('2028-03-01T00:00:00Z'), 'INVALID_STATE SUB-7'],
  // transfer out (XFR-2)
  ['transfer out', state(), { kind: 'transferOut', transferId: 'xfr_1' }, LATE, 'CANCELLED CREDIT:96.77 unschedule event:SUBSCRIPTION_CANCELLED'],
  ['transfer out a cancelled one', state({ status: CANCELLED }), { kind: 'transferOut' }, LATE, 'TRANSFER_INVALID XFR-2'],
];

describe('subscription state machine (SPEC §6, §7)', () => {
  it.each(TABLE)('%s', (_name, from, action, now, expected) => {
    expect(summary(transition(from, action, now))).toBe(expected);
  });

  it('SUB-7/SUB-5: a renewal starts the new term the day after the end date, with batch and cancellation window from its completion', () => {
    const outcome = transition(state(), { kind: 'renew' }, RENEWING);
    if (!outcome.ok) throw new Error('refused');
    expect(outcome.state).toMatchObject({ termStart: at('2028-01-01T00:00:00Z'), termEnd: at('2028-12-31T23:59:59.999Z'), windowOpenedAt: RENEWING });
    expect(outcome.effects[0]).toEqual({ kind: 'addBatch', batchKind: 'RENEWAL', quantity: 10, addedAt: RENEWING, reducibleUntil: at('2028-01-08T06:00:00Z') });
    const cancelled = transition(outcome.state, { kind: 'cancel' }, at('2028-01-08T05:00:00Z'));
    expect(cancelled.ok).toBe(true);
    expect(summary(transition(outcome.state, { kind: 'cancel' }, at('2028-01-08T06:00:00Z')))).toBe('CANCELLATION_WINDOW_CLOSED SUB-5');
  });

  it('SUB-9: a renewed add-on keeps its end aligned with its base', () => {
    const base = { status: ACTIVE, termEnd: at('2028-06-30T23:59:59.999Z') };
    const outcome = transition(state({ baseSubscriptionId: 'sub_base' }), { kind: 'renew', base }, RENEWING);
    expect(outcome.ok && outcome.state.termEnd).toEqual(base.termEnd);
  });

  it('SUB-6/SUB-7: ending a suspended subscription leaves no grace; an expired one keeps 30 days', () => {
    const ended = transition(state({ status: SUSPENDED }), { kind: 'end' }, RENEWING);
    expect(ended.ok && ended.state).toMatchObject({ status: EXPIRED, endedAt: at('2028-01-01T00:00:00Z'), graceUntil: undefined });
    const expired = transition(state({ autoRenew: false }), { kind: 'expire' }, RENEWING);
    expect(expired.ok && expired.state).toMatchObject({ expiredAt: at('2028-01-01T00:00:00Z'), graceUntil: at('2028-01-31T00:00:00Z') });
  });

  it('SUB-4: partner updates are counted; cancellation and system transitions are not', () => {
    const counts = (outcome: Outcome) => (outcome.ok ? outcome.state.updateCount : -1);
    expect(counts(transition(state(), { kind: 'setAutoRenew', enabled: false }, MID_TERM))).toBe(1);
    expect(counts(transition(state(), { kind: 'changeQuantity', quantity: 10, batches }, MID_TERM))).toBe(0);
    expect(counts(transition(state(), { kind: 'cancel' }, MID_TERM))).toBe(0);
    expect(counts(transition(state(), { kind: 'renew' }, RENEWING))).toBe(0);
  });

  it('TRI-2: a converted trial is the paid SKU on an annual term billed monthly, without its promotion', () => {
    const trial = state({ isTrial: true, quantity: 25, termDuration: 'P1M', termEnd: at('2027-01-31T23:59:59.999Z'), promotionId: 'PROMO' });
    const outcome = transition(trial, { kind: 'convertTrial', paid }, at('2027-02-01T01:00:00Z'));
    expect(outcome.ok && outcome.state).toMatchObject({ offerId: 'offer-paid', isTrial: false, termDuration: 'P1Y', promotionId: undefined, termEnd: at('2028-01-31T23:59:59.999Z') });
  });

  describe('dueAction: what the due work does with a subscription at the business clock', () => {
    it.each<[string, SubscriptionState, Parameters<typeof dueAction>[1], Date, string | null]>([
      ['not due yet', state(), {}, LATE, null],
      ['autorenew', state(), {}, RENEWING, 'renew'],
      ['with a scheduled change', state(), { scheduledChange: { quantity: 5 } }, RENEWING, 'applyScheduledChange'],
      ['without autorenew', state({ autoRenew: false }), {}, RENEWING, 'expire'],
      ['suspended at the term end (SUB-6)', state({ status: SUSPENDED }), {}, RENEWING, 'end'],
      ['an add-on without a live base (SUB-9)', state({ baseSubscriptionId: 'b' }), { base: null }, RENEWING, 'expire'],
      ['a trial with a paid equivalent (TRI-2)', state({ isTrial: true }), { paid }, RENEWING, 'convertTrial'],
      ['a trial without one', state({ isTrial: true }), { paid: null }, RENEWING, 'expire'],
      ['a trial with a scheduled conversion (TRI-3)', state({ isTrial: true }), { paid: null, scheduledChange: { offer: paid, quantity: 5 } }, RENEWING, 'convertTrial'],
      ['a trial with a scheduled conversion, autorenew off', state({ isTrial: true, autoRenew: false }), { paid, scheduledChange: { offer: paid } }, RENEWING, 'expire'],
      ['expired, grace over', state({ status: EXPIRED, graceUntil: at('2028-01-01T00:00:00Z') }), {}, RENEWING, 'end'],
      ['expired, in grace', state({ status: EXPIRED, graceUntil: at('2028-02-01T00:00:00Z') }), {}, RENEWING, null],
      ['cancelled', state({ status: CANCELLED }), {}, RENEWING, null],
    ])('%s', (_name, from, facts, now, expected) => {
      expect(dueAction(from, facts, now)?.kind ?? null).toBe(expected);
    });
  });

  it('UPG-2/UPG-3: a full upgrade closes the cancellation window and the reduction windows: it cannot be undone', () => {
    const outcome = transition(state(), { kind: 'upgrade', target: paid }, MID_TERM);
    if (!outcome.ok) throw new Error('refused');
    expect(outcome.effects[0]).toEqual({ kind: 'closeBatches', at: MID_TERM });
    expect(outcome.state).toMatchObject({ offerId: 'offer-paid', unitPrice: '20.00', termEnd: state().termEnd });
    expect(summary(transition(outcome.state, { kind: 'cancel' }, MID_TERM))).toBe('CANCELLATION_WINDOW_CLOSED SUB-5');
  });

  it('UPG-4/SUB-3/BIL-2: the credit of the moved licenses equals the charge of the old price for the same days of the period', () => {
    const out = transition(state(), { kind: 'upgradeOut', quantity: 4, minimum: 1, into: 'sub_new', targetOfferId: 'offer-paid', batches }, LATE);
    const created = transition(null, { kind: 'createUpgraded', subscription: upgraded({ unitPrice: '10.0000' }), from: state() }, LATE);
    const amount = (o: Outcome, kind: string) => (o.ok ? o.effects.find((e) => e.kind === 'ledger' && e.entryKind === kind) : undefined);
    expect(amount(out, 'CREDIT')).toMatchObject({ amount: '38.71' });
    expect(amount(created, 'CHARGE')).toMatchObject({ amount: '38.71' });
  });

  it('SCH-3: a scheduled SKU upgrade with unchanged quantity reassigns licenses automatically, otherwise manually', () => {
    expect(reassignment(state(), true, undefined)).toBe('AUTOMATIC');
    expect(reassignment(state(), true, 10)).toBe('AUTOMATIC');
    expect(reassignment(state(), true, 12)).toBe('MANUAL');
    expect(reassignment(state(), false, 12)).toBeNull();
  });

  describe('coterminousEnd: the next term aligned with another subscription (SCH-1, UPG-6)', () => {
    const other = { id: 'sub_o', status: ACTIVE, autoRenew: true, termDuration: 'P1Y', termEnd: at('2028-06-30T23:59:59.999Z') };
    it.each<[string, Partial<typeof other>, string, string]>([
      ['its end date within the next term', {}, 'P1Y', '2028-06-30T23:59:59.999Z'],
      ['a later term of it when it renews first', { termEnd: at('2027-06-30T23:59:59.999Z') }, 'P1Y', '2028-06-30T23:59:59.999Z'],
      ['beyond a full next term', { termEnd: at('2029-06-30T23:59:59.999Z') }, 'P1Y', 'after a full P1Y term'],
      ['ending before the next term without renewing', { termEnd: at('2027-06-30T23:59:59.999Z'), autoRenew: false }, 'P1Y', 'without renewing'],
      ['not active', { status: SUSPENDED }, 'P1Y', 'SUSPENDED'],
    ])('%s', (_name, extra, duration, expected) => {
      const result = coterminousEnd(state(), duration, { ...other, ...extra });
      expect(result.ok ? result.termEnd.toISOString() : result.reason).toContain(expected);
    });
  });
});
