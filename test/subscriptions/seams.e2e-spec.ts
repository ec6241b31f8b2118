import { createCustomer, onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { getSubscription, mutate, processDueWork, setClock } from './support';
import { twoPartnersOneCustomer } from '../transfers/support';
import { startReceiver } from '../platform/receiver';
import { createWebhook } from '../platform/support';

/** Rules where the subscriptions subgraph meets the other subgraphs and its own due work. */
describe('subscriptions at the seams', () => {
  const t = useStack();

  it('SUB-8: a cancellation while the renewal is processed is a CONFLICT advising a retry and changes nothing; once renewed, the new 168-hour window applies', async () => {
    await setClock(t, '2031-01-10T10:00:00Z');
    const partner = await onboardPartner(t);
    const customerId = (await createCustomer(t, partner)).id;
    const id = (await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 4, termDuration: 'P1M', billingFrequency: 'MONTHLY' }])).payload.order.lines[0].subscription.id;
    const token = await partner.token();
    const bought = await getSubscription(t, token, id);
    // 30 minutes into the day after the term end: the renewal is due, not processed yet.
    const processing = new Date(Date.parse(bought.termEnd.slice(0, 10) + 'T00:00:00Z') + 24.5 * 3600 * 1000).toISOString();
    await setClock(t, processing);
    const before = await getSubscription(t, token, id);
    const refused = await mutate(t, token, 'cancelSubscription', { subscriptionId: id });
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0].message).toMatch(/retry/i);
    expect(await getSubscription(t, token, id)).toEqual(before);

    expect((await processDueWork(t)).renewed).toBe(1);
    const cancelled = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id }, 'refund { amount currency }')).cancelSubscription;
    expect(cancelled.errors).toEqual([]);
    expect(cancelled.subscription.status).toBe('CANCELLED');
    expect(Number(cancelled.refund.amount)).toBeGreaterThan(0);
  });

  it('CAT-4: a one-per-customer offer is limited per customer across partners: the other partner is told why in purchasable and refused at checkout', async () => {
    await setClock(t, '2031-03-01T10:00:00Z');
    const { a, b, customerId } = await twoPartnersOneCustomer(t);
    const trial = 'offer-m365-e5-no-teams-trial';
    const line = { offerId: trial, quantity: 25, termDuration: 'P1M', billingFrequency: 'MONTHLY' };
    const held = (await buy(t, a, customerId, [line])).payload;
    expect(held.errors).toEqual([]);
    const heldId = held.order.lines[0].subscription.id;

    const query = `query($c: ID!, $o: ID!) { offer(id: $o) { purchasable(customerId: $c) { allowed reason detail message rule } } }`;
    const verdict = dataOf(await t.gql(await b.token(), query, { c: customerId, o: trial })).offer.purchasable;
    expect(verdict).toMatchObject({ allowed: false, reason: 'ONE_PER_CUSTOMER', detail: 'ALREADY_HELD', rule: 'CAT-4' });
    expect(verdict.message).toContain('through another partner');
    expect(verdict.message).not.toContain(heldId);
    const ownVerdict = dataOf(await t.gql(await a.token(), query, { c: customerId, o: trial })).offer.purchasable;
    expect(ownVerdict.message).toContain(heldId);

    const refused = (await buy(t, b, customerId, [line])).payload;
    expect(refused.order).toBeNull();
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'ONE_PER_CUSTOMER', rule: 'CAT-4' })]);
    const live = await t.db.query(`select count(*)::int as n from subscriptions.subscription where customer_id = $1 and offer_id = $2`, [customerId, trial]);
    expect(live.rows[0].n).toBe(1);
  });

  it('ORD-6: at the end of a marketplace SaaS free trial the paid term begins: ACTIVE, charged, autorenew on, SUBSCRIPTION_UPDATED event and webhook', async () => {
    await setClock(t, '2031-05-01T10:00:00Z');
    const partner = await onboardPartner(t);
    const receiver = await startReceiver();
    try {
      await createWebhook(t, partner, receiver.url);
      const customerId = (await createCustomer(t, partner)).id;
      const bought = (await buy(t, partner, customerId, [{ offerId: 'offer-isv-adatum-projecthub', quantity: 5, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }])).payload;
      expect(bought.errors).toEqual([]);
      const id = bought.order.lines[0].subscription.id;
      const token = await partner.token();
      const trial = await getSubscription(t, token, id);
      expect(trial).toMatchObject({ status: 'ACTIVE', isTrial: true, autoRenew: true, ledger: [] });

      const paidFrom = new Date(Date.parse(trial.termEnd) + 1).toISOString();
      await setClock(t, new Date(Date.parse(paidFrom) + 3600 * 1000).toISOString());
      expect((await processDueWork(t)).converted).toBeGreaterThanOrEqual(1);
      await processDueWork(t);
      const paid = dataOf(await t.gql(token, 'query($id: ID!) { subscription(id: $id) { status isTrial autoRenew termStart termEnd termDuration billingFrequency offer { id } ledger { kind amount { amount } } } }', { id })).subscription;
      expect(paid).toMatchObject({ status: 'ACTIVE', isTrial: false, autoRenew: true, termStart: paidFrom, termDuration: 'P1Y', billingFrequency: 'MONTHLY', offer: { id: 'offer-isv-adatum-projecthub' } });
      expect(paid.ledger).toEqual([expect.objectContaining({ kind: 'CHARGE' })]);
      expect(Number(paid.ledger[0].amount.amount)).toBeGreaterThan(0);
      const events = await t.db.query(`select type from platform.outbox_event where resource_id = $1 and type = 'SUBSCRIPTION_UPDATED'`, [id]);
      expect(events.rows).toHaveLength(1);
      const hooks = receiver.received.map((r) => JSON.parse(r.body)).filter((b) => b.type === 'subscription.updated' && b.data.resourceId === id);
      expect(hooks).toHaveLength(1);
    } finally {
      await receiver.down();
    }
  });
});
