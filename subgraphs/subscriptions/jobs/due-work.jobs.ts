import type { MikroORM } from '@mikro-orm/postgresql';
import { PgBoss } from 'pg-boss';
import type { EntityManager } from '../../../shared/db/orm';
import { gatewaySecret, type SubgraphName } from '../../../shared/config';
import { defaultPeerUrls, GraphClient } from '../../../shared/graph-client';
import { graphTrialConverter, SYSTEM_OPERATOR } from '../services/renewal-conversion';
import { runDueWork, type DueWorkCounts } from '../services/renewal.service';

/** Queue of the periodic due-work scan (renewals, expiries, grace ends: SUB-6, SUB-7, SUB-9). */
export const DUE_WORK_QUEUE = 'subscriptions-due-work';
/** pg-boss keeps its tables in their own schema of the same database. */
export const JOBS_SCHEMA = 'pgboss';

export interface DueWorkJobsOptions {
  /** Install the every-minute cron (on by default; several processes may all install it). */
  schedule?: boolean;
  /** Worker poll interval (pg-boss default 2 s). */
  pollingIntervalSeconds?: number;
  /** Where the other subgraphs answer (TRI-2 asks the catalog); defaults to the configured URLs. */
  peerUrls?: Record<SubgraphName, string>;
  /** Called after each job with what it did (tests, logs). */
  onDone?: (counts: DueWorkCounts) => void;
}

export interface DueWorkJobs {
  boss: PgBoss;
  /** Queues one scan now (besides the schedule). */
  trigger: () => Promise<string | null>;
  stop: () => Promise<void>;
}

/** JOBS_ENABLED=false turns the workers off; they are off by default under test (NODE_ENV=test). */
export function jobsEnabled(): boolean {
  const flag = process.env.JOBS_ENABLED;
  if (flag !== undefined) return flag !== 'false' && flag !== '0';
  return process.env.NODE_ENV !== 'test';
}

/**
 * Starts a pg-boss instance that runs the due-work scan every minute and works its queue.
 * Any number of processes may run this against one database: the cron sends one job per
 * minute across all of them, and each scan takes due subscriptions one at a time with
 * `for update skip locked` (renewal.service), so every due subscription is processed exactly
 * once even when scans overlap. The work reads the business clock, never the wall clock.
 */
export async function startDueWorkJobs(orm: MikroORM, databaseUrl: string, options: DueWorkJobsOptions = {}): Promise<DueWorkJobs> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: JOBS_SCHEMA, max: 4, application_name: 'subscriptions-jobs' });
  boss.on('error', (error) => {
    if (process.env.LOG_ERRORS !== '0') console.error('[jobs]', error);
  });
  await boss.start();
  await boss.createQueue(DUE_WORK_QUEUE, { retryLimit: 3, retryDelay: 10, expireInSeconds: 600 });
  if (options.schedule !== false) await boss.schedule(DUE_WORK_QUEUE, '* * * * *', {}, { tz: 'UTC' });
  const convertTrial = graphTrialConverter(new GraphClient(options.peerUrls ?? defaultPeerUrls(), gatewaySecret(), SYSTEM_OPERATOR));
  await boss.work(DUE_WORK_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
    const counts = await runDueWork(orm.em.fork() as EntityManager, { convertTrial });
    options.onDone?.(counts);
    return counts;
  });
  return {
    boss,
    trigger: () => boss.send(DUE_WORK_QUEUE, {}),
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}

/** The subgraph's onStart hook: starts the workers unless disabled; returns their stop function. */
export async function startSubscriptionJobs(orm: MikroORM, databaseUrl: string): Promise<() => Promise<void>> {
  if (!jobsEnabled()) return async () => {};
  const jobs = await startDueWorkJobs(orm, databaseUrl);
  return jobs.stop;
}
