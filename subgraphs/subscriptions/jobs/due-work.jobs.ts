import type { DueQueue } from '../../../shared/jobs/due-queue';
import { SYSTEM_IDENTITY } from '../../../shared/jobs/system';
import type { SubscriptionsLoaders } from '../context';
import { graphDueFacts } from '../lifecycle/due-facts';
import { runDueWork } from '../lifecycle/renewal.service';

/** Queue of the periodic due-work scan (renewals with their scheduled changes, expiries, grace ends, trial conversions: SUB-6, SUB-7, SUB-9, TRI-2, SCH-1). */
export const DUE_WORK_QUEUE = 'subscriptions.due-work';

/**
 * The subscriptions subgraph's due work as a shared due queue: pg-boss runs it every minute
 * in every process (each due subscription is settled exactly once, rows taken `for update
 * skip locked`), and `processDueWork` runs it at once. It reads the business clock only.
 */
export const dueWorkQueue: DueQueue<SubscriptionsLoaders> = {
  name: DUE_WORK_QUEUE,
  phase: 'domain',
  run: (runtime, hooks) => {
    const graph = runtime.contextFor(SYSTEM_IDENTITY).graph;
    return runDueWork(runtime, { facts: graphDueFacts(graph), more: hooks?.more });
  },
};
