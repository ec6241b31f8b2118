import { BillingFrequency, ChargeType, SubscriptionStatus } from '../../../../shared/graphql/enums';
import type { Effect, SubscriptionState } from '../../transitions/model';
import { transition } from '../../transitions/subscription-transitions';
import { billDue, startBilling } from './billing-schedule';
import { billingSummary } from './commitment.policy';

const at = (iso: string) => new Date(iso);

/** A P1Y subscription bought 2027-01-15, 10 licenses at 10.00 EUR a month, billed monthly, first month billed. */
const state = (extra: Partial<SubscriptionState> = {}): SubscriptionState => ({
  id: 'sub_1',
  partnerId: 'ptn_1',
  customerId: 'cus_1',
  offerId: 'offer-e3',
  status: SubscriptionStatus.ACTIVE,
  quantity: 10,
  autoRenew: true,
  isTrial: false,
  termStart: at('2027-01-15T10:00:00Z'),
  termEnd: at('2028-01-14T23:59:59.999Z'),
  termDuration: 'P1Y',
  billingFrequency: BillingFrequency.MONTHLY,
  windowOpenedAt: at('2027-01-15T10:00:00Z'),
  unitPrice: '10.0000',
  currency: 'EUR',
  updateCount: 0,
  nextChargeAt: at('2027-02-15T00:00:00Z'),
  ...extra,
});

const charges = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'ledger' ? [[e.billing?.chargeType, e.amount, e.billing?.chargeStart?.toISOString().slice(0, 10)]] : []));

describe('billing schedule (BIL-1, BIL-2)', () => {
  it('BIL-1: a new term charges its first period at once, dated when bought, and points at the next one', () => {
    const billed = startBilling(state({ nextChargeAt: null }), at('2027-01-15T10:00:00Z'), ChargeType.NEW, at('2027-01-15T10:00:00Z'));
    expect(charges(billed.effects)).toEqual([['NEW', '100.00', '2027-01-15']]);
    expect(billed.state.nextChargeAt?.toISOString()).toBe('2027-02-15T00:00:00.000Z');
  });

  it('BIL-1: every period that has begun is billed once, dated at its start; nothing before its start; nothing after the term', () => {
    expect(billDue(state(), at('2027-02-14T23:59:59Z')).effects).toEqual([]);
    const late = billDue(state(), at('2027-04-20T00:00:00Z'));
    expect(charges(late.effects)).toEqual([
      ['CYCLE_CHARGE', '100.00', '2027-02-15'],
      ['CYCLE_CHARGE', '100.00', '2027-03-15'],
      ['CYCLE_CHARGE', '100.00', '2027-04-15'],
    ]);
    expect(billDue(late.state, at('2027-04-20T00:00:00Z')).effects).toEqual([]);
    const all = billDue(state(), at('2031-01-01T00:00:00Z'));
    expect(all.effects).toHaveLength(11);
    expect(all.state.nextChargeAt).toBeNull();
  });

  it('BIL-1: a transition first bills the periods that have begun, so that a credit is of what was billed', () => {
    const outcome = transition(state({ windowOpenedAt: at('2027-03-16T00:00:00Z') }), { kind: 'cancel' }, at('2027-03-16T12:00:00Z'));
    expect(outcome.ok && charges(outcome.effects)).toEqual([
      ['CYCLE_CHARGE', '100.00', '2027-02-15'],
      ['CYCLE_CHARGE', '100.00', '2027-03-15'],
      // 29 of the 31 days of Mar 15 → Apr 15 after Mar 16.
      ['CANCEL', '93.55', '2027-03-17'],
    ]);
    expect(outcome.ok && outcome.state.nextChargeAt).toBeNull();
  });

  it('BIL-1: a refused transition bills nothing', () => {
    const outcome = transition(state(), { kind: 'cancel' }, at('2027-03-16T12:00:00Z'));
    expect(outcome.ok).toBe(false);
  });

  it('BIL-1: the commitment is what was billed plus the periods still to bill; then the renewal’s first period', () => {
    const summary = billingSummary(state(), [{ kind: 'CHARGE', amountValue: '100.00', at: at('2027-01-15T10:00:00Z'), chargeStart: at('2027-01-15T00:00:00Z') }]);
    expect([summary.total.toFixed(2), summary.billed.toFixed(2), summary.remaining.toFixed(2)]).toEqual(['1200.00', '100.00', '1100.00']);
    expect([summary.nextChargeAt?.toISOString(), summary.nextChargeAmount?.toFixed(2)]).toEqual(['2027-02-15T00:00:00.000Z', '100.00']);
    const billedOut = billingSummary(state({ nextChargeAt: null }), []);
    expect([billedOut.nextChargeAt?.toISOString(), billedOut.nextChargeAmount?.toFixed(2)]).toEqual(['2028-01-15T00:00:00.000Z', '100.00']);
    expect(billingSummary(state({ nextChargeAt: null, autoRenew: false }), []).nextChargeAt).toBeNull();
    expect(billingSummary(state({ status: SubscriptionStatus.CANCELLED }), []).remaining.toFixed(2)).toBe('0.00');
  });
});
