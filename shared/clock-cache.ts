import { Client } from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import { logError, logger } from './log';
import { numberSetting } from './config';

const CHANNEL = 'csp_business_clock';
const LISTENER_NAME = 'csp-clock';

/**
 * A listener acknowledges the clock it knows by its session's `application_name`:
 * `csp-clock <xmin of the clock's row>`, set after it has dropped what it kept. The row's xmin
 * names the transaction that last changed the clock, so "acknowledged" is an equality.
 */
const ACK_SQL = `select set_config('application_name', '${LISTENER_NAME} ' || xmin::text, false) from platform.business_clock where id = 1`;
const READ_SQL = `select (clock_timestamp() + offset_ms * interval '1 millisecond') as now from platform.business_clock where id = 1`;
const BEHIND_SQL = `select a.pid from pg_stat_activity a cross join platform.business_clock c
  where c.id = 1 and a.datname = current_database() and a.application_name like '${LISTENER_NAME}%'
    and a.application_name is distinct from '${LISTENER_NAME} ' || c.xmin::text`;

/** How long the clock is kept before it is read again though unchanged: bounds the drift between this process's monotonic clock and the database's. */
const MAX_AGE_MS = 60_000;

/**
 * The business clock of one database, kept in this process: one read, then "now" is that reading
 * plus the monotonic time since (never ahead of the database's, never backwards within a reading).
 * Kept only while this process listens to the clock's changes (`csp_business_clock`, notified by
 * a trigger of `platform.business_clock` on commit); a change, a lost or new connection, or a read
 * that a change overtook drops it. Without a listening connection every request reads the
 * database, as it would without this cache. `setSandboxClock` answers only once every listener of
 * the database has acknowledged the change ({@link awaitClockListeners}), so the next request of
 * any process sees the new time: correctness rests on that acknowledgement, not on timing.
 */
export class BusinessClockCache {
  private client?: Client;
  private listening = false;
  /** Bumped on every change and every (dis)connection: a read started before must not be kept. */
  private generation = 0;
  private kept?: { nowMs: number; at: number };
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(private readonly databaseUrl: string) {}

  start(): this {
    void this.connect();
    return this;
  }

  async now(em: EntityManager): Promise<Date> {
    const kept = this.kept;
    if (kept && performance.now() - kept.at < MAX_AGE_MS) return new Date(kept.nowMs + (performance.now() - kept.at));
    const generation = this.generation;
    const rows = await em.execute<{ now: Date | string }[]>(READ_SQL);
    const now = rows[0] ? new Date(rows[0].now) : new Date(Number.NaN);
    if (this.listening && generation === this.generation && !Number.isNaN(now.getTime())) this.kept = { nowMs: now.getTime(), at: performance.now() };
    return now;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    this.drop();
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  /** Drops the kept reading; a read in flight is not kept either. */
  private drop(): void {
    this.generation += 1;
    this.kept = undefined;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: LISTENER_NAME, keepAlive: true });
    let gone = false;
    const lost = (error?: unknown) => {
      if (gone) return;
      gone = true;
      this.listening = false;
      this.drop();
      if (this.client === client) this.client = undefined;
      if (error) logError('[clock] listener', error);
      client.end().catch(() => undefined);
      if (!this.stopped) this.retry = setTimeout(() => void this.connect(), 1000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    // Drop first, then acknowledge: the change's setter answers only after the acknowledgement.
    client.on('notification', () => {
      this.drop();
      client.query(ACK_SQL).catch(lost);
    });
    try {
      await client.connect();
      this.client = client;
      // Listen before acknowledging: a change committed after the acknowledgement's read is notified.
      await client.query(`listen ${CHANNEL}`);
      await client.query(ACK_SQL);
      if (this.stopped) return void (await client.end());
      this.drop();
      this.listening = !gone;
    } catch (error) {
      lost(error);
    }
  }
}

/** How long `setSandboxClock` waits for the listeners' acknowledgements (CLOCK_ACK_WAIT_MS, default 15 s). */
function ackWaitMs(): number {
  return numberSetting(process.env.CLOCK_ACK_WAIT_MS, 15_000);
}

/**
 * After a change of the clock has committed: waits until every listener of this database
 * (sessions named `csp-clock…`, one per process that keeps the clock) has acknowledged it. A
 * listener that does not within the wait is disconnected, so its process reads the database again.
 */
export async function awaitClockListeners(em: EntityManager): Promise<void> {
  const deadline = performance.now() + ackWaitMs();
  for (;;) {
    const behind = await em.fork().execute<{ pid: number }[]>(BEHIND_SQL);
    if (!behind.length) return;
    if (performance.now() > deadline) {
      logger.warn({ listeners: behind.map((row) => row.pid) }, 'clock listeners did not acknowledge the change: disconnecting them');
      await em.fork().execute(`select pg_terminate_backend(pid) from unnest(?::int[]) as pid`, [behind.map((row) => row.pid)]);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
