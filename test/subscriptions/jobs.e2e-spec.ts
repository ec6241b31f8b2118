import { jobsEnabled, startJobRunner, type JobRunner } from '../../shared/jobs/runner';
import { queuesOf } from '../../shared/subgraph';
import { DUE_WORK_QUEUE } from '../../subgraphs/subscriptions/jobs/due-work.jobs';
import { subscriptionsSubgraph } from '../../subgraphs/subscriptions';
import { DUE_BATCH, runDueWork } from '../../subgraphs/subscriptions/lifecycle/renewal.service';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { Workers } from '../support/workers';
import { buy } from './checkout.fixtures';
import { clockAt, setClock, subscribeAt } from './support';

/**
 * Background renewals on pg-boss with several workers against one database: each due
 * subscription is processed exactly once (SUB-7), whichever worker gets to it.
 */
describe('due-work jobs (pg-boss)', () => {
  const t = useStack();
  let partner: TestPartner;
  let customerId: string;
  const workers = new Workers(t);

  beforeAll(async () => {
    partner = await onboardPartner(t);
    customerId = (await createCustomer(t, partner)).id;
  });

  afterAll(async () => {
    await workers.close();
  });

  /** A worker process's runtime: its own ORM, the stack's subgraphs as peers. */
  const worker = () => workers.runtime(subscriptionsSubgraph);

  /** `count` monthly subscriptions bought at `at`, in orders of at most 50 lines (a cart's limit). */
  async function dueSubscriptions(count: number, at: string): Promise<string[]> {
    await clockAt(t, at);
    const ids: string[] = [];
    for (let first = 0; first < count; first += 50) {
      const lines = Array.from({ length: Math.min(50, count - first) }, (_, i) => ({ offerId: 'offer-m365-e3-no-teams', quantity: 1 + first + i, termDuration: 'P1M' }));
      const { payload } = await buy(t, partner, customerId, lines);
      if (payload.errors.length) throw new Error(JSON.stringify(payload.errors));
      ids.push(...payload.order.lines.map((line: any) => line.subscription.id));
    }
    return ids;
  }

  async function renewalsOf(ids: string[]): Promise<Map<string, number>> {
    const rows = await t.db.query(
      `select subscription_id, count(*)::int as n from subscriptions.ledger_entry where subscription_id = any($1) and kind = 'CHARGE' group by subscription_id`,
      [ids],
    );
    return new Map(rows.rows.map((r) => [r.subscription_id, r.n - 1]));
  }

  it('SUB-7: two units of work racing over the same due subscriptions renew each exactly once', async () => {
    const ids = await dueSubscriptions(12, '2035-01-01T00:00:00.000Z');
    await setClock(t, '2035-02-01T01:00:00Z');
    const [a, b] = [await worker(), await worker()];
    const [first, second] = await Promise.all([runDueWork(a), runDueWork(b)]);
    expect(first.renewed + second.renewed).toBe(12);
    const renewals = await renewalsOf(ids);
    expect(ids.map((id) => renewals.get(id))).toEqual(ids.map(() => 1));
    const terms = await t.db.query(`select distinct term_start from subscriptions.subscription where id = any($1)`, [ids]);
    expect(terms.rows.map((r) => r.term_start.toISOString())).toEqual(['2035-02-01T00:00:00.000Z']);
  });

  it('SUB-7: two pg-boss workers (two instances, one database) renew every due subscription exactly once', async () => {
    const ids = await dueSubscriptions(10, '2036-01-01T00:00:00.000Z');
    await setClock(t, '2036-02-01T00:30:00Z');
    const done: number[] = [];
    const workers: JobRunner[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const runtime = await worker();
        workers.push(
          await startJobRunner(runtime, t.databaseUrl, queuesOf(subscriptionsSubgraph), {
            schedule: false,
            pollingIntervalSeconds: 0.5,
            onDone: (queue, c) => queue === DUE_WORK_QUEUE && done.push(c.renewed),
          }),
        );
      }
      // Scans queued while others run: both instances pick them up and run them concurrently.
      // (The queue keeps at most one scan waiting, so some sends may be folded into one.)
      const sent = (await Promise.all([workers[0].trigger(DUE_WORK_QUEUE), workers[1].trigger(DUE_WORK_QUEUE)])).filter(Boolean).length;
      // A scan that finds work queues another (a second worker joins it): wait for the renewals, not for a number of scans.
      const total = () => done.reduce((sum, n) => sum + n, 0);
      for (let attempt = 0; attempt < 240 && (done.length < sent || total() < 10 + 12 * 12); attempt++) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(done.length).toBeGreaterThanOrEqual(1);
      // (The subscriptions of the previous test, monthly, are renewed up to this clock as well.)
      expect(done.reduce((sum, n) => sum + n, 0)).toBe(10 + 12 * 12);
      const renewals = await renewalsOf(ids);
      expect(ids.map((id) => renewals.get(id))).toEqual(ids.map(() => 1));
      const audits = await t.db.query(`select count(*)::int as n from platform.audit_record where resource_id = any($1) and operation = 'renewSubscription'`, [ids]);
      expect(audits.rows[0].n).toBe(10);
    } finally {
      for (const worker of workers) await worker.stop();
    }
  });

  it('a failing unit rolls back alone and does not hold up the other due subscriptions', async () => {
    const trial = await subscribeAt(t, { partnerId: partner.id, customerId, at: '2037-01-01T00:00:00.000Z', offerId: 'offer-m365-business-premium-trial', quantity: 25, termDuration: 'P1M' });
    const [normal] = await dueSubscriptions(1, '2037-01-01T00:00:00.000Z');
    await setClock(t, '2037-02-01T00:10:00Z');
    const runtime = await worker();
    const failing = await runDueWork(runtime, { facts: { convertTrials: async () => { throw new Error('catalog unavailable'); } } });
    expect(failing.failed).toBe(1);
    expect((await renewalsOf([normal])).get(normal)).toBe(1);
    // Still the trial bought on 2037-01-01, not converted.
    const kept = (await t.db.query('select is_trial, term_start from subscriptions.subscription where id = $1', [trial])).rows[0];
    expect({ ...kept, term_start: kept.term_start.toISOString().slice(0, 10) }).toEqual({ is_trial: true, term_start: '2037-01-01' });
    const retried = await runDueWork(runtime, { facts: { convertTrials: async (trials) => new Map(trials.map((t) => [t.id, { offerId: 'offer-m365-business-premium', unitPrice: '20.0000', currency: 'EUR' }])) } });
    expect(retried).toMatchObject({ converted: 1, failed: 0 });
  });

  it('the job runner installs an every-minute schedule of the due queue in the pgboss schema', async () => {
    const runner = await startJobRunner(await worker(), t.databaseUrl, queuesOf(subscriptionsSubgraph));
    try {
      const schedules = await t.db.query(`select name, cron from pgboss.schedule where name = $1`, [DUE_WORK_QUEUE]);
      expect(schedules.rows).toEqual([{ name: DUE_WORK_QUEUE, cron: '* * * * *' }]);
    } finally {
      await runner.stop();
    }
  });

  it('JOBS_ENABLED=false (and the test default) starts no workers', async () => {
    const previous = process.env.JOBS_ENABLED;
    process.env.JOBS_ENABLED = 'false';
    try {
      expect(jobsEnabled()).toBe(false);
      delete process.env.JOBS_ENABLED;
      expect(jobsEnabled()).toBe(process.env.NODE_ENV !== 'test');
    } finally {
      if (previous !== undefined) process.env.JOBS_ENABLED = previous;
    }
  });

  it('SUB-7: at month-end one scan brings in the other worker: both renew, each subscription exactly once', async () => {
    // Two batches (DUE_BATCH): the second worker joins while the first is still at work.
    const ids = await dueSubscriptions(2 * DUE_BATCH, '2038-01-01T00:00:00.000Z');
    await setClock(t, '2038-02-01T00:30:00Z');
    const renewedBy = [0, 0];
    const workers: JobRunner[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        workers.push(
          await startJobRunner(await worker(), t.databaseUrl, queuesOf(subscriptionsSubgraph), {
            schedule: false,
            pollingIntervalSeconds: 0.5,
            onDone: (queue, c) => {
              if (queue === DUE_WORK_QUEUE) renewedBy[i] += c.renewed;
            },
          }),
        );
      }
      // One scan only, as the every-minute schedule queues it.
      expect(await workers[0].trigger(DUE_WORK_QUEUE)).toBeTruthy();
      const finished = async () => [...(await renewalsOf(ids)).values()].filter((n) => n === 1).length === ids.length;
      for (let attempt = 0; attempt < 480 && !(await finished()); attempt++) await new Promise((resolve) => setTimeout(resolve, 250));
      // Let the scans still running end before reading what each worker did (a loaded machine may take a while).
      await Promise.all(workers.map((runner) => runner.stop(60_000)));
      workers.length = 0;
      const renewals = await renewalsOf(ids);
      expect(ids.map((id) => renewals.get(id))).toEqual(ids.map(() => 1));
      expect(renewedBy[0] > 0 && renewedBy[1] > 0).toBe(true);
      const audits = await t.db.query(`select count(*)::int as n, count(distinct resource_id)::int as d from platform.audit_record where resource_id = any($1) and operation = 'renewSubscription'`, [ids]);
      expect(audits.rows[0]).toEqual({ n: ids.length, d: ids.length });
    } finally {
      for (const runner of workers) await runner.stop();
    }
    // Two batches bought through checkout take longer to set up than the default 60 s allow on a loaded machine.
  }, 180_000);
});
