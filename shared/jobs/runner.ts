import { PgBoss } from 'pg-boss';
import { onOutboxCommitted } from '../unit-of-work';
import { onReplicatedEvents } from '../replication/wakeup';
import { logError } from '../log';
import { watchQueueDepth } from '../metrics';
import { SUBGRAPH_NAMES } from '../config';
import { consumersOf } from '../events/event-types';
import { eventQueueOf } from '../events/consumers';
import type { DueQueue, SubgraphRuntime } from './due-queue';

/** Every subgraph's event-consumer queue. */
const EVENT_QUEUES = SUBGRAPH_NAMES.map(eventQueueOf);

/** pg-boss keeps its tables in their own schema of the same database. */
export const JOBS_SCHEMA = 'pgboss';

/** JOBS_ENABLED=false turns the workers off; they are off by default under test (NODE_ENV=test). */
export function jobsEnabled(): boolean {
  const flag = process.env.JOBS_ENABLED;
  if (flag !== undefined) return flag !== 'false' && flag !== '0';
  return process.env.NODE_ENV !== 'test';
}

/** See {@link coalescedWake}: a burst of commits wakes each event queue about five times a second. */
const WAKE_INTERVAL_MS = 200;

const QUEUE_OPTIONS = { policy: 'short' as const, retryLimit: 3, retryDelay: 10, expireInSeconds: 600 };

/** Creates the queue if it does not exist; `wakes`: sending to it notifies the workers (set on queues made before too). */
async function createQueue(boss: PgBoss, name: string, wakes: boolean): Promise<void> {
  await boss.createQueue(name, { ...QUEUE_OPTIONS, notify: wakes });
  if (wakes) await boss.updateQueue(name, { notify: true });
}

export interface JobRunnerOptions {
  /** Install the every-minute cron of every queue (on by default; several processes may all install it). */
  schedule?: boolean;
  /** Worker poll interval (pg-boss default 2 s). */
  pollingIntervalSeconds?: number;
  /** Other subgraphs' events arrive in this database by replication (subgraphs on separate databases): wake the consumers when they do. */
  replicated?: boolean;
  /** Least time between two wakes of one event queue by this process's commits (default 200 ms; 0: a wake per send round trip). */
  wakeIntervalMs?: number;
  /** Called after each job with its queue and what it did (tests, logs). */
  onDone?: (queue: string, counts: Record<string, number>) => void;
}

export interface JobRunner {
  boss: PgBoss;
  /** Queues one run of `queue` now (besides its schedule). */
  trigger: (queue: string) => Promise<string | null>;
  /** Stops taking work and lets the jobs it holds finish, for at most `graceMs` (default 10 s). */
  stop: (graceMs?: number) => Promise<void>;
}

/**
 * One pg-boss per process, working the due queues of its subgraph. Every queue runs on a
 * one-minute cron; `events` queues are also woken right after a unit of work commits outbox
 * rows (and deliveries after an events run), through LISTEN/NOTIFY, so webhooks and other
 * subgraphs' consumers see events at once; without LISTEN (a pooler in transaction mode) they
 * see them within a poll interval. Queues
 * use pg-boss's `short` policy (at most one job waiting): a burst of commits wakes a queue
 * once. Handlers are idempotent, so overlapping runs in several processes are safe.
 */
