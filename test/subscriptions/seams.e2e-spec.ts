import { createCustomer, onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { getSubscription, mutate, processDueWork, setClock } from './support';

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
});
