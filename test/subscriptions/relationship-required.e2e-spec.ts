import { createCustomer, onboardPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { removeRelationship } from '../transfers/support';
import { buy } from './checkout.fixtures';
import { getSubscription, mutate, processDueWork, setClock } from './support';

/** REL-1/REL-7: every change to a subscription needs the relationship with the customer; reading needs none. */
describe('changes need a relationship (REL-1, REL-7)', () => {
  const t = useStack();

  it('REL-1: after suspend and removeCustomerRelationship, reactivation, autorenew, quantity, name and cancellation are refused with NO_RELATIONSHIP and change nothing; the history stays readable', async () => {
    await setClock(t, '2031-09-01T10:00:00Z');
    const partner = await onboardPartner(t);
    const customerId = (await createCustomer(t, partner)).id;
    const id = (await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }])).payload.order.lines[0].subscription.id;
    const token = await partner.token();
    expect(dataOf(await mutate(t, token, 'suspendSubscription', { subscriptionId: id })).suspendSubscription.errors).toEqual([]);
    expect((await removeRelationship(t, partner, customerId)).errors).toEqual([]);
    await processDueWork(t);
    const before = await getSubscription(t, token, id);
    expect(before).toMatchObject({ status: 'SUSPENDED', autoRenew: false, quantity: 10 });

    const attempts: [string, Record<string, unknown>][] = [
      ['reactivateSubscription', { subscriptionId: id }],
      ['setSubscriptionAutoRenew', { subscriptionId: id, enabled: true }],
      ['updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 }],
      ['setSubscriptionFriendlyName', { subscriptionId: id, friendlyName: 'kept' }],
      ['cancelSubscription', { subscriptionId: id }],
      ['suspendSubscription', { subscriptionId: id }],
    ];
    for (const [name, input] of attempts) {
      const payload = dataOf(await mutate(t, token, name, input))[name];
      expect([name, payload.subscription, payload.errors]).toEqual([name, null, [expect.objectContaining({ code: 'NO_RELATIONSHIP', rule: 'REL-1' })]]);
    }
    const after = await getSubscription(t, token, id);
    expect(after).toEqual(before);
    expect(after.ledger.length).toBeGreaterThan(0);
  });
});
