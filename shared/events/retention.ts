import { SUBGRAPH_NAMES } from '../config';
import type { EntityManager } from '../db/orm';
import type { DueQueue } from '../jobs/due-queue';
import { SYSTEM_IDENTITY } from '../jobs/system';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long applied events are kept, on the business clock (OUTBOX_RETENTION_DAYS, default 30). */
export function outboxRetentionMs(): number {
  const raw = process.env.OUTBOX_RETENTION_DAYS;
  const days = Number(raw);
  return raw !== undefined && raw.trim() !== '' && Number.isFinite(days) && days >= 0 ? days * DAY_MS : 30 * DAY_MS;
}

/** Rows one statement removes: short transactions, whatever the backlog. */
const PRUNE_BATCH = 5000;

/**
 * The last position of `source` that may go: below every consumer's position in it, and below
 * the first event still younger than the cutoff (read from the stream's start, where pruned rows
 * used to be: what it passes is what is about to go, plus the few events still held).
 */
const BOUND_SQL = `
  select least(
    coalesce((select min(position) from platform.consumer_position where source = ?), 9223372036854775807),
    coalesce((select e.position - 1 from platform.outbox_event e where e.source = ? and e.occurred_at >= ?::timestamptz order by e.position limit 1), 9223372036854775807)
  ) as bound`;

/**
 * One batch of the stream's oldest events that every consumer has passed and that are older
 * than the cutoff, except those a consumer still owes (it failed on them) and those a webhook
 * delivery still has to send. Audit records are another table and stay.
 */
const PRUNE_SQL = `
  delete from platform.outbox_event e
   where e.source = ? and e.position in (
     select x.position from platform.outbox_event x
      where x.source = ? and x.position <= ?::bigint and x.occurred_at < ?::timestamptz
        and not exists (select 1 from platform.consumer_retry r where r.source = x.source and r.position = x.position)
        and not exists (select 1 from platform.webhook_delivery d where d.event_source = x.source and d.event_position = x.position and d.status = 'PENDING')
      order by x.position
      limit ?)
  returning e.position`;

/** Removes the events of `source` that nothing needs any more and that are older than `cutoff`; returns how many. */
export async function pruneOutbox(em: EntityManager, source: string, cutoff: Date): Promise<number> {
  const [{ bound }] = await em.execute<{ bound: string }[]>(BOUND_SQL, [source, source, cutoff.toISOString()]);
  let pruned = 0;
  for (;;) {
    const removed = await em.execute<{ position: string }[]>(PRUNE_SQL, [source, source, bound, cutoff.toISOString(), PRUNE_BATCH]);
    pruned += removed.length;
    if (removed.length < PRUNE_BATCH) return pruned;
  }
}

/**
 * The streams this database holds but does not write: a stream written here has its head in
 * `platform.outbox_head` (which is not replicated); a copy has none.
 */
async function copiedStreams(em: EntityManager): Promise<string[]> {
  const heads = await em.execute<{ source: string }[]>('select source from platform.outbox_head');
  const own = new Set(heads.map((row) => row.source));
  return SUBGRAPH_NAMES.filter((name) => !own.has(name));
}

/**
 * Due work of every subgraph (phase `deliveries`, after the run's consumers and deliveries): its
 * own stream keeps only what a consumer or a delivery may still read, and the last
 * OUTBOX_RETENTION_DAYS on the business clock.
 */
export function outboxRetentionQueue(source: string): DueQueue {
  return {
    name: `${source}.outbox-retention`,
    phase: 'deliveries',
    run: async (runtime) => {
      const ctx = runtime.contextFor(SYSTEM_IDENTITY);
      const now = await ctx.clock.now();
      const cutoff = new Date(now.getTime() - outboxRetentionMs());
      await pruneOutbox(ctx.em, source, cutoff);
      // With subgraphs on separate databases, this database also holds copies of the others'
      // streams (replicated inserts; deletes are not replicated): they are pruned here by the same
      // rules, against the positions of this database's consumers and its pending deliveries.
      if (ctx.elsewhere?.length) for (const copied of await copiedStreams(ctx.em)) await pruneOutbox(ctx.em, copied, cutoff);
      return {};
    },
  };
}
