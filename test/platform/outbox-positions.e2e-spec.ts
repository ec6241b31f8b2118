import { recordEvent } from '../../shared/context';
import type { EntityManager } from '../../shared/db/orm';
import { CONSUMER_BATCH, consumePending, type EventConsumer } from '../../shared/events/consumers';
import { appendToOutbox } from '../../shared/events/outbox';
import { READ_AFTER_SQL } from '../../shared/events/stream';
import { newId } from '../../shared/ids';
import { SYSTEM_IDENTITY } from '../../shared/jobs/system';
import { runUnit } from '../../shared/unit-of-work';
import { appendEvents, subscriptionChange } from '../support/events';
import { useStack } from '../support/stack';

/**
 * AUD-2: consumers read each source's stream by position. Positions are taken at commit under
 * the source's head lock, so a unit that commits late never lands below a position a consumer
 * has already passed; each event is applied exactly once per consumer, whatever the order of
 * commits, the number of workers, or a failure in the middle.
 */
describe('AUD-2 outbox positions', () => {
  const t = useStack();
  const subscriptions = () => t.stack.subgraphs.subscriptions;

  /**
   * A consumer that notes what it applied (per tenant: every test has its own), caught up with
   * the stream so far. `batched`: it also applies several events in one unit (handleBatch), and
   * notes each batch; what a batch applied counts only once its unit commits.
   */
  async function probe(name: string, fail: (eventId: string) => boolean = () => false, batched = false) {
    const applied: { tenantId: string; id: string }[] = [];
    const batches: string[][] = [];
    const apply = (event: { id: string; tenantId: string }) => {
      if (fail(event.id)) throw new Error(`refused ${event.id}`);
      return { tenantId: event.tenantId, id: event.id };
    };
    const consumer: EventConsumer = {
      name,
      types: ['SUBSCRIPTION_UPDATED'],
      handle: async (_tx, event) => {
        applied.push(apply(event));
      },
      ...(batched && {
        handleBatch: async (_tx, events) => {
          const done = events.map(apply);
          batches.push(events.map((event) => event.id));
          applied.push(...done);
        },
      }),
    };
    await consumePending(subscriptions().runtime, consumer);
    return { consumer, batches, appliedFor: (tenantId: string) => applied.filter((a) => a.tenantId === tenantId).map((a) => a.id) };
  }

  /** A unit of work of the subscriptions subgraph recording one event; resolves to its event id. */
  async function recordUpdate(tenantId: string, beforeCommit: Promise<void> = Promise.resolve()): Promise<string> {
    const resourceId = newId('sub');
    const ctx = subscriptions().runtime.contextFor(SYSTEM_IDENTITY);
    ctx.operation = 'test';
    await runUnit(ctx, async (tx) => {
      recordEvent(tx, { type: 'SUBSCRIPTION_UPDATED', tenantId, resourceType: 'Subscription', resourceId, data: subscriptionChange() });
      await beforeCommit;
    });
    return (await t.db.query(`select id from platform.outbox_event where resource_id = $1`, [resourceId])).rows[0].id;
  }

  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  }

  /** True once a statement of this database waits for a lock on the stream's head. */
  async function waitsOnHead(): Promise<boolean> {
    const { rows } = await t.db.query(
      `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%outbox_head%'`,
    );
    return rows.length > 0;
  }

  it('AUD-2: a transaction that took its position first and commits last is still delivered, exactly once, in position order', async () => {
    const tenantId = newId('ptn');
    const { consumer, appliedFor } = await probe('test.late-commit');
    const runtime = subscriptions().runtime;
    // A took its position and stays open; B records an event meanwhile.
    const holdA = gate();
    const positioned = gate();
    const eventA = newId('evt');
    const slowA = (subscriptions().orm.em.fork() as EntityManager).transactional(async (em) => {
      await appendToOutbox(em as EntityManager, 'subscriptions', [
        { id: eventA, type: 'SUBSCRIPTION_UPDATED', tenantId, resourceType: 'Subscription', resourceId: newId('sub'), data: subscriptionChange(), userId: 'test', occurredAt: new Date('2026-12-01T00:00:00Z') },
      ]);
      positioned.open();
      await holdA.opened;
    });
    await positioned.opened;
    let bDone = false;
    const fastB = recordUpdate(tenantId).then((id) => ((bDone = true), id));
    // B cannot take a position before A ends: it waits on the head (a naive sequence would let it commit above A).
    while (!bDone && !(await waitsOnHead()));

    expect(await consumePending(runtime, consumer)).toBe(0);
    expect(appliedFor(tenantId)).toEqual([]);

    holdA.open();
    await slowA;
    const eventB = await fastB;
    expect(await consumePending(runtime, consumer)).toBe(2);
    expect(appliedFor(tenantId)).toEqual([eventA, eventB]);
    expect(await consumePending(runtime, consumer)).toBe(0);
    expect(appliedFor(tenantId)).toEqual([eventA, eventB]);
  });

  it('AUD-2: a unit that started first but commits after another gets the later position; both are applied once', async () => {
    const tenantId = newId('ptn');
    const { consumer, appliedFor } = await probe('test.commit-order');
    const runtime = subscriptions().runtime;
    const holdA = gate();
    const unitA = recordUpdate(tenantId, holdA.opened);
    const eventB = await recordUpdate(tenantId);

    expect(await consumePending(runtime, consumer)).toBe(1);
    expect(appliedFor(tenantId)).toEqual([eventB]);
    holdA.open();
    const eventA = await unitA;
    expect(await consumePending(runtime, consumer)).toBe(1);
    expect(appliedFor(tenantId)).toEqual([eventB, eventA]);
    const positions = await t.db.query(`select id from platform.outbox_event where id = any($1) order by position`, [[eventA, eventB]]);
    expect(positions.rows.map((row) => row.id)).toEqual([eventB, eventA]);
  });

  it('AUD-2: workers of one consumer running at once apply each event exactly once', async () => {
    const tenantId = newId('ptn');
    const { consumer, appliedFor } = await probe('test.two-workers');
    const runtime = subscriptions().runtime;
    const events = await appendEvents(t, Array.from({ length: 60 }, () => ({ type: 'SUBSCRIPTION_UPDATED' as const, tenantId, data: subscriptionChange() })));
    const counts = await Promise.all([consumePending(runtime, consumer), consumePending(runtime, consumer), consumePending(runtime, consumer)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
    expect(appliedFor(tenantId)).toEqual(events);
  });

  it('AUD-2: an event whose unit fails (a crash mid-apply rolls back the same way) is owed and applied once later; the events after it are not held up', async () => {
    const tenantId = newId('ptn');
    let failing: string | undefined;
    const { consumer, appliedFor } = await probe('test.failing', (id) => id === failing);
    const runtime = subscriptions().runtime;
    const events = await appendEvents(t, Array.from({ length: 3 }, () => ({ type: 'SUBSCRIPTION_UPDATED' as const, tenantId, data: subscriptionChange() })));
    failing = events[1];

    expect(await consumePending(runtime, consumer)).toBe(2);
    expect(appliedFor(tenantId)).toEqual([events[0], events[2]]);
    const owed = await t.db.query(`select event_id from platform.consumer_retry where consumer = 'test.failing'`);
    expect(owed.rows).toEqual([{ event_id: events[1] }]);
    expect(await consumePending(runtime, consumer)).toBe(0);

    failing = undefined;
    expect(await consumePending(runtime, consumer)).toBe(1);
    expect(appliedFor(tenantId)).toEqual([events[0], events[2], events[1]]);
    expect(await consumePending(runtime, consumer)).toBe(0);
    expect((await t.db.query(`select count(*)::int as n from platform.consumer_retry where consumer = 'test.failing'`)).rows[0].n).toBe(0);
    expect((await t.db.query(`select count(*)::int as n from platform.due_work_failure where queue = 'consumer:test.failing'`)).rows[0].n).toBe(0);
  });

  it('AUD-2: a consumer that applies events together takes them in one unit per read: each event once, in position order', async () => {
    const tenantId = newId('ptn');
    const { consumer, batches, appliedFor } = await probe('test.together', undefined, true);
    const runtime = subscriptions().runtime;
    const events = await appendEvents(t, Array.from({ length: 60 }, () => ({ type: 'SUBSCRIPTION_UPDATED' as const, tenantId, data: subscriptionChange() })));

    expect(await consumePending(runtime, consumer)).toBe(60);
    expect(appliedFor(tenantId)).toEqual(events);
    expect(batches.filter((batch) => batch.some((id) => events.includes(id))).map((batch) => batch.filter((id) => events.includes(id)))).toEqual([events]);
    expect(await consumePending(runtime, consumer)).toBe(0);
  });

  it('AUD-2: when a batch fails, its events are applied one by one: the failing one alone is owed, the others applied once', async () => {
    const tenantId = newId('ptn');
    let failing: string | undefined;
    const { consumer, batches, appliedFor } = await probe('test.together-failing', (id) => id === failing, true);
    const runtime = subscriptions().runtime;
    const events = await appendEvents(t, Array.from({ length: 3 }, () => ({ type: 'SUBSCRIPTION_UPDATED' as const, tenantId, data: subscriptionChange() })));
    failing = events[1];

    expect(await consumePending(runtime, consumer)).toBe(2);
    expect(appliedFor(tenantId)).toEqual([events[0], events[2]]);
    expect(batches.some((batch) => batch.includes(events[0]))).toBe(false);
    const owed = await t.db.query(`select event_id from platform.consumer_retry where consumer = 'test.together-failing'`);
    expect(owed.rows).toEqual([{ event_id: events[1] }]);

    failing = undefined;
    expect(await consumePending(runtime, consumer)).toBe(1);
    expect(appliedFor(tenantId)).toEqual([events[0], events[2], events[1]]);
    expect(await consumePending(runtime, consumer)).toBe(0);
  });

  it('AUD-2: workers of a consumer that applies events together, running at once, apply each event exactly once', async () => {
    const tenantId = newId('ptn');
    const { consumer, appliedFor } = await probe('test.together-workers', undefined, true);
    const runtime = subscriptions().runtime;
    const events = await appendEvents(t, Array.from({ length: 450 }, () => ({ type: 'SUBSCRIPTION_UPDATED' as const, tenantId, data: subscriptionChange() })));
    const counts = await Promise.all([consumePending(runtime, consumer), consumePending(runtime, consumer), consumePending(runtime, consumer)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(450);
    expect(appliedFor(tenantId)).toEqual(events);
  });

  it('AUD-2: one poll reads one batch by the primary key, however many applied events lie before it (EXPLAIN)', async () => {
    const tenantId = newId('ptn');
    const { consumer } = await probe('test.explain');
    const runtime = subscriptions().runtime;
    // 20,000 events the consumer moves past (another type), then applies.
    for (let chunk = 0; chunk < 4; chunk++) {
      await appendEvents(t, Array.from({ length: 5000 }, () => ({ type: 'SUBSCRIPTION_RENEWED' as const, tenantId, data: subscriptionChange() })));
    }
    await consumePending(runtime, consumer);
    await t.db.query('analyze platform.outbox_event');
    const head = (await t.db.query(`select position from platform.outbox_head where source = 'subscriptions'`)).rows[0].position;
    expect(Number(head)).toBeGreaterThan(20_000);
    const position = (await t.db.query(`select position from platform.consumer_position where consumer = 'test.explain' and source = 'subscriptions'`)).rows[0].position;
    expect(position).toBe(head);

    const em = subscriptions().orm.em.fork() as EntityManager;
    const plan = async (after: string) => {
      const [row] = await em.execute<Record<string, [{ Plan: PlanNode }]>[]>(`explain (analyze, format json) ${READ_AFTER_SQL}`, ['subscriptions', after, CONSUMER_BATCH]);
      return nodes(row['QUERY PLAN'][0].Plan);
    };
    // At the end of the stream: nothing read.
    const atEnd = await plan(position);
    expect(atEnd.filter((node) => node['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(atEnd.find((node) => node['Relation Name'] === 'outbox_event')).toMatchObject({ 'Node Type': 'Index Scan', 'Index Name': 'outbox_event_pkey', 'Actual Rows': 0 });
    // 10,000 positions behind: one batch read, not the 10,000.
    const behind = await plan(String(BigInt(position) - 10_000n));
    expect(behind.find((node) => node['Relation Name'] === 'outbox_event')).toMatchObject({ 'Node Type': 'Index Scan', 'Index Name': 'outbox_event_pkey', 'Actual Rows': CONSUMER_BATCH });
    expect(behind.every((node) => (node['Rows Removed by Filter'] ?? 0) === 0)).toBe(true);
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}
