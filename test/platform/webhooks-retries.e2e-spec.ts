import { Webhook as StandardWebhook } from 'standardwebhooks';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../../shared/webhooks/retry-schedule';
import { processDueWork, setClock } from '../subscriptions/support';
import { onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { startReceiver, type Receiver } from './receiver';
import { advance, businessNow, createWebhook, DELETE_WEBHOOK, deliveryOf, emitEvent, listWebhooks, type CreatedWebhook } from './support';

const MINUTE = 60_000;

/**
 * AUD-2: delivery at least once, with retries on the business clock: the sandbox clock
 * stands in for waiting, `processDueWork` for the every-minute job.
 */
describe('AUD-2 webhook deliveries: retries, failures and outages', () => {
  const t = useStack();
  let partner: TestPartner;
  let receiver: Receiver;
  let hook: CreatedWebhook;

  beforeAll(() => setClock(t, '2033-05-01T00:00:00Z'));

  beforeEach(async () => {
    partner = await onboardPartner(t);
    receiver = await startReceiver();
    hook = await createWebhook(t, partner, receiver.url, ['SUBSCRIPTION_UPDATED']);
  });
  afterEach(() => receiver.down());

  it('AUD-2: a receiver answering 500 gets the same event again, same webhook-id, once the retry delay has passed, not before', async () => {
    receiver.status = 500;
    const eventId = await emitEvent(t, partner.id);
    expect((await processDueWork(t)).webhooksDelivered).toBe(0);
    expect(receiver.ids()).toEqual([eventId]);
    const first = await deliveryOf(t, hook.id, eventId);
    expect(first).toMatchObject({ status: 'PENDING', attempts: 1, last_response_status: 500, last_response_body: 'ok' });
    expect(first.next_attempt_at!.getTime() - (await businessNow(t)).getTime()).toBeGreaterThan(MINUTE - 10_000);

    await processDueWork(t);
    await advance(t, 30_000);
    await processDueWork(t);
    expect(receiver.ids()).toEqual([eventId]);

    await advance(t, MINUTE);
    receiver.status = 204;
    expect((await processDueWork(t)).webhooksDelivered).toBe(1);
    expect(receiver.ids()).toEqual([eventId, eventId]);
    const [a, b] = receiver.received;
    expect(b.body).toBe(a.body);
    expect(new StandardWebhook(hook.secret).verify(b.body, b.headers)).toMatchObject({ type: 'subscription.updated' });
    expect(await deliveryOf(t, hook.id, eventId)).toMatchObject({ status: 'DELIVERED', attempts: 2, last_response_status: 204, next_attempt_at: null });
  });

  it('AUD-2: after the last attempt the delivery is FAILED and stays visible in webhooks { deliveries }; at most 1 KB of the answer is kept', async () => {
    receiver.status = 503;
    receiver.body = 'x'.repeat(5000);
    const eventId = await emitEvent(t, partner.id);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await processDueWork(t);
      expect(receiver.received).toHaveLength(attempt);
      if (attempt < MAX_ATTEMPTS) await advance(t, RETRY_DELAYS_MS[attempt - 1] + MINUTE);
    }
    await advance(t, 48 * 3600_000);
    await processDueWork(t);
    expect(new Set(receiver.ids())).toEqual(new Set([eventId]));
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    const row = await deliveryOf(t, hook.id, eventId);
    expect(row).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS, last_response_status: 503, next_attempt_at: null, delivered_at: null });
    expect(Buffer.byteLength(row.last_response_body!)).toBe(1024);
    const listed = dataOf(await listWebhooks(t, await partner.token())).webhooks.edges[0].node;
    expect(listed.deliveries.edges.map((e: any) => e.node)).toEqual([
      { eventId, eventType: 'SUBSCRIPTION_UPDATED', status: 'FAILED', attempts: MAX_ATTEMPTS, lastResponseStatus: 503, nextAttemptAt: null },
    ]);
  });

  it('AUD-2: a receiver that is down for a while gets every event once it is back; nothing is lost, nothing doubled', async () => {
    await receiver.down();
    const events = [await emitEvent(t, partner.id), await emitEvent(t, partner.id), await emitEvent(t, partner.id)];
    expect((await processDueWork(t)).webhooksDelivered).toBe(0);
    await advance(t, 2 * MINUTE);
    expect((await processDueWork(t)).webhooksDelivered).toBe(0);
    for (const id of events) expect(await deliveryOf(t, hook.id, id)).toMatchObject({ status: 'PENDING', attempts: 2, last_response_status: null });
    expect((await deliveryOf(t, hook.id, events[0])).last_response_body).toMatch(/fetch failed|ECONNREFUSED/);

    await receiver.up();
    await advance(t, 6 * MINUTE);
    expect((await processDueWork(t)).webhooksDelivered).toBe(3);
    expect(receiver.ids().sort()).toEqual([...events].sort());
    await advance(t, 24 * 3600_000);
    expect((await processDueWork(t)).webhooksDelivered).toBe(0);
    expect(receiver.received).toHaveLength(3);
  });

  it('AUD-2: a receiver that never answers is cut off at the timeout (WEBHOOK_TIMEOUT_MS) and retried later', async () => {
    process.env.WEBHOOK_TIMEOUT_MS = '300';
    try {
      receiver.hang = true;
      const eventId = await emitEvent(t, partner.id);
      const started = Date.now();
      expect((await processDueWork(t)).webhooksDelivered).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await deliveryOf(t, hook.id, eventId)).toMatchObject({ status: 'PENDING', attempts: 1, last_response_status: null, last_response_body: 'timed out after 300 ms' });
    } finally {
      delete process.env.WEBHOOK_TIMEOUT_MS;
    }
  });

  it('AUD-2: a deleted webhook receives nothing more; its pending deliveries end as FAILED', async () => {
    receiver.status = 500;
    const eventId = await emitEvent(t, partner.id);
    await processDueWork(t);
    const deleted = dataOf(await t.gql(await partner.token(), DELETE_WEBHOOK, { input: { webhookId: hook.id } }));
    expect(deleted.deleteWebhook).toEqual({ deleted: true, errors: [] });
    await emitEvent(t, partner.id);
    await advance(t, 10 * MINUTE);
    await processDueWork(t);
    expect(receiver.ids()).toEqual([eventId]);
    expect(await deliveryOf(t, hook.id, eventId)).toMatchObject({ status: 'FAILED', attempts: 1 });
  });
});
