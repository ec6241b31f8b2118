import { consumePending } from '../../shared/events/consumers';
import { startJobRunner, type JobRunner } from '../../shared/jobs/runner';
import { queuesOf, type SubgraphDefinition } from '../../shared/subgraph';
import { subscriptionsSubgraph } from '../../subgraphs/subscriptions';
import { eaRenewalsConsumer } from '../../subgraphs/subscriptions/consumers/channel-transfers.consumer';
import { transfersSubgraph } from '../../subgraphs/transfers';
import { EA_RENEWALS_QUEUE } from '../../subgraphs/transfers/jobs/due-queues';
import { runEaRenewals } from '../../subgraphs/transfers/services/ea-processing.service';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { Workers } from '../support/workers';
import { processDueWork, setClock } from '../subscriptions/support';
import { agreement, agreementNumber, rows, schedule } from './support';

const SKUS = [
  'Microsoft_365_E3_(no_Teams)',
  'Microsoft_365_E5_(no_Teams)',
  'Office_365_E1_(no_Teams)',
  'Office_365_E3_(no_Teams)',
  'Office_365_E5_(no_Teams)',
  'Microsoft_365_F1',
  'Microsoft_365_F3',
  'Enterprise_Mobility_+_Security_E3',
  'Enterprise_Mobility_+_Security_E5',
  'Power_BI_Pro',
];

/**
 * EA-7/EA-8 with several job workers (processes) on one database: each due schedule is handed
 * over once and provisioned once, whichever worker gets to it.
 */
describe('EA renewal workers (EA-7, EA-8)', () => {
  const t = useStack();
  const workers = new Workers(t);
  let partner: TestPartner;

  beforeAll(async () => {
    partner = await onboardPartner(t);
  });

  afterAll(async () => {
    await workers.close();
  });

  /** A worker process's runtime: its own ORM and pool, the stack's subgraphs as peers. */
  const worker = <L>(definition: SubgraphDefinition<L>) => workers.runtime(definition);

  /** A customer with an agreement ending `endDate` and every SKU scheduled by the partner; returns the schedule ids. */
  async function dueSchedules(endDate: string): Promise<{ customerId: string; ids: string[] }> {
    const customerId = (await createCustomer(t, partner)).id;
    const ea = await agreement(t, { customerId, number: agreementNumber(), endDate, subscriptions: SKUS.map((sku) => ({ offerProvisioningId: sku, quantity: 5, endDate })) });
    const ids: string[] = [];
    for (const sku of SKUS) {
      const made = await schedule(t, await partner.token(), { eaSubscriptionId: ea.sub[sku], quantity: 5 });
      if (!made.schedule) throw new Error(JSON.stringify(made.errors));
      ids.push(made.schedule.id);
    }
    return { customerId, ids };
  }

  const perSchedule = async (sql: string, ids: string[]) => new Map((await rows(t, sql, [ids])).map((r) => [r.id, r.n]));

  it('EA-7/EA-8: two workers racing over the same due schedules hand each over once and provision each once', async () => {
    await setClock(t, '2040-01-10T10:00:00Z');
    const { customerId, ids } = await dueSchedules('2040-03-31');
    await setClock(t, '2040-04-01T12:00:00Z');

    const [a, b] = [await worker(transfersSubgraph), await worker(transfersSubgraph)];
    await Promise.all([runEaRenewals(a), runEaRenewals(b)]);
    const commands = await perSchedule(`select resource_id as id, count(*)::int as n from platform.outbox_event where type = 'EA_RENEWAL_REQUESTED' and resource_id = any($1) group by resource_id`, ids);
    expect(ids.map((id) => commands.get(id))).toEqual(ids.map(() => 1));
    expect((await rows(t, 'select distinct status from transfers.ea_renewal_schedule where id = any($1)', [ids])).map((r) => r.status)).toEqual(['PROCESSING']);

    const [c, d] = [await worker(subscriptionsSubgraph), await worker(subscriptionsSubgraph)];
    const applied = await Promise.all([consumePending(c, eaRenewalsConsumer), consumePending(d, eaRenewalsConsumer)]);
    expect(applied[0] + applied[1]).toBe(ids.length);
    const provisioned = await perSchedule('select schedule_id as id, count(*)::int as n from subscriptions.ea_renewal where schedule_id = any($1) group by schedule_id', ids);
    expect(ids.map((id) => provisioned.get(id))).toEqual(ids.map(() => 1));
    expect((await rows(t, 'select count(*)::int as n from subscriptions.subscription where customer_id = $1', [customerId]))[0].n).toBe(ids.length);

    expect((await processDueWork(t)).eaRenewed).toBe(ids.length);
    expect((await rows(t, 'select distinct status from transfers.ea_renewal_schedule where id = any($1)', [ids])).map((r) => r.status)).toEqual(['COMPLETED']);
  });

  it('EA-7: two pg-boss workers per subgraph (one database) process every due schedule exactly once on the business clock', async () => {
    await setClock(t, '2041-01-10T10:00:00Z');
    const { customerId, ids } = await dueSchedules('2041-03-31');
    await setClock(t, '2041-04-01T12:00:00Z');
    const runners: JobRunner[] = [];
    try {
      for (const definition of [transfersSubgraph, subscriptionsSubgraph, transfersSubgraph, subscriptionsSubgraph] as SubgraphDefinition<unknown>[]) {
        runners.push(await startJobRunner(await worker(definition), t.databaseUrl, queuesOf(definition), { schedule: false, pollingIntervalSeconds: 0.5 }));
      }
      await Promise.all([runners[0].trigger(EA_RENEWALS_QUEUE), runners[2].trigger(EA_RENEWALS_QUEUE)]);
      const settled = async () => (await rows(t, `select count(*)::int as n from transfers.ea_renewal_schedule where id = any($1) and status = 'COMPLETED'`, [ids]))[0].n;
      for (let attempt = 0; attempt < 120 && (await settled()) < ids.length; attempt++) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await settled()).toBe(ids.length);
    } finally {
      for (const runner of runners) await runner.stop();
    }
    const commands = await perSchedule(`select resource_id as id, count(*)::int as n from platform.outbox_event where type = 'EA_RENEWAL_REQUESTED' and resource_id = any($1) group by resource_id`, ids);
    expect(ids.map((id) => commands.get(id))).toEqual(ids.map(() => 1));
    expect((await rows(t, 'select count(*)::int as n from subscriptions.subscription where customer_id = $1', [customerId]))[0].n).toBe(ids.length);
    expect((await rows(t, `select count(*)::int as n from platform.outbox_event where type = 'EA_MIGRATION' and data->>'customerId' = $1`, [customerId]))[0].n).toBe(ids.length);
  });
});
