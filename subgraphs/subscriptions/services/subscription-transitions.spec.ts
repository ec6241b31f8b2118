import { BillingFrequency, SubscriptionStatus } from '../../../shared/graphql/enums';
import { dueAction, transition, UPDATE_LIMIT, type Action, type Effect, type Outcome, type SubscriptionState } from './subscription-transitions';

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
const newSubscription = {
  id: 'sub_new', partnerId: 'ptn_1', customerId: 'cus_1', offerId: 'offer-e3', quantity: 5, termStart: MID_TERM,
  termEnd: at('2028-01-02T23:59:59.999Z'), termDuration: 'P1Y', billingFrequency: BillingFrequency.MONTHLY, unitPrice: '10.00', currency: 'EUR',
};

/** The outcome in one line: the refusal as "CODE rule", or the new status with the effects' kinds. */
function summary(outcome: Outcome): string {
  if (!outcome.ok) return `${outcome.refusal.code} ${outcome.refusal.rule}`;
  const effects = outcome.effects.map((e: Effect) => (e.kind === 'addBatch' ? `batch:${e.batchKind}` : e.kind === 'ledger' ? `${e.entryKind}:${e.amount}` : e.kind === 'event' ? `event:${e.type ?? 'audit'}` : e.kind));
  return [outcome.state.status, ...effects].join(' ');
}

type Row = [name: string, from: SubscriptionState | null, action: Action, now: Date, expected: string];

