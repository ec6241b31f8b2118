import { consumePending, type EventConsumer } from '../../shared/events/consumers';
import { buy } from '../subscriptions/checkout.fixtures';
import { processDueWork, setClock } from '../subscriptions/support';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { startReceiver, type Receiver } from './receiver';
import { advance, createWebhook, listWebhooks } from './support';

const DAY = 24 * 60 * 60 * 1000;
const E3 = 'offer-m365-e3-no-teams';

/**
 * AUD-2 retention: an event is removed once every consumer has passed it, no consumer owes it,
 * no webhook delivery still has to send it, and it is older than OUTBOX_RETENTION_DAYS (30 by
 * default) on the business clock. Audit records (AUD-1) are another table and stay.
 */
describe('AUD-2 outbox retention', () => {
  const t = useStack();
  const receivers: Receiver[] = [];

  beforeAll(() => setClock(t, '2041-01-01T00:00:00Z'));
  afterAll(async () => {
    for (const receiver of receivers) await receiver.down();
  });

  async function receiver(status = 200): Promise<Receiver> {
    const started = await startReceiver();
    started.status = status;
    receivers.push(started);
    return started;
  }

  /** A partner's purchase through the API: one SUBSCRIPTION_CREATED in the subscriptions stream. */
  async function purchase(partner: TestPartner): Promise<string> {
    const customerId = (await createCustomer(t, partner)).id;
    const { payload } = await buy(t, partner, customerId, [{ offerId: E3, quantity: 1 }]);
    if (payload.errors.length) throw new Error(JSON.stringify(payload.errors));
    const subscriptionId = payload.order.lines[0].subscription.id;
    return (await t.db.query(`select id from platform.outbox_event where resource_id = $1 and type = 'SUBSCRIPTION_CREATED'`, [subscriptionId])).rows[0].id;
  }

  const kept = async (ids: string[]) => (await t.db.query(`select id from platform.outbox_event where id = any($1) order by id`, [ids])).rows.map((row) => row.id);
  const audits = async (tenantId: string): Promise<string[]> => (await t.db.query(`select id from platform.audit_record where tenant_id = $1 order by id`, [tenantId])).rows.map((row) => row.id);

  it('AUD-2: an applied and delivered event stays 30 days on the business clock, then goes; audit records and the delivery history stay', async () => {
    const partner = await onboardPartner(t);
    await createWebhook(t, partner, (await receiver()).url, ['SUBSCRIPTION_CREATED']);
    const eventId = await purchase(partner);
    expect((await processDueWork(t)).webhooksDelivered).toBe(1);
    const auditRows = await audits(partner.id);

    await advance(t, 29 * DAY);
    await processDueWork(t);
    expect(await kept([eventId])).toEqual([eventId]);

    await advance(t, 2 * DAY);
    await processDueWork(t);
    expect(await kept([eventId])).toEqual([]);
    expect(auditRows.length).toBeGreaterThan(0);
    // Every audit record stays (the closing of the purchase month's invoice has since added its own, BIL-3).
    expect(await audits(partner.id)).toEqual(expect.arrayContaining(auditRows));
    const deliveries = (await listWebhooks(t, await partner.token())).data!.webhooks.edges[0].node.deliveries.edges.map((e: any) => e.node);
    expect(deliveries).toEqual([expect.objectContaining({ eventId, eventType: 'SUBSCRIPTION_CREATED', status: 'DELIVERED' })]);
  });

  it('AUD-2: OUTBOX_RETENTION_DAYS sets the period', async () => {
    const previous = process.env.OUTBOX_RETENTION_DAYS;
    process.env.OUTBOX_RETENTION_DAYS = '7';
    try {
      const eventId = await purchase(await onboardPartner(t));
      await processDueWork(t);
      await advance(t, 6 * DAY);
      await processDueWork(t);
      expect(await kept([eventId])).toEqual([eventId]);
      await advance(t, 2 * DAY);
      await processDueWork(t);
      expect(await kept([eventId])).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.OUTBOX_RETENTION_DAYS;
      else process.env.OUTBOX_RETENTION_DAYS = previous;
    }
  });

  it('AUD-2: an event a webhook delivery still has to send, that a consumer owes after a failure, or that a registered consumer has not read yet is kept past the period', async () => {
    const waiting = await onboardPartner(t);
    await createWebhook(t, waiting, (await receiver(500)).url, ['SUBSCRIPTION_CREATED']);
    const pendingDelivery = await purchase(waiting);
    const owed = await purchase(await onboardPartner(t));
    const done = await purchase(await onboardPartner(t));
    // A consumer of its own (not run by processDueWork): it fails on one event, moves past it and owes it.
    const refusing: EventConsumer = {
      name: 'test.refusing',
      types: ['SUBSCRIPTION_CREATED'],
      handle: async (_tx, event) => {
        if (event.id === owed) throw new Error('refused');
      },
    };
    await consumePending(t.stack.subgraphs.subscriptions.runtime, refusing);
    expect((await t.db.query(`select event_id from platform.consumer_retry where consumer = 'test.refusing'`)).rows).toEqual([{ event_id: owed }]);
    // Recorded after that consumer's last run: it has not read it.
    const unread = await purchase(await onboardPartner(t));
    await processDueWork(t);

    await advance(t, 31 * DAY);
    await processDueWork(t);
    expect(await kept([pendingDelivery, owed, done, unread])).toEqual([pendingDelivery, owed, unread].sort());
  });
});
