import type { TotalCount } from '../graphql/connection';
import type { MikroORM } from '@mikro-orm/postgresql';
import { readBusinessNow } from '../clock';
import type { EntityManager } from '../db/orm';
import { logError } from '../log';
import { DueWorkFailure } from '../platform/entities/due-work-failure.entity';
import { numberSetting } from '../config';

/** Attempts after which a failing item is parked (DUE_WORK_MAX_ATTEMPTS, default 5). */
export function maxDueAttempts(): number {
  return numberSetting(process.env.DUE_WORK_MAX_ATTEMPTS, 5, { whole: true });
}

const MAX_ERROR_LENGTH = 1000;

/**
 * The failures of one due queue, as one run of it sees them. Each item runs in its own unit
 * of work; when one fails, the queue records it here (outside the unit that rolled back) and
 * goes on with the others. An item that failed `maxDueAttempts()` times in a row is parked:
 * every later run skips it until it succeeds or an operator removes its row. The operator
 * reads them with `dueWorkFailures`.
 */
export class DueFailures {
  private constructor(
    private readonly orm: MikroORM,
    readonly queue: string,
    private readonly failing: Set<string>,
    /** Items this run must skip (failed too often). */
    readonly parked: readonly string[],
  ) {}

  /** Loads the queue's failing items once per run (the table holds only what keeps failing). */
  static async open(orm: MikroORM, queue: string): Promise<DueFailures> {
    const rows = await orm.em.fork().find(DueWorkFailure, { queue }, { fields: ['itemId', 'attempts'] });
    const max = maxDueAttempts();
    return new DueFailures(orm, queue, new Set(rows.map((row) => row.itemId)), rows.filter((row) => row.attempts >= max).map((row) => row.itemId));
  }

  /** Counts one more failed attempt of `itemId`, keeping the last error (the unit itself rolled back). */
  async record(itemId: string, error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
    try {
      const em = this.orm.em.fork() as EntityManager;
      const now = await readBusinessNow(em);
      // One atomic upsert: several workers may fail on the same item at once.
      await em.execute(
        `insert into platform.due_work_failure (queue, item_id, attempts, last_error, first_failed_at, last_failed_at)
         values (?, ?, 1, ?, ?, ?)
         on conflict (queue, item_id) do update
           set attempts = platform.due_work_failure.attempts + 1, last_error = excluded.last_error, last_failed_at = excluded.last_failed_at`,
        [this.queue, itemId, message, now, now],
      );
      this.failing.add(itemId);
    } catch (recordError) {
      // The database may be what failed: the item is retried on the next run either way.
      logError(`[due-work] could not record the failure of ${this.queue} ${itemId}`, recordError);
    }
  }

  /** Forgets an item that failed before and has now succeeded. */
  async succeeded(itemId: string): Promise<void> {
    if (!this.failing.has(itemId)) return;
    this.failing.delete(itemId);
    await this.orm.em.fork().nativeDelete(DueWorkFailure, { queue: this.queue, itemId });
  }
}

export interface DueFailureView {
  /** `<queue>|<item id>`: the cursor key. */
  id: string;
  queue: string;
  itemId: string;
  attempts: number;
  lastError: string;
  firstFailedAt: Date;
  lastFailedAt: Date;
  parked: boolean;
}

const SEPARATOR = '|';

/** The operator's view of every queue's failing items, by queue then item, `limit` from after `afterId`. */
export async function listDueFailures(em: EntityManager, afterId: string | undefined, limit: number): Promise<{ rows: DueFailureView[]; totalCount: TotalCount }> {
  const [afterQueue, afterItem] = afterId ? [afterId.slice(0, afterId.indexOf(SEPARATOR)), afterId.slice(afterId.indexOf(SEPARATOR) + 1)] : [];
  const where = afterId ? { $or: [{ queue: { $gt: afterQueue } }, { queue: afterQueue, itemId: { $gt: afterItem } }] } : {};
  const rows = await em.find(DueWorkFailure, where, { orderBy: { queue: 'asc', itemId: 'asc' }, limit });
  const max = maxDueAttempts();
  return {
    rows: rows.map((row) => ({ id: `${row.queue}${SEPARATOR}${row.itemId}`, ...row, parked: row.attempts >= max })),
    // Counted only if the query shows totalCount.
    totalCount: () => em.count(DueWorkFailure, {}),
  };
}
