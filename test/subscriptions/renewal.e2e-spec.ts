import Decimal from 'decimal.js';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { importPromotions, promotion } from '../catalog/promotions.support';
import { getSubscription, mutate, processDueWork, setClock, subscribeAt, type Purchase } from './support';
import { priceOf } from './upgrade.fixtures';

/** Renewal, expiry and end of subscriptions on the business clock (SUB-6, SUB-7, SUB-9). */
describe('renewals and expiry (processDueWork)', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
  });

  /** Bought at `at` (default 2030-04-01): 10 licenses of Microsoft 365 E3, a one-month term. */
  const monthly = (extra: Partial<Purchase> = {}) => subscribeAt(t, { partnerId: partner.id, customerId, at: '2030-04-01T00:00:00.000Z', termDuration: 'P1M', ...extra });
  /** The quoted monthly list price of an offer in DE at an instant, for a target (BIL-7). */
  const quote = async (offerId: string, termDuration: string, at: string, target: string) =>
    dataOf(await t.gql(token, `query($id: ID!, $term: String!, $at: DateTime!, $target: PromotionTarget!) { offer(id: $id) {
      priceQuote(market: "DE", termDuration: $term, billingFrequency: MONTHLY, at: $at, target: $target) { listPrice { amount } effectivePrice { amount } promotionId } } }`,
    { id: offerId, term: termDuration, at, target })).offer.priceQuote;

  it('SUB-7: with autorenew a subscription renews the day after its inclusive end date: new term, new 168-hour window from the renewal completion, new charge', async () => {
    const id = await monthly();
    await setClock(t, '2030-04-30T23:30:00Z');
    await processDueWork(t);
    // Still the purchased term (bought a moment after the clock read 2030-04-01 00:00).
    expect((await getSubscription(t, token, id)).termStart.slice(0, 16)).toBe('2030-04-01T00:00');

    await setClock(t, '2030-05-01T00:00:05Z');
    const report = await processDueWork(t);
    expect(report).toMatchObject({ renewed: 1, expired: 0, converted: 0, eaRenewed: 0, transfersExpired: 0, webhooksDelivered: 0 });
    const renewed = await getSubscription(t, token, id);
    expect(renewed).toMatchObject({ status: 'ACTIVE', termStart: '2030-05-01T00:00:00.000Z', termEnd: '2030-05-31T23:59:59.999Z', version: 2 });
    // SUB-7: the renewal's 168-hour window counts from its completion (the clock keeps running: to the minute).
    expect(renewed.reducibleLicenses).toMatchObject({ quantity: 10, reason: null });
    expect(renewed.reducibleLicenses.until.slice(0, 16)).toBe('2030-05-08T00:00');
    // BIL-7: the renewed term takes the price in effect at its start (the running term kept its own).
    const quoted = dataOf(await t.gql(token, `{ offer(id: "offer-m365-e3-no-teams") { priceQuote(market: "DE", termDuration: "P1M", billingFrequency: MONTHLY, at: "2030-05-01T00:00:00Z", target: RENEWAL) { listPrice { amount } promotionId } } }`)).offer.priceQuote;
    expect(quoted.promotionId).toBeNull();
    const month = new Decimal(quoted.listPrice.amount).mul(10);
    const bought = new Decimal((await quote('offer-m365-e3-no-teams', 'P1M', '2030-04-01T00:00:00Z', 'NEW_PURCHASE')).effectivePrice.amount).mul(10);
    expect(renewed.ledger.map((e: any) => [e.kind, e.amount.amount, e.at.slice(0, 16)])).toEqual([
      ['CHARGE', bought.toFixed(2), '2030-04-01T00:00'],
      ['CHARGE', month.toFixed(2), '2030-05-01T00:00'],
    ]);
    expect(renewed.ledger[1].at).toBe('2030-05-01T00:00:00.000Z');
    // Processing again renews nothing twice.
    expect((await processDueWork(t)).renewed).toBe(0);
    const audit = await t.db.query(`select operation, user_id, tenant_id from platform.audit_record where resource_id = $1 and operation <> 'createSubscription'`, [id]);
    expect(audit.rows).toEqual([{ operation: 'renewSubscription', user_id: 'system', tenant_id: partner.id }]);

    // The new term has its own cancellation window (SUB-5).
    await setClock(t, '2030-05-03T00:00:00Z');
    const cancelled = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id }, 'refund { amount currency }')).cancelSubscription;
    expect(cancelled.errors).toEqual([]);
    expect(cancelled.refund.amount).toBe(month.mul(28).div(31).toFixed(2));
  });

  it('SUB-7: without autorenew it becomes EXPIRED at the end date, stays so for a 30-day grace period, then ends', async () => {
    const id = await monthly({ autoRenew: false, at: '2030-06-01T00:00:00.000Z' });
    await setClock(t, '2030-07-01T08:00:00Z');
    expect((await processDueWork(t)).expired).toBe(1);
    const expired = await getSubscription(t, token, id);
    expect(expired).toMatchObject({ status: 'EXPIRED', expiredAt: '2030-07-01T00:00:00.000Z', graceUntil: '2030-07-31T00:00:00.000Z', endedAt: null });
    expect(expired.ledger).toHaveLength(1);
    const refused = dataOf(await mutate(t, token, 'setSubscriptionAutoRenew', { subscriptionId: id, enabled: true })).setSubscriptionAutoRenew;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', message: expect.stringContaining('EXPIRED') })]);

    await setClock(t, '2030-07-30T23:00:00Z');
    expect((await processDueWork(t)).ended).toBe(0);
    await setClock(t, '2030-07-31T00:00:01Z');
    expect((await processDueWork(t)).ended).toBe(1);
    expect(await getSubscription(t, token, id)).toMatchObject({ status: 'EXPIRED', endedAt: '2030-07-31T00:00:00.000Z' });
  });

  it('SUB-6: a suspended subscription not reactivated by its term end ends: its data is deleted and it is EXPIRED without grace', async () => {
    const id = await monthly({ at: '2030-08-01T00:00:00.000Z' });
    await setClock(t, '2030-08-10T00:00:00Z');
    dataOf(await mutate(t, token, 'suspendSubscription', { subscriptionId: id }));
    await setClock(t, '2030-09-01T00:00:00Z');
    const report = await processDueWork(t);
    // It ends at its term end (SUB-6), with no 30-day grace of an expiry (SUB-7).
    expect(report).toMatchObject({ ended: 1, expired: 0, renewed: 0 });
    expect(await getSubscription(t, token, id)).toMatchObject({ status: 'EXPIRED', endedAt: '2030-09-01T00:00:00.000Z', graceUntil: null });
  });

  it('SUB-9: add-ons stay aligned to their base term across renewals; an add-on whose base is gone expires', async () => {
    // Another customer's base, without autorenew, with its add-on bought with it.
    const otherCustomer = (await createCustomer(t, partner)).id;
    const base = await subscribeAt(t, { partnerId: partner.id, customerId, at: '2031-04-01T00:00:00.000Z' });
    const other = await subscribeAt(t, { partnerId: partner.id, customerId: otherCustomer, at: '2031-04-01T00:00:00.000Z', autoRenew: false });
    const orphan = await subscribeAt(t, { partnerId: partner.id, customerId: otherCustomer, offerId: 'offer-m365-copilot', quantity: 5, at: '2031-04-01T00:00:00.000Z' });
    // Bought mid-term, aligned to the base: it ends with the base and paid only its days.
    const addOn = await subscribeAt(t, { partnerId: partner.id, customerId, offerId: 'offer-m365-copilot', quantity: 5, at: '2031-10-01T00:00:00.000Z' });
    const copilot = new Decimal((await priceOf(t, token, 'offer-m365-copilot')).amount);
    expect(await getSubscription(t, token, addOn)).toMatchObject({ termEnd: '2032-03-31T23:59:59.999Z' });
    expect(await getSubscription(t, token, orphan)).toMatchObject({ termEnd: '2032-03-31T23:59:59.999Z' });
    // BIL-1: its monthly periods are the base's; the first, Oct 1 to Nov 1, is a whole month.
    const firstCharge = (await getSubscription(t, token, addOn)).ledger[0].amount.amount;
    expect(firstCharge).toBe(copilot.mul(5).toFixed(2));

    await setClock(t, '2032-04-01T06:00:00Z');
    const report = await processDueWork(t);
    expect(report).toMatchObject({ renewed: 2, expired: 2 });
    const [b, a] = [await getSubscription(t, token, base), await getSubscription(t, token, addOn)];
    expect(b.termEnd).toBe('2033-03-31T23:59:59.999Z');
    expect(a).toMatchObject({ status: 'ACTIVE', termStart: '2032-04-01T00:00:00.000Z', termEnd: b.termEnd });
    // Its six monthly periods (Oct to Mar), then the renewed term's first month (BIL-1) at the price in effect then (BIL-7).
    const renewedPrice = dataOf(await t.gql(token, `{ offer(id: "offer-m365-copilot") { priceQuote(market: "DE", termDuration: "P1Y", billingFrequency: MONTHLY, at: "2032-04-01T00:00:00Z", target: RENEWAL) { effectivePrice { amount } } } }`)).offer.priceQuote.effectivePrice.amount;
    expect(a.ledger.map((e: any) => e.amount.amount)).toEqual([...new Array(6).fill(copilot.mul(5).toFixed(2)), new Decimal(renewedPrice).mul(5).toFixed(2)]);
    expect(a.ledger[6].at).toBe('2032-04-01T00:00:00.000Z');
    expect(await getSubscription(t, token, orphan)).toMatchObject({ status: 'EXPIRED', autoRenew: false });
  });

  it('TRI-2: a trial with autorenew converts at the end of its month to the paid SKU (annual term, monthly billing); without autorenew it ends', async () => {
    // The trial is bought with a promotion, which never carries over to the paid SKU (TRI-3). One trial per customer (CAT-4): the stopped one is another customer's.
    await importPromotions(t, [
      promotion({ id: 'TRIALPROMO', offerId: 'offer-m365-business-premium-trial', markets: ['DE'], termDuration: 'P1M', startDate: '2034-01-01T00:00:00Z', endDate: '2034-12-31T23:59:59Z' }),
    ]);
    const trialOf = (customer: string, extra: Partial<Purchase> = {}) =>
      monthly({ customerId: customer, offerId: 'offer-m365-business-premium-trial', quantity: 25, at: '2034-02-01T00:00:00.000Z', ...extra });
    const trial = await trialOf(customerId);
    expect((await t.db.query('select promotion_id from subscriptions.subscription where id = $1', [trial])).rows[0].promotion_id).toBe('TRIALPROMO');
    const stopped = await trialOf((await createCustomer(t, partner)).id, { autoRenew: false });
    const price = dataOf(await t.gql(token, '{ offer(id: "offer-m365-business-premium") { price(market: "DE") { amount currency } } }')).offer.price;
    await setClock(t, '2034-03-01T02:00:00Z');
    const report = await processDueWork(t);
    expect(report).toMatchObject({ converted: 1 });
    const converted = dataOf(
      await t.gql(token, `query($id: ID!) { subscription(id: $id) { isTrial status quantity termStart termEnd termDuration billingFrequency offer { id } ledger { kind amount { amount currency } } reducibleLicenses { quantity } } }`, { id: trial }),
    ).subscription;
    expect(converted).toMatchObject({
      isTrial: false, status: 'ACTIVE', quantity: 25, termStart: '2034-03-01T00:00:00.000Z', termEnd: '2035-02-28T23:59:59.999Z',
      termDuration: 'P1Y', billingFrequency: 'MONTHLY', offer: { id: 'offer-m365-business-premium' }, reducibleLicenses: { quantity: 25 },
    });
    // BIL-1: the paid term is billed monthly: its first month now.
    expect(converted.ledger[1]).toEqual({ kind: 'CHARGE', amount: { amount: new Decimal(price.amount).mul(25).toFixed(2), currency: price.currency } });
    expect((await t.db.query('select promotion_id from subscriptions.subscription where id = $1', [trial])).rows[0].promotion_id).toBeNull();
    expect(await getSubscription(t, token, stopped)).toMatchObject({ status: 'EXPIRED', isTrial: true });
  });

  it('ACT-3: processDueWork is for the PLATFORM_OPERATOR only (sandbox) and is audited (AUD-1)', async () => {
    const query = 'mutation { processDueWork { report { renewed } errors { code } } }';
    for (const token of [await partner.token(['GLOBAL_ADMIN', 'ADMIN_AGENT']), await t.token(customerId, ['CUSTOMER_ADMIN'])]) {
      expect(codeOf(await t.gql(token, query))).toBe('FORBIDDEN');
    }
    expect(codeOf(await t.gql(undefined, query))).toBe('UNAUTHENTICATED');
    dataOf(await t.gql(await t.operatorToken(), query));
    const audit = await t.db.query(`select count(*)::int as n from platform.audit_record where operation = 'processDueWork' and tenant_id = 'platform'`);
    expect(audit.rows[0].n).toBeGreaterThan(0);
  });

  it('SUB-7: a clock far past several term ends renews once per term owed', async () => {
    // Later than every other test of this file: the business clock only moves forwards.
    const id = await monthly({ at: '2035-01-01T00:00:00.000Z' });
    await setClock(t, '2035-04-02T00:00:00Z');
    await processDueWork(t);
    const sub = await getSubscription(t, token, id);
    expect(sub.termStart).toBe('2035-04-01T00:00:00.000Z');
    expect(sub.ledger.filter((e: any) => e.kind === 'CHARGE')).toHaveLength(4);
  });
});
