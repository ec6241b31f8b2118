import Decimal from 'decimal.js';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { processDueWork, setClock } from '../subscriptions/support';

const E3 = 'offer-m365-e3-no-teams';

const BILLING_FIELDS = `id status quantity
  ledger { kind chargeType amount { amount currency } at chargeStart chargeEnd }
  billing { commitment { total { amount } billed { amount } remaining { amount } } nextChargeAt nextChargeAmount { amount currency } promotionId }`;

/** The share of `monthly` for `days` of a 31-day period, as the ledger books it (4 places, then the currency's 2). */
function prorated(monthly: Decimal.Value, days: number, periodDays: number): string {
  return new Decimal(monthly).mul(days).div(periodDays).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** SPEC §9b BIL-1/BIL-2: charges follow the billing cycle, on the business clock, through the gateway. */
describe('billing schedule', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
  });

  async function read(id: string) {
    return dataOf(await t.gql(token, `query($id: ID!) { subscription(id: $id) { ${BILLING_FIELDS} } }`, { id })).subscription;
  }

  async function change(name: string, input: Record<string, unknown>, extra = '') {
    const inputType = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
    const result = dataOf(await t.gql(token, `mutation($input: ${inputType}!) { ${name}(input: $input) { subscription { id } ${extra} errors { code message rule } } }`, { input }))[name];
    expect(result.errors).toEqual([]);
    return result;
  }

  async function bought(at: string, quantity: number): Promise<string> {
    await setClock(t, at);
    const { payload } = await buy(t, partner, customerId, [{ offerId: E3, quantity, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
    expect(payload.errors).toEqual([]);
    return payload.order.lines[0].subscription.id;
  }

  it('BIL-1: a monthly-billed annual subscription bought mid-month is charged 12 monthly periods over its term, each once, and nothing more', async () => {
    const id = await bought('2027-01-15T10:00:00Z', 10);
    const first = await read(id);
    expect(first.ledger).toHaveLength(1);
    expect(first.ledger[0]).toMatchObject({ kind: 'CHARGE', chargeType: 'NEW', chargeStart: '2027-01-15T00:00:00.000Z', chargeEnd: '2027-02-14T23:59:59.999Z' });
    const month = first.ledger[0].amount.amount as string;
    const currency = first.ledger[0].amount.currency as string;
    expect(first.billing).toEqual({
      commitment: { total: { amount: new Decimal(month).mul(12).toFixed(2) }, billed: { amount: month }, remaining: { amount: new Decimal(month).mul(11).toFixed(2) } },
      nextChargeAt: '2027-02-15T00:00:00.000Z',
      nextChargeAmount: { amount: month, currency },
      promotionId: null,
    });
    // No renewal: the term's own charges are all there is to see.
    await change('setSubscriptionAutoRenew', { subscriptionId: id, enabled: false });

    for (let k = 1; k <= 12; k++) {
      const at = new Date(Date.UTC(2027, k, 15, 6, 0, 0));
      await setClock(t, at.toISOString());
      // Several workers at once, and a second run at the same time: each period is billed once.
      await Promise.all([processDueWork(t), processDueWork(t)]);
      await processDueWork(t);
    }
    // Past the term end as well: nothing more.
    await setClock(t, '2028-02-20T00:00:00Z');
    await processDueWork(t);

    const done = await read(id);
    expect(done.status).toBe('EXPIRED');
    expect(done.ledger).toHaveLength(12);
    expect(done.ledger.map((l: any) => l.chargeType)).toEqual(['NEW', ...new Array(11).fill('CYCLE_CHARGE')]);
    expect(done.ledger.every((l: any) => l.kind === 'CHARGE' && l.amount.amount === month)).toBe(true);
    expect(done.ledger.map((l: any) => l.chargeStart.slice(0, 10))).toEqual(Array.from({ length: 12 }, (_, k) => new Date(Date.UTC(2027, k, 15)).toISOString().slice(0, 10)));
    // A cycle charge is dated at the start of its period, whenever the due work ran.
    expect(done.ledger.slice(1).map((l: any) => l.at)).toEqual(done.ledger.slice(1).map((l: any) => l.chargeStart));
    expect(done.billing).toMatchObject({ commitment: { total: { amount: new Decimal(month).mul(12).toFixed(2) }, remaining: { amount: '0.00' } }, nextChargeAt: null, nextChargeAmount: null });
  });

  it('BIL-2: an increase charges the rest of the period, a reduction and a cancellation within their windows credit the unused days; a cancelled term is never billed further', async () => {
    const id = await bought('2028-03-10T09:00:00Z', 10);
    const start = await read(id);
    const month = new Decimal(start.ledger[0].amount.amount);
    const unit = month.div(10);
    // The period runs Mar 10 → Apr 10: 31 days.
    await setClock(t, '2028-03-12T09:00:00Z');
    await change('updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 });
    await setClock(t, '2028-03-13T09:00:00Z');
    await change('updateSubscriptionQuantity', { subscriptionId: id, quantity: 11 });
    const afterChanges = await read(id);
    // Later periods bill the new quantity.
    expect(afterChanges.billing.nextChargeAt).toBe('2028-04-10T00:00:00.000Z');
    expect(afterChanges.billing.nextChargeAmount.amount).toBe(unit.mul(11).toFixed(2));
    await setClock(t, '2028-03-15T09:00:00Z');
    const cancelled = await change('cancelSubscription', { subscriptionId: id }, 'refund { amount currency }');

    const ledger = (await read(id)).ledger;
    expect(ledger.map((l: any) => [l.kind, l.chargeType, l.amount.amount])).toEqual([
      ['CHARGE', 'NEW', month.toFixed(2)],
      // Mar 12 (counted) to Apr 9: 29 of 31 days for 2 licenses.
      ['CHARGE', 'ADD_QUANTITY', prorated(unit.mul(2), 29, 31)],
      // After Mar 13: 27 unused days of 1 license.
      ['REFUND', 'REMOVE_QUANTITY', prorated(unit, 27, 31)],
      // After Mar 15: 25 unused days of 11 licenses.
      ['REFUND', 'CANCEL', prorated(unit.mul(11), 25, 31)],
    ]);
    expect(cancelled.refund.amount).toBe(prorated(unit.mul(11), 25, 31));
    expect(ledger[1]).toMatchObject({ chargeStart: '2028-03-12T00:00:00.000Z', chargeEnd: '2028-04-09T23:59:59.999Z' });
    expect(ledger[3]).toMatchObject({ chargeStart: '2028-03-16T00:00:00.000Z', chargeEnd: '2028-04-09T23:59:59.999Z' });

    await setClock(t, '2028-04-11T00:00:00Z');
    await processDueWork(t);
    const after = await read(id);
    expect(after.ledger).toHaveLength(4);
    expect(after.billing).toMatchObject({ commitment: { remaining: { amount: '0.00' } }, nextChargeAt: null, nextChargeAmount: null });
  });
});