/** (state, action) → outcome, every transition and every refusal with its rule id. */
const TABLE: Row[] = [
  // creation: purchase, EA renewal, transfer in (SUB-2, SUB-3, EA-8, XFR-2)
  ['purchase', null, { kind: 'create', origin: 'PURCHASE', subscription: newSubscription }, MID_TERM, 'ACTIVE batch:PURCHASE CHARGE:600.00 event:SUBSCRIPTION_CREATED'],
  ['EA renewal', null, { kind: 'create', origin: 'RENEWAL', subscription: newSubscription }, LATE, 'ACTIVE batch:RENEWAL CHARGE:600.00 event:SUBSCRIPTION_CREATED'],
  ['transfer in', null, { kind: 'create', origin: 'TRANSFER', subscription: newSubscription }, MID_TERM, 'ACTIVE batch:TRANSFER CHARGE:600.00 event:SUBSCRIPTION_CREATED'],
  ['free marketplace trial (ORD-6)', null, { kind: 'create', origin: 'PURCHASE', subscription: newSubscription, freeOfCharge: true }, MID_TERM, 'ACTIVE batch:PURCHASE event:SUBSCRIPTION_CREATED'],
  ['create over an existing one', state(), { kind: 'create', origin: 'PURCHASE', subscription: newSubscription }, MID_TERM, 'INVALID_STATE SUB-1'],
  // quantity (SUB-2, SUB-3, SUB-4, TRI-1)
  ['increase', state(), { kind: 'changeQuantity', quantity: 12, batches }, MID_TERM, 'ACTIVE batch:INCREASE CHARGE:238.68 event:SUBSCRIPTION_UPDATED'],
  ['reduction in the window', state(), { kind: 'changeQuantity', quantity: 7, batches }, MID_TERM, 'ACTIVE removeLicenses REFUND:357.04 event:SUBSCRIPTION_UPDATED'],
  ['reduction after the window', state(), { kind: 'changeQuantity', quantity: 7, batches }, LATE, 'REDUCTION_WINDOW_CLOSED SUB-2'],
  ['same quantity', state(), { kind: 'changeQuantity', quantity: 10, batches }, MID_TERM, 'ACTIVE event:audit'],
  ['quantity of a suspended one', state({ status: SUSPENDED }), { kind: 'changeQuantity', quantity: 12, batches }, MID_TERM, 'INVALID_STATE SUB-1'],
  ['quantity of a trial', state({ isTrial: true }), { kind: 'changeQuantity', quantity: 30, batches }, MID_TERM, 'TRIAL_LOCKED TRI-1'],
  ['quantity at the update cap', state({ updateCount: UPDATE_LIMIT }), { kind: 'changeQuantity', quantity: 12, batches }, MID_TERM, 'UPDATE_LIMIT_REACHED SUB-4'],
  ['quantity while renewing (allowed)', state(), { kind: 'changeQuantity', quantity: 11, batches }, RENEWING, 'ACTIVE batch:INCREASE event:SUBSCRIPTION_UPDATED'],
  // autorenew (SUB-7, SUB-8)
  ['autorenew off', state(), { kind: 'setAutoRenew', enabled: false }, MID_TERM, 'ACTIVE event:SUBSCRIPTION_UPDATED'],
  ['autorenew of a trial (allowed)', state({ isTrial: true }), { kind: 'setAutoRenew', enabled: false }, MID_TERM, 'ACTIVE event:SUBSCRIPTION_UPDATED'],
  ['autorenew while renewing', state(), { kind: 'setAutoRenew', enabled: false }, RENEWING, 'CONFLICT SUB-8'],
  ['autorenew of an expired one', state({ status: EXPIRED }), { kind: 'setAutoRenew', enabled: true }, MID_TERM, 'INVALID_STATE SUB-1'],
  ['autorenew at the update cap', state({ updateCount: UPDATE_LIMIT }), { kind: 'setAutoRenew', enabled: false }, MID_TERM, 'UPDATE_LIMIT_REACHED SUB-4'],
  // suspension and reactivation (SUB-6, SUB-8, SUB-9)
  ['suspend', state(), { kind: 'suspend' }, LATE, 'SUSPENDED event:SUBSCRIPTION_UPDATED'],
  ['suspend a suspended one', state({ status: SUSPENDED }), { kind: 'suspend' }, LATE, 'INVALID_STATE SUB-1'],
  ['suspend while renewing', state(), { kind: 'suspend' }, RENEWING, 'CONFLICT SUB-8'],
  ['suspend a trial', state({ isTrial: true }), { kind: 'suspend' }, LATE, 'TRIAL_LOCKED TRI-1'],
  ['suspend an add-on with its base', state({ baseSubscriptionId: 'sub_base' }), { kind: 'suspend', withBase: 'sub_base' }, LATE, 'SUSPENDED event:SUBSCRIPTION_UPDATED'],
  ['reactivate', state({ status: SUSPENDED }), { kind: 'reactivate' }, LATE, 'ACTIVE event:SUBSCRIPTION_UPDATED'],
  ['reactivate an active one', state(), { kind: 'reactivate' }, LATE, 'INVALID_STATE SUB-1'],
  ['reactivate while renewing', state({ status: SUSPENDED }), { kind: 'reactivate' }, RENEWING, 'CONFLICT SUB-8'],
  ['reactivate an add-on of a suspended base', state({ status: SUSPENDED, baseSubscriptionId: 'sub_base' }), { kind: 'reactivate', base: { status: SUSPENDED, termEnd: at('2027-12-31T23:59:59.999Z') } }, LATE, 'INVALID_STATE SUB-9'],
  ['reactivate a cancelled one', state({ status: CANCELLED }), { kind: 'reactivate' }, LATE, 'INVALID_STATE SUB-5'],
  // cancellation (SUB-3, SUB-5, SW-4, SUB-9)
  ['cancel in the window', state(), { kind: 'cancel', offer: { publisher: 'MICROSOFT', cancellable: true } }, MID_TERM, 'CANCELLED REFUND:1190.14 event:SUBSCRIPTION_CANCELLED'],
  ['cancel marketplace SaaS (term paid back)', state(), { kind: 'cancel', offer: { publisher: 'ISV', cancellable: true }, termPaid: '1200.0000' }, MID_TERM, 'CANCELLED REFUND:1200.00 event:SUBSCRIPTION_CANCELLED'],
  ['cancel after the window', state(), { kind: 'cancel', offer: { publisher: 'MICROSOFT', cancellable: true } }, LATE, 'CANCELLATION_WINDOW_CLOSED SUB-5'],
  ['cancel a renewed term, window from the renewal completion', state({ termStart: at('2027-01-01T00:00:00Z'), windowOpenedAt: at('2027-01-05T00:00:00Z') }), { kind: 'cancel' }, at('2027-01-11T00:00:00Z'), 'CANCELLED REFUND:1163.84 event:SUBSCRIPTION_CANCELLED'],
  ['cancel a plan that never is', state(), { kind: 'cancel', offer: { publisher: 'MICROSOFT', cancellable: false } }, MID_TERM, 'NOT_CANCELLABLE SW-4'],
  ['cancel a cancelled one', state({ status: CANCELLED }), { kind: 'cancel' }, MID_TERM, 'INVALID_STATE SUB-5'],
  ['cancel a trial', state({ isTrial: true }), { kind: 'cancel' }, MID_TERM, 'TRIAL_LOCKED TRI-1'],
  ['cancel at the update cap (allowed)', state({ updateCount: UPDATE_LIMIT }), { kind: 'cancel' }, MID_TERM, 'CANCELLED REFUND:1190.14 event:SUBSCRIPTION_CANCELLED'],
  ['cancel an add-on with its base, outside its window', state({ baseSubscriptionId: 'sub_base' }), { kind: 'cancel', withBase: 'sub_base' }, LATE, 'CANCELLED REFUND:1002.74 event:SUBSCRIPTION_CANCELLED'],
  // reseller, support contact, friendly name (RES-3, RES-4, SUB-1, SUB-8)
  ['reseller of record', state({ status: SUSPENDED }), { kind: 'setReseller', resellerPartnerId: '1000003' }, LATE, 'SUSPENDED event:SUBSCRIPTION_UPDATED'],
  ['reseller of an expired one', state({ status: EXPIRED }), { kind: 'setReseller', resellerPartnerId: '1000003' }, LATE, 'INVALID_STATE SUB-1'],
  ['support contact', state(), { kind: 'setSupportContact', supportContactId: 'ptn_r' }, LATE, 'ACTIVE event:SUBSCRIPTION_UPDATED'],
  ['friendly name while renewing (allowed)', state(), { kind: 'setFriendlyName', friendlyName: 'Sales' }, RENEWING, 'ACTIVE event:SUBSCRIPTION_UPDATED'],
  ['friendly name of a cancelled one', state({ status: CANCELLED }), { kind: 'setFriendlyName', friendlyName: 'Sales' }, LATE, 'INVALID_STATE SUB-5'],
  // upgrade (UPG-1, UPG-6)
  ['upgrade, same term type', state(), { kind: 'upgrade', target: paid }, LATE, 'ACTIVE CREDIT:1002.74 CHARGE:2012.05 event:SUBSCRIPTION_UPDATED'],
  ['upgrade to a shorter term', state(), { kind: 'upgrade', target: paid, termDuration: 'P1M' }, LATE, 'UPGRADE_NOT_ELIGIBLE UPG-6'],
  ['upgrade a suspended one', state({ status: SUSPENDED }), { kind: 'upgrade', target: paid }, LATE, 'INVALID_STATE UPG-1'],
  ['upgrade a trial', state({ isTrial: true }), { kind: 'upgrade', target: paid }, LATE, 'UPGRADE_NOT_ELIGIBLE TRI-3'],
  // term end by the system (SUB-6, SUB-7, SUB-9, TRI-2, SCH-1)
  ['renew', state(), { kind: 'renew' }, RENEWING, 'ACTIVE batch:RENEWAL CHARGE:1200.00 event:SUBSCRIPTION_RENEWED'],
  ['renew before the term end', state(), { kind: 'renew' }, LATE, 'INVALID_STATE SUB-7'],
  ['renew without autorenew', state({ autoRenew: false }), { kind: 'renew' }, RENEWING, 'AUTORENEW_REQUIRED SUB-7'],
  ['renew an add-on of a suspended base', state({ baseSubscriptionId: 'sub_base' }), { kind: 'renew', base: { status: SUSPENDED, termEnd: at('2027-12-31T23:59:59.999Z') } }, RENEWING, 'INVALID_STATE SUB-9'],
  ['scheduled change applied', state(), { kind: 'applyScheduledChange', change: { quantity: 5, offer: paid } }, RENEWING, 'ACTIVE batch:RENEWAL CHARGE:1200.00 event:SUBSCRIPTION_RENEWED'],
  ['scheduled change without autorenew', state({ autoRenew: false }), { kind: 'applyScheduledChange', change: { quantity: 5 } }, RENEWING, 'AUTORENEW_REQUIRED SCH-1'],
  ['trial conversion', state({ isTrial: true, quantity: 25, termDuration: 'P1M', termEnd: at('2027-01-31T23:59:59.999Z'), unitPrice: '0' }), { kind: 'convertTrial', paid }, at('2027-02-01T01:00:00Z'), 'ACTIVE batch:CONVERSION CHARGE:6000.00 event:SUBSCRIPTION_UPDATED'],
  ['conversion of a paid subscription', state(), { kind: 'convertTrial', paid }, RENEWING, 'INVALID_STATE TRI-2'],
  ['expire', state({ autoRenew: false }), { kind: 'expire' }, RENEWING, 'EXPIRED event:SUBSCRIPTION_UPDATED'],
  ['expire before the term end', state(), { kind: 'expire' }, LATE, 'INVALID_STATE SUB-7'],
  ['end after the grace', state({ status: EXPIRED, graceUntil: at('2028-01-31T00:00:00Z') }), { kind: 'end' }, at('2028-02-01T00:00:00Z'), 'EXPIRED event:SUBSCRIPTION_UPDATED'],
  ['end during the grace', state({ status: EXPIRED, graceUntil: at('2028-01-31T00:00:00Z') }), { kind: 'end' }, RENEWING, 'INVALID_STATE SUB-7'],
  ['end a suspended one at its term end (no grace)', state({ status: SUSPENDED }), { kind: 'end' }, RENEWING, 'EXPIRED event:SUBSCRIPTION_UPDATED'],
  ['end, bought again during the grace', state({ status: EXPIRED, graceUntil: at('2028-01-31T00:00:00Z') }), { kind: 'end', recoveredBy: 'sub_2' }, RENEWING, 'EXPIRED event:SUBSCRIPTION_UPDATED'],
  ['end an ended one', state({ status: EXPIRED, graceUntil: at('2028-01-31T00:00:00Z'), endedAt: at('2028-01-31T00:00:00Z') }), { kind: 'end' }, at('2028-03-01T00:00:00Z'), 'INVALID_STATE SUB-7'],
  // transfer out (XFR-2)
  ['transfer out', state(), { kind: 'transferOut', transferId: 'xfr_1' }, LATE, 'CANCELLED CREDIT:1002.74 event:SUBSCRIPTION_CANCELLED'],
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
      ['expired, grace over', state({ status: EXPIRED, graceUntil: at('2028-01-01T00:00:00Z') }), {}, RENEWING, 'end'],
      ['expired, in grace', state({ status: EXPIRED, graceUntil: at('2028-02-01T00:00:00Z') }), {}, RENEWING, null],
      ['cancelled', state({ status: CANCELLED }), {}, RENEWING, null],
    ])('%s', (_name, from, facts, now, expected) => {
      expect(dueAction(from, facts, now)?.kind ?? null).toBe(expected);
    });
  });
});
