import type { MikroORM } from '@mikro-orm/postgresql';
import type { Identity } from '../auth/roles';
import type { SubgraphName } from '../config';
import type { RequestContext } from '../context';

/** What `processDueWork` reports (API.md), summed over every due queue of every subgraph. */
export const DUE_REPORT_FIELDS = ['renewed', 'expired', 'ended', 'converted', 'failed', 'eaRenewed', 'transfersExpired', 'webhooksDelivered'] as const;
export type DueReportField = (typeof DUE_REPORT_FIELDS)[number];
/** Report counts, plus how many outbox events consumers applied (drives another round of the events phase). */
export type DueCounts = Partial<Record<DueReportField | 'eventsApplied', number>>;

/**
 * Due work runs in phases so one `processDueWork` sees the whole chain at one business time:
 * domain work (renewals, EA renewals, expiries) records events; event consumers apply them
 * (webhook fan-out, other subgraphs' commands); deliveries send what is due.
 */
export const DUE_PHASES = ['domain', 'events', 'deliveries'] as const;
export type DuePhase = (typeof DUE_PHASES)[number];

/** What a job handler gets: the subgraph's ORM and a way to build contexts (as system or another identity). */
export interface SubgraphRuntime<L = unknown> {
  name: SubgraphName;
  orm: MikroORM;
  /** A fresh context (own EntityManager, clock, loaders, graph client) for `identity`. */
  contextFor: (identity: Identity) => RequestContext<L>;
}

/** What a job runner offers a queue's run besides the runtime. */
export interface DueRunHooks {
  /**
   * The run found more work than one worker should do alone: one more run of the queue is
   * queued, which an idle worker of any process picks up (runs of one queue share the work
   * through `for update skip locked`). Cheap to call more than once: the queue keeps at most
   * one run waiting.
   */
  more?: () => void;
}

/**
 * One queue of due work. `run` must be idempotent and safe with any number of concurrent
 * workers (each unit keyed by its due item or event id, rows taken `for update skip locked`).
 */
export interface DueQueue<L = any> {
  /** pg-boss queue name, unique across the stack (`<subgraph>.<work>`). */
  name: string;
  phase: DuePhase;
  run: (runtime: SubgraphRuntime<L>, hooks?: DueRunHooks) => Promise<DueCounts>;
}

export function addCounts(total: DueCounts, more: DueCounts): DueCounts {
  for (const [key, value] of Object.entries(more) as [DueReportField, number | undefined][]) {
    if (value) total[key] = (total[key] ?? 0) + value;
  }
  return total;
}
