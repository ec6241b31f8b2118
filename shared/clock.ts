import type { EntityManager } from '@mikro-orm/postgresql';
import type { BusinessClockCache } from './clock-cache';
import { badInput } from './errors';

/**
 * The business clock: the one source of "now" for every subgraph and background job.
 * It is the database's time plus an offset kept in `platform.business_clock`, so all
 * processes agree; the sandbox moves it with `setSandboxClock` (refused in production,
 * where the offset stays 0). Domain code never reads the wall clock.
 */

const NOW_SQL = `select (clock_timestamp() + offset_ms * interval '1 millisecond') as now from platform.business_clock where id = 1`;

/**
 * Reads the business clock at most once per request (one consistent "now" per request): from the
 * process's kept clock when it has one (shared/clock-cache.ts), else from the database.
 */
export class RequestClock {
  private cached?: Promise<Date>;

  constructor(
    private readonly em: EntityManager,
    private readonly kept?: BusinessClockCache,
  ) {}

  now(): Promise<Date> {
    this.cached ??= this.kept ? this.kept.now(this.em) : readBusinessNow(this.em);
    return this.cached;
  }
}

export async function readBusinessNow(em: EntityManager): Promise<Date> {
  const rows = await em.execute<{ now: Date | string }[]>(NOW_SQL);
  return rows[0] ? new Date(rows[0].now) : new Date(Number.NaN);
}

/**
 * The sandbox clock stays within years 2000–2999: terms, renewals and grace periods computed
 * from it must stay inside the dates the API and PostgreSQL represent (years up to 9999), and
 * no business scenario needs more.
 */
export const SANDBOX_CLOCK_RANGE = { from: new Date('2000-01-01T00:00:00.000Z'), to: new Date('2999-12-31T23:59:59.999Z') };

/**
 * Sets the business clock so that "now" reads `target` from this moment on; BAD_USER_INPUT outside
 * {@link SANDBOX_CLOCK_RANGE}, and BAD_USER_INPUT when `target` is earlier than the business clock
 * now: time never moves back (terms, windows and due work already decided stay in the past). The
 * comparison and the update are one statement under the row's lock, so two concurrent requests
 * cannot together move the clock back.
 */
export async function setBusinessNow(em: EntityManager, target: Date): Promise<Date> {
  if (!(target >= SANDBOX_CLOCK_RANGE.from && target <= SANDBOX_CLOCK_RANGE.to)) throw badInput('The sandbox clock must be set between the years 2000 and 2999', ['input', 'now']);
  const moved = await em.execute<{ id: number }[]>(
    `update platform.business_clock
        set offset_ms = floor(extract(epoch from (?::timestamptz - clock_timestamp())) * 1000)::bigint,
            updated_at = clock_timestamp()
      where id = 1
        and ?::timestamptz >= clock_timestamp() + offset_ms * interval '1 millisecond'
      returning id`,
    [target.toISOString(), target.toISOString()],
  );
  if (!moved.length) {
    const now = await readBusinessNow(em);
    throw badInput(`The business clock never moves back: ${target.toISOString()} is earlier than its time now (${now.toISOString()})`, ['input', 'now']);
  }
  return readBusinessNow(em);
}
