import { createCustomer, onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy, checkout, createCart, writtenRows } from './checkout.fixtures';

describe('checkoutCart', () => {
  const t = useStack();

  it('ORD-1: checks a cart out into an order with one subscription per line, charged at the customer market price', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner, { country: 'DE' });
    const { payload } = await buy(t, partner, customer.id, [
      { offerId: 'offer-m365-e3-no-teams', quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' },
      { offerId: 'offer-power-bi-pro', quantity: 3 },
    ]);
    expect(payload.errors).toEqual([]);
    expect(payload.order.lines).toHaveLength(2);
    expect(payload.order.lines.map((l: any) => l.status)).toEqual(['PROVISIONED', 'PROVISIONED']);
    expect(payload.order.lines[0].subscription).toMatchObject({ quantity: 10, status: 'ACTIVE' });
    const { rows } = await t.db.query(`select l.currency from subscriptions.ledger_entry l join subscriptions.subscription s on s.id = l.subscription_id where s.order_id = $1`, [
      payload.order.id,
    ]);
    expect(rows.map((r) => r.currency.trim())).toEqual(['EUR', 'EUR']);
  });
});
