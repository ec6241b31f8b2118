import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { perTestEra } from '../support/eras';
import { dataOf, useStack } from '../support/stack';
import { buy, checkout, createCart } from './checkout.fixtures';
import { mutate, setClock, subscribeAt, type Purchase } from './support';

const E3 = 'offer-m365-e3-no-teams';

/** AUD-1 audit rows and AUD-2 outbox events of the subscriptions subgraph's mutations. */
describe('audit rows and webhook events of subscriptions (AUD-1, AUD-2)', () => {
  const t = useStack();
  // Each test plays its dates in an era of its own: the business clock never moves back.
  const at = perTestEra();
  let partner: TestPartner;
  let token: string;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
  });

  const written = async () =>
    (
      await t.db.query(`select (select count(*) from platform.audit_record)::int as audits, (select count(*) from platform.outbox_event)::int as events`)
    ).rows[0] as { audits: number; events: number };

  const eventsOf = async (type: string, ids: string[]) =>
    (
      await t.db.query(`select type, tenant_id, resource_type, resource_id, data, source from platform.outbox_event where type = $1 and resource_id = any($2) order by position`, [
        type,
        ids,
      ])
    ).rows;

  /** Bought on the era's 2027-03-01; an add-on (SUB-9) is bound to the base bought last. */
  const subscription = (extra: Partial<Purchase> = {}) => subscribeAt(t, { partnerId: partner.id, customerId, at: at('2027-03-01T00:00:00.000Z'), ...extra });

  it('AUD-2/ORD-1: a purchase writes one SUBSCRIPTION_CREATED outbox row per subscription, in the partner tenant, and one checkoutCart audit row (AUD-1)', async () => {
    const { payload } = await buy(t, partner, customerId, [
      { offerId: E3, quantity: 10 },
      { offerId: 'offer-power-bi-pro', quantity: 3 },
    ]);
    expect(payload.errors).toEqual([]);
    const ids = payload.order.lines.map((l: any) => l.subscription.id);
    const events = await eventsOf('SUBSCRIPTION_CREATED', ids);
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.resource_id).sort()).toEqual([...ids].sort());
    for (const event of events) {
      expect(event).toMatchObject({ tenant_id: partner.id, resource_type: 'Subscription', source: 'subscriptions' });
      expect(event.data).toMatchObject({ status: 'ACTIVE', customerId, orderId: payload.order.id });
    }
    expect(events.map((e) => [e.data.offerId, e.data.quantity]).sort()).toEqual([[E3, 10], ['offer-power-bi-pro', 3]].sort());
    const audits = await t.db.query(`select tenant_id, resource_type, details from platform.audit_record where operation = 'checkoutCart' and resource_id = $1`, [payload.order.id]);
    expect(audits.rows).toEqual([{ tenant_id: partner.id, resource_type: 'Order', details: { cartId: expect.any(String) } }]);
  });

  it('AUD-1/AUD-2/ORD-1: a checkout failing on its last line leaves no new audit_record and no new outbox_event row', async () => {
    const cart = dataOf(
      await createCart(t, token, customerId, [
        { offerId: E3, quantity: 5 },
        { offerId: 'offer-m365-e3', quantity: 1 }, // end-of-sale (CAT-3)
      ]),
    ).createCart.cart;
    const before = await written();
    const refused = dataOf(await checkout(t, token, cart.id)).checkoutCart;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'OFFER_END_OF_SALE', rule: 'CAT-3' })]);
    expect(await written()).toEqual(before);
  });

  it('AUD-1/AUD-2/SUB-2: a quantity reduction refused with REDUCTION_WINDOW_CLOSED leaves no new audit_record and no new outbox_event row', async () => {
    const id = await subscription();
    await setClock(t, at('2027-03-09T09:00:00Z'));
    const before = await written();
    const refused = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 9 })).updateSubscriptionQuantity;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'REDUCTION_WINDOW_CLOSED', rule: 'SUB-2' })]);
    expect(await written()).toEqual(before);
  });

  it('AUD-2/SUB-2/SUB-6: quantity changes, suspension (with the add-ons) and reactivation write SUBSCRIPTION_UPDATED', async () => {
    const base = await subscription();
    const addOn = await subscription({ offerId: 'offer-m365-copilot', quantity: 2 });
    await setClock(t, at('2027-03-03T12:00:00Z'));
    expect(dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: base, quantity: 12 })).updateSubscriptionQuantity.errors).toEqual([]);
    expect(dataOf(await mutate(t, token, 'suspendSubscription', { subscriptionId: base })).suspendSubscription.errors).toEqual([]);
    expect(dataOf(await mutate(t, token, 'reactivateSubscription', { subscriptionId: base })).reactivateSubscription.errors).toEqual([]);
    const events = await eventsOf('SUBSCRIPTION_UPDATED', [base, addOn]);
    expect(events.map((e) => [e.resource_id, e.data.status, e.data.quantity, e.data.withBase ?? null])).toEqual([
      [base, 'ACTIVE', 12, null],
      [base, 'SUSPENDED', 12, null],
      [addOn, 'SUSPENDED', 2, base],
      [base, 'ACTIVE', 12, null],
      [addOn, 'ACTIVE', 2, base],
    ]);
    expect(events[0].data).toMatchObject({ previousQuantity: 10, offerId: E3, customerId });
    for (const event of events) expect(event).toMatchObject({ tenant_id: partner.id, resource_type: 'Subscription' });
  });

  it('AUD-2/SUB-5/SUB-9: cancellation writes SUBSCRIPTION_CANCELLED for the subscription and for each add-on cancelled with it', async () => {
    const base = await subscription();
    const addOn = await subscription({ offerId: 'offer-m365-copilot', quantity: 2 });
    await setClock(t, at('2027-03-03T12:00:00Z'));
    const cancelled = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: base }, 'refund { amount currency }')).cancelSubscription;
    expect(cancelled.errors).toEqual([]);
    const events = await eventsOf('SUBSCRIPTION_CANCELLED', [base, addOn]);
    expect(events).toEqual([
      expect.objectContaining({ resource_id: base, tenant_id: partner.id, data: expect.objectContaining({ status: 'CANCELLED', refund: cancelled.refund.amount, currency: 'EUR', offerId: E3 }) }),
      expect.objectContaining({ resource_id: addOn, tenant_id: partner.id, data: expect.objectContaining({ status: 'CANCELLED', withBase: base, offerId: 'offer-m365-copilot' }) }),
    ]);
    const audits = await t.db.query(`select resource_id from platform.audit_record where operation = 'cancelSubscription' and resource_id = any($1)`, [[base, addOn]]);
    expect(audits.rows.map((r) => r.resource_id).sort()).toEqual([base, addOn].sort());
  });

  it('AUD-1/AUD-2/SUB-5: a refused cancellation (window closed) leaves no audit row and no event', async () => {
    const id = await subscription();
    // A minute after the 168 hours: the purchase completed a moment after the clock read 2027-03-01 00:00.
    await setClock(t, at('2027-03-08T00:01:00Z'));
    const before = await written();
    const refused = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id })).cancelSubscription;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'CANCELLATION_WINDOW_CLOSED', rule: 'SUB-5' })]);
    expect(await written()).toEqual(before);
  });
});