export async function startJobRunner<L>(runtime: SubgraphRuntime<L>, databaseUrl: string, queues: DueQueue<L>[], options: JobRunnerOptions = {}): Promise<JobRunner> {
  // LISTEN/NOTIFY: a job sent to a queue that wakes (consumers, deliveries) reaches a worker of
  // any process at once instead of at its next poll; polling stays as the backstop.
  const boss = new PgBoss({ connectionString: databaseUrl, schema: JOBS_SCHEMA, max: 4, application_name: `${runtime.name}-jobs`, useListenNotify: true });
  boss.on('error', (error) => logError(`[jobs ${runtime.name}]`, error));
  await boss.start();
  const own = new Set(queues.map((queue) => queue.name));
  // Any process may wake any subgraph's consumers, so every one of those queues must exist.
  for (const name of EVENT_QUEUES) if (!own.has(name)) await createQueue(boss, name, true);
  const deliveries = queues.filter((queue) => queue.phase === 'deliveries').map((queue) => queue.name);
  for (const queue of queues) {
    await createQueue(boss, queue.name, queue.phase !== 'domain');
    if (options.schedule !== false) await boss.schedule(queue.name, '* * * * *', {}, { tz: 'UTC' });
    // A run that finds much to do asks for another run, so a second worker (this process's
    // other queues aside: another process) joins it instead of waiting for the next minute.
    const more = () => void boss.send(queue.name, {}).catch((error) => logError(`[jobs ${runtime.name}] more ${queue.name}`, error));
    await boss.work(queue.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
      const counts = (await queue.run(runtime, { more })) as Record<string, number>;
      options.onDone?.(queue.name, counts);
      // Consumers may have created deliveries (webhook fan-out): send them now, not at the next minute.
      if (queue.phase === 'events') for (const name of deliveries) await boss.send(name, {});
      return counts;
    });
  }
  // Queue depth for /metrics, read from pg-boss when scraped.
  const unwatch = queues.map((queue) => watchQueueDepth(queue.name, async () => (await boss.getQueue(queue.name))?.queuedCount ?? 0));
  const wake = coalescedWake((name) => boss.send(name, {}), (name, error) => logError(`[jobs ${runtime.name}] wake ${name}`, error), options.wakeIntervalMs ?? WAKE_INTERVAL_MS);
  // Only the queues of subgraphs that consume what was committed: a checkout's events wake the
  // webhook fan-out, not every subgraph's consumers.
  const unsubscribe = onOutboxCommitted((types) => {
    for (const subgraph of consumersOf(types)) wake(eventQueueOf(subgraph));
  });
  // Subgraphs on separate databases: events replicated from another database wake this one's consumers.
  const ownEvents = queues.filter((queue) => queue.phase === 'events').map((queue) => queue.name);
  const unlisten = options.replicated && ownEvents.length
    ? onReplicatedEvents(databaseUrl, () => {
        for (const name of ownEvents) boss.send(name, {}).catch((error) => logError(`[jobs ${runtime.name}] wake ${name}`, error));
      })
    : async () => undefined;
  return {
    boss,
    trigger: (queue) => boss.send(queue, {}),
    stop: async (graceMs = 10_000) => {
      for (const stop of unwatch) stop();
      unsubscribe();
      await unlisten();
      await boss.stop({ graceful: true, timeout: graceMs });
    },
  };
}

/**
 * Wakes a queue after commits, at most once per `intervalMs` and one send at a time per queue:
 * the first commit after a quiet spell wakes it at once; commits made while a send is on its way
 * or within the interval after it are covered by one more send at the end of it (every commit is
 * followed by a send that started after it). A burst of commits (a month-end of renewals) then
 * costs a few wakes a second, not one per commit and queue: each wake is a consumer pass with its
 * own statements in every process, which at month-end took more of the database than the
 * renewals themselves.
 */
export function coalescedWake(send: (name: string) => Promise<unknown>, onError: (name: string, error: unknown) => void, intervalMs = 0): (name: string) => void {
  const busy = new Set<string>();
  const again = new Set<string>();
  const release = (name: string) => {
    busy.delete(name);
    if (again.delete(name)) wake(name);
  };
  const wake = (name: string) => {
    if (busy.has(name)) {
      again.add(name);
      return;
    }
    busy.add(name);
    send(name)
      .catch((error) => onError(name, error))
      .finally(() => {
        if (intervalMs > 0) setTimeout(() => release(name), intervalMs).unref();
        else release(name);
      });
  };
  return wake;
}
