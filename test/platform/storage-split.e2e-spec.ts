import { Client } from 'pg';
import { startJobRunner } from '../../shared/jobs/runner';
import { until } from '../support/processes';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf } from '../support/stack';
import { useSplitStack } from '../support/split-stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { processDueWork, setClock } from '../subscriptions/support';
import { agreement, agreementNumber, auditOf, relate, schedule, scheduleById, transferMutation, transfers } from '../transfers/support';
import { startReceiver, type Receiver } from './receiver';
import { createWebhook } from './support';

const E3 = 'Microsoft_365_E3_(no_Teams)';
const DAY = 24 * 60 * 60 * 1000;
const SUBSCRIPTION = `query($id: ID!) { subscription(id: $id) { id status quantity termStart termEnd offer { id } } }`;

/**
 * The storage split: customers and catalog on one database, subscriptions and transfers on
 * another (two databases of the test server, wal_level=logical), the event streams and the
 * business clock replicated between them by PostgreSQL logical replication. The same flows as
 * on one database pass end to end through the gateway.
 */
describe('each subgraph on its own database: events by logical replication', () => {
  const t = useSplitStack([
    ['customers', 'catalog'],
    ['subscriptions', 'transfers'],
  ]);
  let receiver: Receiver;
  let partner: TestPartner;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver?.down());

  const received = (type: string, resourceId: string) => receiver.received.filter((r) => JSON.parse(r.body).type === type && JSON.parse(r.body).data.resourceId === resourceId);
  const schemasOf = async (index: number) =>
    (await t.dbs[index].query(`select nspname from pg_namespace where nspname in ('customers', 'catalog', 'subscriptions', 'transfers') order by nspname`)).rows.map((row) => row.nspname);

  it('each database holds only the tables of its own subgraphs; the business clock set through customers is the time of subscriptions', async () => {
    expect(await schemasOf(0)).toEqual(['catalog', 'customers']);
    expect(await schemasOf(1)).toEqual(['subscriptions', 'transfers']);
    // Each database keeps the positions of its own subgraphs' consumers only.
    const consumersOf = async (index: number) => [...new Set((await t.dbs[index].query(`select consumer from platform.consumer_position`)).rows.map((row) => row.consumer.split('.')[0]))].sort();
    expect(await consumersOf(0)).toEqual(['webhooks']);
    expect(await consumersOf(1)).toEqual(['subscriptions', 'transfers']);
    await setClock(t, '2040-01-10T10:00:00Z');
    for (const db of t.dbs) {
      const { rows } = await db.query(`select (clock_timestamp() + offset_ms * interval '1 millisecond') as now from platform.business_clock where id = 1`);
      expect(Math.abs(rows[0].now.getTime() - Date.parse('2040-01-10T10:00:00Z'))).toBeLessThan(60_000);
    }
    partner = await onboardPartner(t);
  });

  it('ORD-1/AUD-2: a checkout in the subscriptions database is delivered to the webhook kept in the customers database; AUD-1 audit records of both databases are listed together', async () => {
    await createWebhook(t, partner, receiver.url);
    const customerId = (await createCustomer(t, partner)).id;
    const { payload } = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 4, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
    expect(payload.errors).toEqual([]);
    const subscriptionId = payload.order.lines[0].subscription.id;
    // The term starts at the business clock, read from the replicated clock.
    expect(Date.parse(payload.order.lines[0].subscription.termStart)).toBeGreaterThanOrEqual(Date.parse('2040-01-10T00:00:00Z'));
    expect((await processDueWork(t)).webhooksDelivered).toBeGreaterThanOrEqual(1);
    expect(received('subscription.created', subscriptionId)).toHaveLength(1);
    // The event was written once in the subscriptions database, and copied once to the customers database.
    for (const db of t.dbs) expect((await db.query(`select source from platform.outbox_event where type = 'SUBSCRIPTION_CREATED' and resource_id = $1`, [subscriptionId])).rows).toEqual([{ source: 'subscriptions' }]);

    const audit = await auditOf(t, await partner.token(), '2040-01-10T00:00:00Z', '2040-01-11T00:00:00Z');
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ operation: 'createCustomer', resourceId: customerId }),
        expect.objectContaining({ operation: 'createSubscription', resourceType: 'Subscription', resourceId: subscriptionId }),
        expect.objectContaining({ operation: 'checkoutCart', resourceType: 'Order', resourceId: payload.order.id }),
      ]),
    );
    const counted = dataOf(await t.gql(await partner.token(), `query($from: DateTime) { auditRecords(from: $from, first: 1) { totalCount edges { cursor } } }`, { from: '2040-01-10T00:00:00Z' })).auditRecords;
    expect(counted.totalCount).toBe(audit.length);
  });

  it('EA-7/EA-8: a due EA renewal is handed over and provisioned across the databases, and its EA_MIGRATION reaches the webhook', async () => {
    const customerId = (await createCustomer(t, partner)).id;
    const ea = await agreement(t, { customerId, number: agreementNumber(), endDate: '2040-03-31', subscriptions: [{ offerProvisioningId: E3, quantity: 20, endDate: '2040-03-31' }] });
    const made = await schedule(t, await partner.token(), { eaSubscriptionId: ea.sub[E3], quantity: 25 });
    expect(made.errors).toEqual([]);
    await setClock(t, '2040-04-01T13:00:00Z');
    const report = await processDueWork(t);
    expect(report.eaRenewed).toBe(1);
    const done = await scheduleById(t, await partner.token(), made.schedule.id);
    expect(done).toMatchObject({ status: 'COMPLETED', subscription: { id: expect.any(String) } });
    expect(dataOf(await t.gql(await partner.token(), SUBSCRIPTION, { id: done.subscription.id })).subscription).toMatchObject({ status: 'ACTIVE', quantity: 25, termStart: '2040-04-01T00:00:00.000Z' });
    expect(receiver.received.filter((r) => JSON.parse(r.body).type === 'ea.migration' && JSON.parse(r.body).data.scheduleId === made.schedule.id)).toHaveLength(1);
  });

  it('XFR-2: a partner-to-partner transfer moves the subscription (relationship facts copied from customers, the move answered to transfers) and transfer.completed reaches the webhook', async () => {
    await setClock(t, '2040-05-01T10:00:00Z');
    const target = await onboardPartner(t);
    const customerId = (await createCustomer(t, partner)).id;
    // REL-2: the relationship is accepted in the customers database; subscriptions learns it from the replicated RELATIONSHIP_ACCEPTED.
    await relate(t, target, customerId);
    await processDueWork(t);
    const bought = (await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 6, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }])).payload.order.lines[0].subscription.id;
    const created = await transferMutation(t, await target.token(), 'createTransferRequest', { customerId, sourcePartnerId: partner.partnerId, customerEmail: 'it@customer.example' });
    expect(created.errors).toEqual([]);
    const accepted = await transferMutation(t, await partner.token(), 'acceptTransferRequest', { transferId: created.transfer.id, subscriptionIds: [bought] });
    expect(accepted.errors).toEqual([]);
    await processDueWork(t);
    const [completed] = (await transfers(t, await target.token())).filter((x) => x.id === created.transfer.id);
    expect(completed).toMatchObject({ status: 'COMPLETED' });
    const targetSubscription = completed.items[0].targetSubscriptionId;
    expect(dataOf(await t.gql(await target.token(), SUBSCRIPTION, { id: targetSubscription })).subscription).toMatchObject({ status: 'ACTIVE', quantity: 6 });
    expect(dataOf(await t.gql(await partner.token(), SUBSCRIPTION, { id: bought })).subscription).toMatchObject({ status: 'CANCELLED' });
    expect(received('transfer.completed', created.transfer.id)).toHaveLength(1);
    expect(received('transfer.requested', created.transfer.id)).toHaveLength(1);
  });

  it('AUD-2: events replicated into a database wake its consumers (a notification from the replica trigger), and its copy of a stream is pruned there by the same retention rules', async () => {
    const listener = new Client({ connectionString: t.urls.customers });
    await listener.connect();
    const notified: string[] = [];
    listener.on('notification', (message) => notified.push(message.channel));
    await listener.query('listen csp_outbox_replicated');
    try {
      const customerId = (await createCustomer(t, partner)).id;
      expect(notified).toEqual([]);
      const { payload } = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 2 }]);
      const subscriptionId = payload.order.lines[0].subscription.id;
      await until('the replicated event to wake the customers database', () => (notified.length ? true : undefined), 10_000);
      expect((await processDueWork(t)).webhooksDelivered).toBeGreaterThanOrEqual(1);
      const copies = async () => Promise.all(t.dbs.map(async (db) => (await db.query(`select count(*)::int as n from platform.outbox_event where type = 'SUBSCRIPTION_CREATED' and resource_id = $1`, [subscriptionId])).rows[0].n));
      expect(await copies()).toEqual([1, 1]);
      await setClock(t, new Date(Date.parse('2040-05-01T10:00:00Z') + 32 * DAY).toISOString());
      await processDueWork(t);
      expect(await copies()).toEqual([0, 0]);
    } finally {
      await listener.end();
    }
  });

  it('AUD-2: with the job workers on (no processDueWork, no schedule), a checkout in the subscriptions database reaches the webhook: the replicated event wakes the customers workers', async () => {
    const customers = t.stack.subgraphs.customers;
    const runner = await startJobRunner(customers.runtime, t.urls.customers, customers.queues, { replicated: true, schedule: false, pollingIntervalSeconds: 1 });
    try {
      const customerId = (await createCustomer(t, partner)).id;
      const { payload } = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 3 }]);
      const subscriptionId = payload.order.lines[0].subscription.id;
      await until('subscription.created at the webhook', () => (received('subscription.created', subscriptionId).length ? true : undefined), 20_000);
      expect(received('subscription.created', subscriptionId)).toHaveLength(1);
    } finally {
      await runner.stop(2000);
    }
  });

  it('the operator sees, through the customers subgraph, due work failing in the subscriptions database (dueWorkFailures reads every database through the graph)', async () => {
    const customerId = (await createCustomer(t, partner)).id;
    const { payload } = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 1, termDuration: 'P1M', billingFrequency: 'MONTHLY' }]);
    const failing = payload.order.lines[0].subscription.id;
    // A fault injected into the subscriptions database: renewing this subscription fails.
    await t.dbs[1].query(`create function subscriptions.refuse_one() returns trigger language plpgsql as $$
      begin raise exception 'injected failure for %', new.id; end $$`);
    await t.dbs[1].query(`create trigger refuse_one before update on subscriptions.subscription for each row when (old.id = '${failing}' and new.version <> old.version) execute function subscriptions.refuse_one()`);
    await setClock(t, new Date(Date.parse(payload.order.lines[0].subscription.termEnd) + DAY).toISOString());
    await processDueWork(t);
    const failures = dataOf(await t.gql(await t.operatorToken(), '{ dueWorkFailures(first: 10) { totalCount edges { node { queue itemId attempts lastError lastFailedAt } } } }')).dueWorkFailures;
    expect(failures.totalCount).toBe(1);
    expect(failures.edges[0].node).toMatchObject({ queue: 'subscriptions.due-work', itemId: failing, attempts: 1, lastError: expect.stringContaining(`injected failure for ${failing}`) });
    expect(Date.parse(failures.edges[0].node.lastFailedAt)).toBeGreaterThan(Date.parse(payload.order.lines[0].subscription.termEnd));
    await t.dbs[1].query('drop trigger refuse_one on subscriptions.subscription');
  });
});
