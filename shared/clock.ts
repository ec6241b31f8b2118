import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The business clock: the one source of "now" for every subgraph and background job.
 * It is the database's time plus an offset kept in `platform.business_clock`, so all
 * processes agree; the sandbox moves it with `setSandboxClock` (refused in production,
 * where the offset stays 0). Domain code never reads the wall clock.
 */

const NOW_SQL = `select (clock_timestamp() + offset_ms * interval '1 millisecond') as now from platform.business_clock where id = 1`;

/** Reads the business clock at most once per request (one consistent "now" per request). */
export class RequestClock {
  private cached?: Promise<Date>;

  constructor(private readonly em: EntityManager) {}

  now(): Promise<Date> {
    this.cached ??= readBusinessNow(this.em);
    return this.cached;
  }
}

export async function readBusinessNow(em: EntityManager): Promise<Date> {
  const rows = await em.execute<{ now: Date | string }[]>(NOW_SQL);
  return rows[0] ? new Date(rows[0].now) : new Date(Number.NaN);
}

/** Sets the business clock so that "now" reads `target` from this moment on. */
export async function setBusinessNow(em: EntityManager, target: Date): Promise<Date> {
  await em.execute(
    `update platform.business_clock
        set offset_ms = floor(extract(epoch from (?::timestamptz - clock_timestamp())) * 1000)::bigint,
            updated_at = clock_timestamp()
      where id = 1`,
    [target.toISOString()],
  );
  return readBusinessNow(em);
}
