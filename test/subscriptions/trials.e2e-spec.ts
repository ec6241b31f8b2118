import Decimal from 'decimal.js';
import { importPromotions, promotion } from '../catalog/promotions.support';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { perTestEra } from '../support/eras';
import { dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { clockAt, mutate, processDueWork, setClock, subscribeAt, type Purchase } from './support';
import { auditsOf, convertTrial, eventsOf, priceOf, readSubscription, rowCounts } from './upgrade.fixtures';

const TRIAL = 'offer-m365-e5-no-teams-trial';
const PAID = 'offer-m365-e5-no-teams';

/** Trials: locked during the trial, converted at its end or at any time (TRI-1, TRI-2, TRI-3, SCH-2). */
describe('trials', () => {
  const t = useStack();
  // Each test buys its trials on its own era's 2027-05-01 and acts on 2027-05-10: the business clock never moves back.
  // The test that processes due work comes first: no earlier era's subscriptions are due then.
  const at = perTestEra();
  let partner: TestPartner;
  let token: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    // Trials are bought with a promotion, which never carries over (TRI-3).
    await importPromotions(t, [TRIAL, 'offer-m365-business-premium-trial'].map((offerId) =>
      promotion({ id: `TRIALPROMO-${offerId}`, offerId, markets: ['DE'], termDuration: 'P1M', startDate: '2027-01-01T00:00:00Z', endDate: '2099-12-31T23:59:59Z' })));
  });

  const customer = async () => (await createCustomer(t, partner)).id;
  /** A trial bought on 2027-05-01 of the era (25 licenses, ends 2027-05-31), with its promotion. */
  const trial = (customerId: string, extra: Partial<Purchase> = {}) =>
    subscribeAt(t, { partnerId: partner.id, customerId, offerId: TRIAL, quantity: 25, termDuration: 'P1M', at: at('2027-05-01T00:00:00.000Z'), ...extra });
  /** The day the test acts: 2027-05-10 of its era. */
  const tenthOfMay = () => setClock(t, at('2027-05-10T10:00:00Z'));
  const convert = async (input: Record<string, unknown>) => dataOf(await convertTrial(t, token, input)).convertTrial;

  it('TRI-3/TRI-2: fewer than 25 licenses only by scheduling the conversion (TRIAL_MINIMUM now; AUTORENEW_REQUIRED without autorenew); at the end of the month it converts with them, the others to their paid equivalent unless autorenew is off', async () => {
    const id = await trial(await customer());
    const plain = await trial(await customer());
    const stopped = await trial(await customer(), { autoRenew: false });
    const alsoStopped = await trial(await customer(), { autoRenew: false });
    await tenthOfMay();
    const before = await rowCounts(t);
    const now = await convert({ subscriptionId: id, targetOfferId: PAID, quantity: 10 });
    expect(now.errors).toEqual([expect.objectContaining({ code: 'TRIAL_MINIMUM', rule: 'TRI-3', field: ['quantity'] })]);
    const noRenew = await convert({ subscriptionId: alsoStopped, targetOfferId: PAID, quantity: 10, timing: 'AT_RENEWAL' });
    expect(noRenew.errors).toEqual([expect.objectContaining({ code: 'AUTORENEW_REQUIRED', rule: 'TRI-3' })]);
    expect(await rowCounts(t)).toEqual(before);

    const scheduled = await convert({ subscriptionId: id, targetOfferId: PAID, quantity: 10, timing: 'AT_RENEWAL' });
    expect(scheduled.errors).toEqual([]);
    expect(scheduled.subscription).toMatchObject({ id, isTrial: true, quantity: 25, scheduledChange: { offer: { id: PAID }, quantity: 10 } });
    const price = await priceOf(t, token, PAID);
    await setClock(t, at('2027-06-01T03:00:00Z'));
    expect((await processDueWork(t)).converted).toBeGreaterThanOrEqual(1);
    const converted = await readSubscription(t, token, id);
    expect(converted).toMatchObject({ isTrial: false, offer: { id: PAID }, quantity: 10, termStart: at('2027-06-01T00:00:00.000Z'), termDuration: 'P1Y', billingFrequency: 'MONTHLY', scheduledChange: null });
    // BIL-1: billed monthly: the first month of 10 licenses.
    expect(converted.ledger[converted.ledger.length - 1].amount.amount).toBe((Number(price.amount) * 10).toFixed(2));
    // TRI-2: without a scheduled conversion the trial becomes its paid equivalent with its 25 licenses; without autorenew it ends.
    expect(await readSubscription(t, token, plain)).toMatchObject({ isTrial: false, offer: { id: PAID }, quantity: 25, termDuration: 'P1Y', billingFrequency: 'MONTHLY' });
    expect(await readSubscription(t, token, stopped)).toMatchObject({ isTrial: true, status: 'EXPIRED' });
  });

  it('TRI-1: a trial bought has 25 licenses, a one-month term and autorenew; its quantity and status cannot change (TRIAL_LOCKED)', async () => {
    const customerId = await customer();
    await clockAt(t, at('2027-05-10T10:00:00Z'));
    const { payload } = await buy(t, partner, customerId, [{ offerId: TRIAL, quantity: 25, termDuration: 'P1M', billingFrequency: 'MONTHLY' }]);
    expect(payload.errors).toEqual([]);
    const id = payload.order.lines[0].subscription.id;
    const bought = await readSubscription(t, token, id);
    expect(bought).toMatchObject({ isTrial: true, quantity: 25, termDuration: 'P1M', autoRenew: true, status: 'ACTIVE' });
    const before = await rowCounts(t);
    for (const [name, input] of [
      ['updateSubscriptionQuantity', { subscriptionId: id, quantity: 30 }],
      ['suspendSubscription', { subscriptionId: id }],
      ['cancelSubscription', { subscriptionId: id }],
    ] as const) {
      const refused = dataOf(await mutate(t, token, name, input))[name];
      expect({ name, errors: refused.errors }).toEqual({ name, errors: [expect.objectContaining({ code: 'TRIAL_LOCKED', rule: 'TRI-1' })] });
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('TRI-3: converted now to its paid equivalent, a trial becomes a new subscription (annual, monthly by default, 25 licenses, no promotion) and ends; SUBSCRIPTION_CREATED and SUBSCRIPTION_UPDATED', async () => {
    const id = await trial(await customer());
    const promoted = await t.db.query('select promotion_id from subscriptions.subscription where id = $1', [id]);
    expect(promoted.rows[0].promotion_id).toBe(`TRIALPROMO-${TRIAL}`);
    await tenthOfMay();
    const price = await priceOf(t, token, PAID);
    const converted = await convert({ subscriptionId: id, targetOfferId: PAID });
    expect(converted.errors).toEqual([]);
    expect(converted.subscription.id).not.toBe(id);
    expect(converted.subscription).toMatchObject({ offer: { id: PAID }, isTrial: false, quantity: 25, termDuration: 'P1Y', billingFrequency: 'MONTHLY', termEnd: at('2028-05-09T23:59:59.999Z'), autoRenew: true });
    // BIL-1: billed monthly: the first month of 25 licenses.
    expect(converted.subscription.ledger.map((e: any) => [e.kind, e.amount.amount])).toEqual([['CHARGE', (Number(price.amount) * 25).toFixed(2)]]);
    expect(converted.trial).toMatchObject({ id, status: 'EXPIRED', autoRenew: false, isTrial: true });
    expect(converted.trial.endedAt).not.toBeNull();
    const promotion = await t.db.query('select promotion_id from subscriptions.subscription where id = $1', [converted.subscription.id]);
    expect(promotion.rows[0].promotion_id).toBeNull();
    expect((await eventsOf(t, converted.subscription.id)).map((e) => e.type)).toEqual(['SUBSCRIPTION_CREATED']);
    expect(await eventsOf(t, id)).toEqual([
      expect.objectContaining({ type: 'SUBSCRIPTION_CREATED' }),
      { type: 'SUBSCRIPTION_UPDATED', data: expect.objectContaining({ convertedInto: converted.subscription.id, status: 'EXPIRED' }) },
    ]);
    expect((await auditsOf(t, id)).filter((operation) => operation !== 'createSubscription')).toEqual(['convertTrial']);
  });

  it('TRI-3: a trial converts now to a higher SKU with the chosen term and billing; not to a lower one (UPGRADE_NOT_ELIGIBLE)', async () => {
    const customerId = await customer();
    const premium = await trial(customerId, { offerId: 'offer-m365-business-premium-trial' });
    const another = await trial(await customer(), { offerId: 'offer-m365-business-premium-trial' });
    await tenthOfMay();
    const higher = await convert({ subscriptionId: premium, targetOfferId: 'offer-m365-e3-no-teams', termDuration: 'P3Y', billingFrequency: 'ANNUAL', quantity: 40 });
    expect(higher.errors).toEqual([]);
    expect(higher.subscription).toMatchObject({ offer: { id: 'offer-m365-e3-no-teams' }, quantity: 40, termDuration: 'P3Y', billingFrequency: 'ANNUAL' });
    const lower = await convert({ subscriptionId: another, targetOfferId: 'offer-m365-business-basic' });
    expect(lower.errors).toEqual([expect.objectContaining({ code: 'UPGRADE_NOT_ELIGIBLE', field: ['targetOfferId'] })]);
    const paid = await convert({ subscriptionId: higher.subscription.id, targetOfferId: PAID });
    expect(paid.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'TRI-3' })]);
  });

  it('TRI-3: into an existing subscription its 25 licenses are added, it keeps its term and billing, and it may not end before the trial', async () => {
    const customerId = await customer();
    const existing = await subscribeAt(t, { partnerId: partner.id, customerId, offerId: PAID, quantity: 10, billingFrequency: 'ANNUAL', at: at('2027-01-01T00:00:00.000Z') });
    const monthly = new Decimal((await priceOf(t, token, PAID)).amount);
    const early = await subscribeAt(t, { partnerId: partner.id, customerId, offerId: PAID, quantity: 10, termDuration: 'P1M', at: at('2027-04-20T00:00:00.000Z') });
    const id = await trial(customerId);
    await tenthOfMay();
    const refused = await convert({ subscriptionId: id, targetOfferId: PAID, targetSubscriptionId: early });
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'TARGET_SUBSCRIPTION_INVALID', rule: 'TRI-3', message: expect.stringContaining(`before ${at('2027-05-31')}`) })]);
    const converted = await convert({ subscriptionId: id, targetOfferId: PAID, targetSubscriptionId: existing });
    expect(converted.errors).toEqual([]);
    expect(converted.subscription).toMatchObject({ id: existing, quantity: 35, billingFrequency: 'ANNUAL', termDuration: 'P1Y', termEnd: at('2027-12-31T23:59:59.999Z') });
    // The added licenses are billed at its own price for its remaining days (May 11 … Dec 31: 235 of 365).
    expect(converted.subscription.ledger.slice(1).map((e: any) => [e.kind, e.amount.amount])).toEqual([['CHARGE', monthly.mul(25 * 12 * 235).div(365).toFixed(2)]]);
    expect(converted.trial).toMatchObject({ id, status: 'EXPIRED' });
  });

  it('SCH-2: a trial conversion deletes the conversion scheduled for the end of the trial', async () => {
    const id = await trial(await customer());
    await tenthOfMay();
    expect((await convert({ subscriptionId: id, targetOfferId: PAID, quantity: 5, timing: 'AT_RENEWAL' })).errors).toEqual([]);
    const now = await convert({ subscriptionId: id, targetOfferId: PAID });
    expect(now.errors).toEqual([]);
    expect(now.trial.scheduledChange).toBeNull();
    const { rows } = await t.db.query('select count(*)::int as n from subscriptions.scheduled_change where subscription_id = $1', [id]);
    expect(rows[0].n).toBe(0);
  });
});
