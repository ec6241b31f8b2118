import { ACCEPT_REQUEST, CREATE_REQUEST, payload } from '../customers/helpers';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { agreement, agreementNumber, schedule, scheduleById } from '../transfers/support';
import { getSubscription, mutate, processDueWork, setClock, subscribeAt } from './support';

/** The 168-hour windows of a renewed term (SUB-5, SUB-7, EA-8) and buying back during the grace (SUB-7). */
describe('renewed terms and the grace period', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
  });

  it('SUB-5/SUB-7: after a renewal completed late, the reduction and cancellation window counts from its completion, not from the term start', async () => {
    const id = await subscribeAt(t, { partnerId: partner.id, customerId, at: '2030-04-01T00:00:00.000Z', termDuration: 'P1M' });
    // The renewal is due from 2030-05-01 00:00 UTC but completes three days later.
    await setClock(t, '2030-05-03T10:00:00Z');
    expect((await processDueWork(t)).renewed).toBe(1);
    const renewed = await getSubscription(t, token, id);
    expect(renewed.termStart).toBe('2030-05-01T00:00:00.000Z');
    expect(renewed.reducibleLicenses.until.slice(0, 16)).toBe('2030-05-10T10:00');
    const deadline = dataOf(await t.gql(token, `query($id: ID!) { subscription(id: $id) { cancellationDeadline } }`, { id })).subscription.cancellationDeadline;
    expect(deadline.slice(0, 16)).toBe('2030-05-10T10:00');
    // Past 168 hours from the term start, still within 168 hours of the completion.
    await setClock(t, '2030-05-09T12:00:00Z');
    const reduced = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 8 })).updateSubscriptionQuantity;
    expect(reduced.errors).toEqual([]);
    const cancelled = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id }, 'refund { amount currency }')).cancelSubscription;
    expect(cancelled.errors).toEqual([]);
    expect(cancelled.subscription.status).toBe('CANCELLED');
  });

  it('SUB-5: once 168 hours from the renewal completion have passed, cancellation is CANCELLATION_WINDOW_CLOSED', async () => {
    const id = await subscribeAt(t, { partnerId: partner.id, customerId, at: '2031-04-01T00:00:00.000Z', termDuration: 'P1M' });
    await setClock(t, '2031-05-02T00:00:00Z');
    expect((await processDueWork(t)).renewed).toBe(1);
    await setClock(t, '2031-05-09T00:01:00Z');
    const refused = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id })).cancelSubscription;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'CANCELLATION_WINDOW_CLOSED', rule: 'SUB-5', message: expect.stringContaining('2031-05-09T00:00') })]);
  });

  it('EA-8: a subscription whose term starts at the EA end is cancellable for 168 hours from the moment its provisioning completed', async () => {
    // An EA renewal scheduled before the EA ends (2032-05-31) is processed on 2032-06-05 for a term that starts where the EA ended (2032-06-01).
    await setClock(t, '2032-05-10T00:00:00Z');
    const ea = await agreement(t, {
      customerId, number: agreementNumber(), endDate: '2032-05-31', subscriptions: [{ offerProvisioningId: 'Microsoft_365_E3_(no_Teams)', quantity: 20, endDate: '2032-05-31' }],
    });
    const made = await schedule(t, token, { eaSubscriptionId: ea.sub['Microsoft_365_E3_(no_Teams)'], quantity: 10 });
    expect(made.errors).toEqual([]);
    await setClock(t, '2032-06-05T12:00:00Z');
    await processDueWork(t);
    const id = (await scheduleById(t, token, made.schedule.id)).subscription.id;
    await setClock(t, '2032-06-11T00:00:00Z');
    const sub = await getSubscription(t, token, id);
    expect(sub.termStart).toBe('2032-06-01T00:00:00.000Z');
    // To the minute: processing completed a moment after the clock was set.
    expect(sub.reducibleLicenses).toMatchObject({ quantity: 10 });
    expect(sub.reducibleLicenses.until.slice(0, 16)).toBe('2032-06-12T12:00');
    const cancelled = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id })).cancelSubscription;
    expect(cancelled.errors).toEqual([]);
  });

  it('SUB-7: during the grace period another partner with a relationship buys the expired subscription again; the expired one ends, no grace end follows', async () => {
    const owner = await onboardPartner(t);
    const customer = await createCustomer(t, owner);
    const id = await subscribeAt(t, { partnerId: owner.id, customerId: customer.id, offerId: 'offer-power-bi-pro', at: '2033-01-01T00:00:00.000Z', termDuration: 'P1M', autoRenew: false });
    await setClock(t, '2033-02-01T01:00:00Z');
    expect((await processDueWork(t)).expired).toBeGreaterThanOrEqual(1);
    expect(await getSubscription(t, await owner.token(), id)).toMatchObject({ status: 'EXPIRED', endedAt: null });

    // A second partner gains a relationship with the customer (REL-2, REL-4) and buys the offer again.
    const other = await onboardPartner(t);
    const request = (await payload(t, await other.token(), CREATE_REQUEST, {})).request;
    expect((await payload(t, await t.token(customer.id, ['CUSTOMER_ADMIN']), ACCEPT_REQUEST, { requestId: request.id })).errors).toEqual([]);
    await setClock(t, '2033-02-10T00:00:00Z');
    const { payload: bought } = await buy(t, other, customer.id, [{ offerId: 'offer-power-bi-pro', quantity: 4 }]);
    expect(bought.errors).toEqual([]);
    expect(bought.order.lines[0].subscription).toMatchObject({ status: 'ACTIVE', quantity: 4 });
    const old = await getSubscription(t, await owner.token(), id);
    expect(old).toMatchObject({ status: 'EXPIRED' });
    expect(old.endedAt.slice(0, 10)).toBe('2033-02-10');
    const events = await t.db.query(`select tenant_id, data from platform.outbox_event where resource_id = $1 and data ? 'recoveredBy'`, [id]);
    expect(events.rows).toEqual([{ tenant_id: owner.id, data: expect.objectContaining({ recoveredBy: bought.order.lines[0].subscription.id }) }]);
    await setClock(t, '2033-03-05T00:00:00Z');
    await processDueWork(t);
    expect((await getSubscription(t, await owner.token(), id)).endedAt.slice(0, 10)).toBe('2033-02-10');
  });

  it('SUB-7: after the grace period a purchase of the same offer is an ordinary new subscription (the ended one stays ended)', async () => {
    const id = await subscribeAt(t, { partnerId: partner.id, customerId, offerId: 'offer-power-bi-pro', at: '2034-01-01T00:00:00.000Z', termDuration: 'P1M', autoRenew: false });
    await setClock(t, '2034-02-01T01:00:00Z');
    await processDueWork(t);
    await setClock(t, '2034-03-05T00:00:00Z');
    expect((await processDueWork(t)).ended).toBeGreaterThanOrEqual(1);
    const { payload: bought } = await buy(t, partner, customerId, [{ offerId: 'offer-power-bi-pro', quantity: 1 }]);
    expect(bought.errors).toEqual([]);
    const outbox = await t.db.query(`select count(*)::int as n from platform.outbox_event where resource_id = $1 and data ? 'recoveredBy'`, [id]);
    expect(outbox.rows[0].n).toBe(0);
  });
});
