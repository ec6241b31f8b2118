import { Client } from 'pg';
import type { EntityManager } from '../../../shared/db/orm';

/** The PostgreSQL channel on which a catalog import announces its commit. */
const CHANNEL = 'catalog_changes';

/** The catalog stream's head: every import of offers or of the price list records an event (OFFERS_IMPORTED, PRICE_LIST_IMPORTED). */
const HEAD_SQL = `select coalesce((select position::text from platform.outbox_head where source = 'catalog'), '0') as position`;

/**
 * Called in the unit of work of an import, after its event is recorded: PostgreSQL delivers the
 * notification when (and only if) the transaction commits, with the stream's head moved.
 */
export async function notifyCatalogChanged(em: EntityManager): Promise<void> {
  await em.execute(`select pg_notify('${CHANNEL}', '')`);
}

/**
 * The position of the catalog's event stream, kept current without polling: one connection
 * LISTENs on {@link CHANNEL} and reads the head again on each notification. LISTEN comes before
 * the first read, so no commit falls between them; a long poll that heard nothing reads it again
 * before answering. While the connection is down the position is
 * undefined (the gateway then does not serve from its cache); a new connection reads it again.
 * Opened on first use (only a gateway with its entity cache on asks).
 */
export class CatalogChangeFeed {
  private client?: Client;
  private connecting?: Promise<void>;
  private position?: string;
  private closed = false;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly databaseUrl: string) {}

  /** The stream's position now, undefined when not listening. */
  async current(): Promise<string | undefined> {
    await this.listen();
    return this.position;
  }

  /**
   * The position once it differs from `after`, or after `waitMs` (a long poll), or as soon as
   * `abandoned` settles (the asker left).
   */
  async next(after: string, waitMs: number, abandoned: Promise<void>): Promise<string | undefined> {
    const now = await this.current();
    if (now === undefined || now !== after || waitMs <= 0) return now;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      this.waiters.add(done);
      void abandoned.then(done);
    });
    // No notification within the wait: the head is read again before answering, so a change whose
    // notification was lost (a pooler that drops LISTEN) is still seen at the next heartbeat.
    if (this.position === after && this.client) await this.refresh(this.client);
    return this.position;
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.drop(client);
    await this.connecting;
  }

  private listen(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: this.databaseUrl });
      client.on('error', () => this.drop(client));
      client.on('end', () => this.drop(client));
      client.on('notification', () => void this.refresh(client));
      try {
        await client.connect();
        await client.query(`listen ${CHANNEL}`);
        if (this.closed) throw new Error('closed');
        this.client = client;
        await this.refresh(client);
      } catch {
        this.drop(client);
        await client.end().catch(() => undefined);
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  private async refresh(client: Client): Promise<void> {
    try {
      const { rows } = await client.query<{ position: string }>(HEAD_SQL);
      if (this.client !== client) return;
      this.position = rows[0].position;
      this.wake();
    } catch {
      this.drop(client);
    }
  }

  private drop(client: Client | undefined): void {
    if (client && this.client === client) {
      this.client = undefined;
      void client.end().catch(() => undefined);
    }
    if (!this.client) this.position = undefined;
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
