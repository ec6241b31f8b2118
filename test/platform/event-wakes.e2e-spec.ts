import { recordEvent } from '../../shared/context';
import type { EventType } from '../../shared/events/event-types';
import { newId } from '../../shared/ids';
import { startJobRunner, type JobRunner } from '../../shared/jobs/runner';
import { SYSTEM_IDENTITY } from '../../shared/jobs/system';
import { queuesOf } from '../../shared/subgraph';
import { runUnit } from '../../shared/unit-of-work';
import { subscriptionsSubgraph } from '../../subgraphs/subscriptions';
import { subscriptionChange } from '../support/events';
import { useStack } from '../support/stack';
import { Workers } from '../support/workers';

/**
 * AUD-2: a unit that commits events wakes the event queues of the subgraphs that consume them
 * (the event map's consumers), through pg-boss, at once: a subscription change wakes the webhook
 * fan-out only, a transfer's answer the transfers subgraph's consumers.
 */
describe('AUD-2 wakes after a commit', () => {
  const t = useStack();
  const workers = new Workers(t);
  let runner: JobRunner;

  beforeAll(async () => {
    // No schedule: every job below comes from a wake.
    runner = await startJobRunner(await workers.runtime(subscriptionsSubgraph), t.databaseUrl, queuesOf(subscriptionsSubgraph), { schedule: false, wakeIntervalMs: 0 });
  });
  afterAll(async () => {
    await runner?.stop();
    await workers.close();
  });

  /** Records one event of `type` in a unit of the subscriptions subgraph (this process). */
  async function commit(type: EventType): Promise<void> {
    const ctx = t.stack.subgraphs.subscriptions.runtime.contextFor(SYSTEM_IDENTITY);
    ctx.operation = 'test';
    await runUnit(ctx, async (tx) => {
      recordEvent(tx, { type, tenantId: newId('ptn'), resourceType: 'Subscription', resourceId: newId('sub'), data: subscriptionChange() } as never);
    });
  }

  /** The event queues that received a job since `since`, once the queue `expected` has one. */
  async function wokenSince(since: Date, expected: string): Promise<string[]> {
    const query = () => t.db.query<{ name: string }>(`select distinct name from pgboss.job where name like '%.events' and created_on > $1 order by name`, [since]);
    for (let i = 0; i < 200; i++) {
      const { rows } = await query();
      if (rows.some((row) => row.name === expected)) return rows.map((row) => row.name);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return (await query()).rows.map((row) => row.name);
  }

  it('AUD-2: a subscription change wakes only the webhook fan-out (customers.events)', async () => {
    const since = (await t.db.query(`select now() as now`)).rows[0].now;
    await commit('SUBSCRIPTION_UPDATED');
    expect(await wokenSince(since, 'customers.events')).toEqual(['customers.events']);
  });

  it("AUD-2: a transfer's answer wakes the transfers subgraph's consumers, not the fan-out", async () => {
    const since = (await t.db.query(`select now() as now`)).rows[0].now;
    await commit('TRANSFER_MOVED');
    expect(await wokenSince(since, 'transfers.events')).toEqual(['transfers.events']);
  });
});
