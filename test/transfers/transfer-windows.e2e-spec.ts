import { dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { getSubscription, mutate, processDueWork, setClock } from '../subscriptions/support';
import { agreement, agreementNumber, schedule, transferMutation, twoPartnersOneCustomer } from './support';
import { createCustomer, onboardPartner } from '../support/fixtures';

/** Subscriptions read through transfers, and the windows a transfer carries over (ACT-2, XFR-3). */
describe('transferred subscriptions (ACT-2, XFR-3)', () => {
  const t = useStack();

  it('ACT-2: a transfer item resolves its source subscription for the source and its target subscription for the target; null without an error for the other party', async () => {
    await setClock(t, '2032-01-05T10:00:00Z');
    const { a: source, b: target, customerId } = await twoPartnersOneCustomer(t);
    const bought = (await buy(t, source, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }])).payload.order.lines[0].subscription.id;
    const created = await transferMutation(t, await target.token(), 'createTransferRequest', { customerId, sourcePartnerId: source.partnerId, customerEmail: 'it@customer.example' });
    expect((await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: created.transfer.id, subscriptionIds: [bought] })).errors).toEqual([]);
    const query = `query($d: TransferDirection) { transferRequests(first: 10, filter: { direction: $d }) { edges { node { id items {
      sourceSubscriptionId targetSubscriptionId sourceSubscription { id status quantity } targetSubscription { id status quantity } } } } } }`;
    // Accepted, not moved yet: no target subscription.
    const accepted = await t.gql(await source.token(), query, { d: 'INCOMING' });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.transferRequests.edges[0].node.items).toEqual([
      { sourceSubscriptionId: bought, targetSubscriptionId: null, sourceSubscription: { id: bought, status: 'ACTIVE', quantity: 10 }, targetSubscription: null },
    ]);
    await processDueWork(t);

    const incoming = await t.gql(await source.token(), query, { d: 'INCOMING' });
    expect(incoming.errors).toBeUndefined();
    const [sourceItem] = incoming.data.transferRequests.edges[0].node.items;
    expect(sourceItem.sourceSubscription).toEqual({ id: bought, status: 'CANCELLED', quantity: 10 });
    expect(sourceItem.targetSubscription).toBeNull();

    const outgoing = await t.gql(await target.token(), query, { d: 'OUTGOING' });
    expect(outgoing.errors).toBeUndefined();
    const [targetItem] = outgoing.data.transferRequests.edges[0].node.items;
    expect(targetItem.targetSubscription).toEqual({ id: targetItem.targetSubscriptionId, status: 'ACTIVE', quantity: 10 });
    expect(targetItem.sourceSubscription).toBeNull();
    expect(dataOf(await t.gql(await target.token(), 'query($id: ID!) { subscription(id: $id) { id } }', { id: targetItem.targetSubscriptionId })).subscription.id).toBe(targetItem.targetSubscriptionId);
  });

  it('ACT-2: eaRenewalSchedule(id).subscription resolves the CSP subscription the renewal created, with its fields', async () => {
    await setClock(t, '2032-02-10T10:00:00Z');
    const partner = await onboardPartner(t);
    const customerId = (await createCustomer(t, partner)).id;
    const ea = await agreement(t, { customerId, number: agreementNumber(), endDate: '2032-03-31', subscriptions: [{ offerProvisioningId: 'Microsoft_365_E3_(no_Teams)', quantity: 25, endDate: '2032-03-31' }] });
    const made = await schedule(t, await partner.token(), { eaSubscriptionId: ea.sub['Microsoft_365_E3_(no_Teams)'], quantity: 25 });
    await setClock(t, '2032-04-01T13:00:00Z');
    await processDueWork(t);
    const body = await t.gql(await partner.token(), 'query($id: ID!) { eaRenewalSchedule(id: $id) { status subscription { id status quantity } } }', { id: made.schedule.id });
    expect(body.errors).toBeUndefined();
    expect(body.data.eaRenewalSchedule).toEqual({ status: 'COMPLETED', subscription: { id: expect.any(String), status: 'ACTIVE', quantity: 25 } });
  });

  it('XFR-3: a transferred subscription continues the source term: same term end and cancellation deadline, each license batch with its own reduction deadline; no refund where the source had none', async () => {
    await setClock(t, '2032-05-01T10:00:00Z');
    const { a: source, b: target, customerId } = await twoPartnersOneCustomer(t);
    const bought = (await buy(t, source, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }])).payload.order.lines[0].subscription.id;
    await setClock(t, '2032-05-09T10:00:00Z');
    const closed = dataOf(await mutate(t, await source.token(), 'cancelSubscription', { subscriptionId: bought })).cancelSubscription;
    expect(closed.errors).toEqual([expect.objectContaining({ code: 'CANCELLATION_WINDOW_CLOSED' })]);
    // Five more licenses on day 8: only they stay removable, until 168 hours after they were added.
    expect(dataOf(await mutate(t, await source.token(), 'updateSubscriptionQuantity', { subscriptionId: bought, quantity: 15 })).updateSubscriptionQuantity.errors).toEqual([]);
    // Three more, removed again at once: a spent batch.
    for (const quantity of [18, 15]) expect(dataOf(await mutate(t, await source.token(), 'updateSubscriptionQuantity', { subscriptionId: bought, quantity })).updateSubscriptionQuantity.errors).toEqual([]);
    const before = dataOf(await t.gql(await source.token(), 'query($id: ID!) { subscription(id: $id) { termEnd cancellationDeadline reducibleLicenses { quantity until } } }', { id: bought })).subscription;
    expect(before.reducibleLicenses.quantity).toBe(5);

    await setClock(t, '2032-05-10T10:00:00Z');
    const created = await transferMutation(t, await target.token(), 'createTransferRequest', { customerId, sourcePartnerId: source.partnerId, customerEmail: 'it@customer.example' });
    expect((await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: created.transfer.id, subscriptionIds: [bought] })).errors).toEqual([]);
    await processDueWork(t);
    const moved = (await getSubscription(t, await source.token(), bought)).status;
    expect(moved).toBe('CANCELLED');
    const items = dataOf(await t.gql(await target.token(), '{ transferRequests(first: 10) { edges { node { items { targetSubscriptionId } } } } }')).transferRequests.edges[0].node.items;
    const id = items[0].targetSubscriptionId;
    const after = dataOf(await t.gql(await target.token(), 'query($id: ID!) { subscription(id: $id) { quantity termEnd cancellationDeadline reducibleLicenses { quantity until } } }', { id })).subscription;
    expect(after).toEqual({ quantity: 15, termEnd: before.termEnd, cancellationDeadline: before.cancellationDeadline, reducibleLicenses: before.reducibleLicenses });
    // The batches that hold licenses move; the spent one has nothing to carry.
    const carried = dataOf(await t.gql(await target.token(), 'query($id: ID!) { subscription(id: $id) { licenseBatches { kind quantity removed } } }', { id })).subscription.licenseBatches;
    expect(carried).toEqual([{ kind: 'TRANSFER', quantity: 10, removed: 0 }, { kind: 'TRANSFER', quantity: 5, removed: 0 }]);

    const cancel = dataOf(await mutate(t, await target.token(), 'cancelSubscription', { subscriptionId: id })).cancelSubscription;
    expect(cancel.errors).toEqual([expect.objectContaining({ code: 'CANCELLATION_WINDOW_CLOSED' })]);
    const tooMany = dataOf(await mutate(t, await target.token(), 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 9 })).updateSubscriptionQuantity;
    expect(tooMany.errors).toEqual([expect.objectContaining({ code: 'REDUCTION_WINDOW_CLOSED' })]);
    expect(dataOf(await mutate(t, await target.token(), 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 10 })).updateSubscriptionQuantity.errors).toEqual([]);
    // After the batch's own deadline nothing is reducible.
    await setClock(t, '2032-05-16T11:00:00Z');
    expect((await getSubscription(t, await target.token(), id)).reducibleLicenses.quantity).toBe(0);
  });

  const baseOf = async (id: string) => (await t.db.query('select base_subscription_id from subscriptions.subscription where id = $1', [id])).rows[0].base_subscription_id;

  it('XFR-3: add-ons move with their base: an add-on alone is refused with the reason; the base takes its add-ons along to the target', async () => {
    await setClock(t, '2032-06-01T10:00:00Z');
    const { a: source, b: target, customerId } = await twoPartnersOneCustomer(t);
    const lines = (await buy(t, source, customerId, [
      { offerId: 'offer-m365-e3-no-teams', quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' },
      { offerId: 'offer-m365-copilot', quantity: 5, termDuration: 'P1Y', billingFrequency: 'MONTHLY' },
    ])).payload.order.lines;
    const [base, addOn] = lines.map((line: { subscription: { id: string } }) => line.subscription.id);
    expect(await baseOf(addOn)).toBe(base);
    const created = await transferMutation(t, await target.token(), 'createTransferRequest', { customerId, sourcePartnerId: source.partnerId, customerEmail: 'it@customer.example' });
    const alone = await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: created.transfer.id, subscriptionIds: [addOn] });
    expect(alone.errors).toEqual([expect.objectContaining({ code: 'TRANSFER_INVALID', rule: 'XFR-3', message: expect.stringContaining(base) })]);

    // A suspended add-on cannot follow: nothing moves, and the request says why.
    expect(dataOf(await mutate(t, await source.token(), 'suspendSubscription', { subscriptionId: addOn })).suspendSubscription.errors).toEqual([]);
    expect((await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: created.transfer.id, subscriptionIds: [base] })).errors).toEqual([]);
    await processDueWork(t);
    const failed = dataOf(await t.gql(await source.token(), '{ transferRequests(first: 10) { edges { node { status failureReason } } } }')).transferRequests.edges[0].node;
    expect(failed).toEqual({ status: 'PENDING', failureReason: expect.stringContaining(addOn) });
    expect((await getSubscription(t, await source.token(), base)).status).toBe('ACTIVE');
    expect(dataOf(await mutate(t, await source.token(), 'reactivateSubscription', { subscriptionId: addOn })).reactivateSubscription.errors).toEqual([]);

    expect((await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: created.transfer.id, subscriptionIds: [base] })).errors).toEqual([]);
    await processDueWork(t);
    const items = dataOf(await t.gql(await target.token(), '{ transferRequests(first: 10) { edges { node { status items { sourceSubscriptionId targetSubscriptionId } } } } }')).transferRequests.edges[0].node;
    expect(items.status).toBe('COMPLETED');
    expect(items.items.map((i: { sourceSubscriptionId: string }) => i.sourceSubscriptionId)).toEqual([base, addOn]);
    const [newBase, newAddOn] = items.items.map((i: { targetSubscriptionId: string }) => i.targetSubscriptionId);
    expect(await baseOf(newAddOn)).toBe(newBase);
    expect((await getSubscription(t, await target.token(), newAddOn)).status).toBe('ACTIVE');
    expect((await getSubscription(t, await source.token(), addOn)).status).toBe('CANCELLED');
  });

  it('XFR-3/SUB-9: a base upgraded with all its licenses into another subscription takes its add-ons along', async () => {
    await setClock(t, '2032-07-01T10:00:00Z');
    const partner = await onboardPartner(t);
    const customerId = (await createCustomer(t, partner)).id;
    const [base, addOn] = (await buy(t, partner, customerId, [
      { offerId: 'offer-m365-e3-no-teams', quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' },
      { offerId: 'offer-m365-copilot', quantity: 5, termDuration: 'P1Y', billingFrequency: 'MONTHLY' },
    ])).payload.order.lines.map((line: { subscription: { id: string } }) => line.subscription.id);
    const e5 = (await buy(t, partner, customerId, [{ offerId: 'offer-m365-e5-no-teams', quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }])).payload.order.lines[0].subscription.id;
    // UPG-5: the existing target is past its cancellation window.
    await setClock(t, '2032-07-10T10:00:00Z');
    expect(await baseOf(addOn)).toBe(base);
    const upgraded = dataOf(
      await t.gql(await partner.token(), 'mutation($input: UpgradeSubscriptionInput!) { upgradeSubscription(input: $input) { source { status } target { id quantity } errors { code message rule } } }', {
        input: { subscriptionId: base, targetOfferId: 'offer-m365-e5-no-teams', quantity: 10, targetSubscriptionId: e5 },
      }),
    ).upgradeSubscription;
    expect(upgraded.errors).toEqual([]);
    expect(upgraded).toMatchObject({ source: { status: 'CANCELLED' }, target: { id: e5, quantity: 20 } });
    expect(await baseOf(addOn)).toBe(e5);
    expect((await getSubscription(t, await partner.token(), addOn)).status).toBe('ACTIVE');
  });
});
