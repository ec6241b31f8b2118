import { consumePending } from '../../shared/events/consumers';
import { customersSubgraph } from '../../subgraphs/customers';
import { webhookDeliveries } from '../../subgraphs/customers/webhooks/delivery.queue';
import { webhookFanOut } from '../../subgraphs/customers/webhooks/fan-out.consumer';
import { setClock } from '../subscriptions/support';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { Workers } from '../support/workers';
import { startReceiver, type Receiver } from './receiver';
import { createWebhook, emitEvent } from './support';

/**
 * AUD-2 with several job workers (processes) on one database: fan-out and delivery are each
 * applied exactly once per event and webhook, whichever worker gets there first; sending
 * happens with no transaction or lock held.
 */
describe('AUD-2 webhook workers', () => {
  const t = useStack();
  const workers = new Workers(t);
  const receivers: Receiver[] = [];

  beforeAll(() => setClock(t, '2034-02-01T00:00:00Z'));
  afterAll(async () => {
    for (const receiver of receivers) await receiver.down();
    await workers.close();
  });

  /** A worker process's runtime: its own ORM and pool, the stack's subgraphs as peers. */
  const worker = () => workers.runtime(customersSubgraph, 6);

  async function receiver(): Promise<Receiver> {
    const started = await startReceiver();
    receivers.push(started);
    return started;
  }

  it('AUD-2: two workers on one database fan out and deliver each event exactly once to a receiver that is up', async () => {
    const partner = await onboardPartner(t);
    const up = await receiver();
    up.delayMs = 20;
    const hook = await createWebhook(t, partner, up.url, ['SUBSCRIPTION_UPDATED']);
    const events: string[] = [];
    for (let i = 0; i < 100; i++) events.push(await emitEvent(t, partner.id, 'SUBSCRIPTION_UPDATED', { quantity: i + 1 }));
    const [a, b] = [await worker(), await worker()];

    const applied = await Promise.all([consumePending(a, webhookFanOut), consumePending(b, webhookFanOut)]);
    expect(applied[0] + applied[1]).toBe(100);
    const runs = await Promise.all([webhookDeliveries.run(a), webhookDeliveries.run(b)]);
    expect(runs.map((r) => r.webhooksDelivered! > 0)).toEqual([true, true]);
    expect(runs[0].webhooksDelivered! + runs[1].webhooksDelivered!).toBe(100);

    expect(up.received).toHaveLength(100);
    expect(up.ids().sort()).toEqual([...events].sort());
    const rows = await t.db.query(`select status, attempts, count(*)::int as n from platform.webhook_delivery where webhook_id = $1 group by status, attempts`, [hook.id]);
    expect(rows.rows).toEqual([{ status: 'DELIVERED', attempts: 1, n: 100 }]);
    expect((await Promise.all([webhookDeliveries.run(a), webhookDeliveries.run(b)])).map((r) => r.webhooksDelivered)).toEqual([0, 0]);
  });

  it('AUD-2: a receiver that never answers slows no mutation: the claim commits before sending, no lock is held meanwhile', async () => {
    process.env.WEBHOOK_TIMEOUT_MS = '1500';
    try {
      const partner = await onboardPartner(t);
      const dead = await receiver();
      dead.hang = true;
      const hook = await createWebhook(t, partner, dead.url, ['SUBSCRIPTION_UPDATED']);
      for (let i = 0; i < 3; i++) await emitEvent(t, partner.id);
      const a = await worker();
      await consumePending(a, webhookFanOut);
      const sending = webhookDeliveries.run(a);
      for (let i = 0; i < 40 && dead.received.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(dead.received).toHaveLength(3);

      const locked = await t.db.query(`select id from platform.webhook_delivery where webhook_id = $1 for update nowait`, [hook.id]);
      expect(locked.rows).toHaveLength(3);
      const started = Date.now();
      await createCustomer(t, partner);
      expect(Date.now() - started).toBeLessThan(1000);
      expect((await sending).webhooksDelivered).toBe(0);
    } finally {
      delete process.env.WEBHOOK_TIMEOUT_MS;
    }
  });
});
