import { Webhook as StandardWebhook } from 'standardwebhooks';
import { newSigningSecret } from '../../shared/webhooks/message';
import { ACCEPT_REQUEST, CREATE_REQUEST, payload } from '../customers/helpers';
import { buy } from '../subscriptions/checkout.fixtures';
import { processDueWork, setClock, subscribeAt } from '../subscriptions/support';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { startReceiver, type Receiver, type Received } from './receiver';
import { createWebhook, type CreatedWebhook } from './support';

/**
 * AUD-2: domain events written to the outbox by the services that make the change reach the
 * partner's webhook in the `processDueWork` that follows, signed per Standard Webhooks with
 * the secret shown once at creation. The checkout and relationship events are recorded by
 * the producers' own changes (SUBSCRIPTION_CREATED, RELATIONSHIP_ACCEPTED); renewals already
 * recorded SUBSCRIPTION_RENEWED.
 */
describe('AUD-2 webhooks: events of real changes reach the partner, signed', () => {
  const t = useStack();
  let partner: TestPartner;
  let receiver: Receiver;
  let hook: CreatedWebhook;

  beforeAll(async () => {
    await setClock(t, '2031-12-01T00:00:00Z');
    partner = await onboardPartner(t);
    receiver = await startReceiver();
    hook = await createWebhook(t, partner, receiver.url);
  });
  afterAll(() => receiver?.down());

  /** Verifies with the `standardwebhooks` library and the secret shown once; throws otherwise. */
  const verified = (received: Received) => new StandardWebhook(hook.secret).verify(received.body, received.headers) as any;
  const about = (type: string, resourceId: string) => receiver.received.filter((r) => JSON.parse(r.body).type === type && JSON.parse(r.body).data.resourceId === resourceId);

  it('AUD-2: a renewal is delivered in the same processDueWork as subscription.renewed, signed, webhook-id = the outbox event id', async () => {
    const customerId = (await createCustomer(t, partner)).id;
    const subscriptionId = await subscribeAt(t, { partnerId: partner.id, customerId, at: '2031-12-01T00:00:00.000Z', termDuration: 'P1M' });
    await setClock(t, '2032-01-10T00:00:00Z');
    const report = await processDueWork(t);
    expect(report.renewed).toBe(1);
    expect(report.webhooksDelivered).toBeGreaterThanOrEqual(1);
    const [received, ...more] = about('subscription.renewed', subscriptionId);
    expect(more).toEqual([]);
    const body = verified(received);
    expect(body).toMatchObject({ type: 'subscription.renewed', data: { tenantId: partner.id, resourceType: 'Subscription', resourceId: subscriptionId } });
    const event = (await t.db.query(`select id, occurred_at from platform.outbox_event where resource_id = $1 and type = 'SUBSCRIPTION_RENEWED'`, [subscriptionId])).rows[0];
    expect(received.id).toBe(event.id);
    expect(body.timestamp).toBe(event.occurred_at.toISOString());
    // The signature timestamp is the attempt's wall-clock time, which receivers check against theirs.
    expect(Math.abs(Number(received.timestamp) - Date.now() / 1000)).toBeLessThan(120);
    expect(() => new StandardWebhook(newSigningSecret()).verify(received.body, received.headers)).toThrow();
    expect(() => new StandardWebhook(hook.secret).verify(received.body.replace(subscriptionId, 'sub_forged'), received.headers)).toThrow();
    expect((await processDueWork(t)).webhooksDelivered).toBe(0);
  });

  it('AUD-2: a purchase is delivered as subscription.created, verifiable with the secret shown once (needs the checkout producer)', async () => {
    const customerId = (await createCustomer(t, partner)).id;
    const { payload: checkout } = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 3 }]);
    expect(checkout.errors).toEqual([]);
    const subscriptionId = checkout.order.lines[0].subscription.id;
    expect(receiver.received.filter((r) => r.body.includes(subscriptionId))).toEqual([]);
    expect((await processDueWork(t)).webhooksDelivered).toBeGreaterThanOrEqual(1);
    const [received, ...more] = about('subscription.created', subscriptionId);
    expect(more).toEqual([]);
    expect(verified(received)).toMatchObject({ type: 'subscription.created', data: { tenantId: partner.id, resourceType: 'Subscription', resourceId: subscriptionId } });
    // The payload of the event map (shared/events/payloads.ts), with its version.
    expect(verified(received).data).toMatchObject({ v: 1, status: 'ACTIVE', quantity: 3, offerId: 'offer-m365-e3-no-teams', customerId, autoRenew: true, origin: 'PURCHASE' });
  });

  it('AUD-2: an accepted relationship request is delivered to the partner as relationship.accepted (needs the relationship producer)', async () => {
    const owner = await onboardPartner(t);
    const customerId = (await createCustomer(t, owner)).id;
    const request = (await payload(t, await partner.token(), CREATE_REQUEST, {})).request;
    const accepted = await payload(t, await t.token(customerId, ['CUSTOMER_ADMIN']), ACCEPT_REQUEST, { requestId: request.id });
    expect(accepted.errors).toEqual([]);
    await processDueWork(t);
    const [received, ...more] = about('relationship.accepted', customerId);
    expect(more).toEqual([]);
    expect(verified(received)).toMatchObject({ type: 'relationship.accepted', data: { tenantId: partner.id, resourceId: customerId } });
  });
});
