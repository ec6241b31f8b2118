import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { SUBGRAPH_NAMES, type SubgraphName } from '../config';
import { logger } from '../log';

/**
 * The storage split (docs/deployment.md): each subgraph may have a database of its own. Events
 * cross databases by PostgreSQL logical replication, set up here, idempotently, before the
 * subgraphs start:
 *
 * - every database publishes the outbox rows of the subgraphs it holds
 *   (`csp_outbox`: `platform.outbox_event` where `source` is one of them, inserts only);
 * - the database of the clock's owner (customers, which serves `setSandboxClock`) also publishes
 *   `platform.business_clock` (`csp_clock`): one clock, read locally everywhere;
 * - every other database subscribes to both, through a slot made beforehand on the publisher
 *   (CREATE SUBSCRIPTION cannot make one on its own cluster without waiting on itself).
 *
 * Consumers keep reading their local `platform.outbox_event` by (source, position): the
 * subscriber applies the publisher's transactions in commit order, so a copied stream keeps
 * the property readers rely on (positions become visible in order).
 */

/** The subgraph whose database holds the business clock's one writable row. */
export const CLOCK_OWNER: SubgraphName = 'customers';

export const OUTBOX_PUBLICATION = 'csp_outbox';
export const CLOCK_PUBLICATION = 'csp_clock';
/** Slots and subscriptions of the split are named `csp_<publisher>_<subscriber>` (hashes of where each database is). */
const SLOT_PREFIX = 'csp_';

/** Subgraphs grouped by the database they use, in the order of SUBGRAPH_NAMES. */
export function databaseGroups(urls: Record<SubgraphName, string>): { url: string; subgraphs: SubgraphName[] }[] {
  const groups = new Map<string, SubgraphName[]>();
  for (const name of SUBGRAPH_NAMES) groups.set(urls[name], [...(groups.get(urls[name]) ?? []), name]);
  return [...groups].map(([url, subgraphs]) => ({ url, subgraphs }));
}

/** Where a database is (host, port, name; never its credentials), hashed into names that fit PostgreSQL's 63 bytes. */
function placeOf(url: string): string {
  const parsed = new URL(url);
  return createHash('sha256').update(`${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`).digest('hex').slice(0, 12);
}

export function linkName(publisherUrl: string, subscriberUrl: string): string {
  return `${SLOT_PREFIX}${placeOf(publisherUrl)}_${placeOf(subscriberUrl)}`;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `wal_level` must be `logical` on every publishing server (a restart is needed to change it). */
async function requireLogicalWal(client: Client, url: string): Promise<void> {
  const { rows } = await client.query<{ wal_level: string }>('show wal_level');
  if (rows[0]?.wal_level !== 'logical') {
    const parsed = new URL(url);
    throw new Error(`the database ${parsed.pathname.slice(1)} on ${parsed.host} has wal_level=${rows[0]?.wal_level}: subgraphs on separate databases need wal_level=logical there (docs/deployment.md)`);
  }
}

/** Publishes the outbox rows of the subgraphs a database holds (and the clock, in the clock owner's database). */
async function ensurePublications(client: Client, subgraphs: SubgraphName[]): Promise<void> {
  const filter = `(source in (${subgraphs.map(literal).join(', ')}))`;
  const { rowCount } = await client.query('select 1 from pg_publication where pubname = $1', [OUTBOX_PUBLICATION]);
  // Inserts only: retention's deletes stay local to each copy.
  if (!rowCount) await client.query(`create publication ${OUTBOX_PUBLICATION} for table platform.outbox_event where ${filter} with (publish = 'insert')`);
  else await client.query(`alter publication ${OUTBOX_PUBLICATION} set table platform.outbox_event where ${filter}`);
  if (subgraphs.includes(CLOCK_OWNER)) {
    const clock = await client.query('select 1 from pg_publication where pubname = $1', [CLOCK_PUBLICATION]);
    if (!clock.rowCount) await client.query(`create publication ${CLOCK_PUBLICATION} for table platform.business_clock with (publish = 'insert, update')`);
  }
}

/**
 * Subscribes `subscriber` to what `publisher` publishes, once. The first time it also copies
 * what is there already (the streams so far; the clock's row, replacing the local one).
 */
async function ensureSubscription(publisher: { url: string; subgraphs: SubgraphName[] }, subscriberUrl: string): Promise<void> {
  const name = linkName(publisher.url, subscriberUrl);
  await withClient(publisher.url, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_replication_slots where slot_name = $1', [name]);
    if (!rowCount) await client.query(`select pg_create_logical_replication_slot($1, 'pgoutput')`, [name]);
  });
  await withClient(subscriberUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_subscription where subname = $1 and subdbid = (select oid from pg_database where datname = current_database())', [name]);
    if (rowCount) return;
    const publications = [OUTBOX_PUBLICATION, ...(publisher.subgraphs.includes(CLOCK_OWNER) ? [CLOCK_PUBLICATION] : [])];
    await client.query('begin');
    try {
      // One clock: the owner's row replaces this database's own (copied by the initial sync).
      if (publisher.subgraphs.includes(CLOCK_OWNER)) await client.query('delete from platform.business_clock');
      await client.query(
        `create subscription ${name} connection ${literal(publisher.url)} publication ${publications.join(', ')}
           with (create_slot = false, slot_name = ${literal(name)}, copy_data = true, synchronous_commit = 'on')`,
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  });
}

/** Waits until every table of this database's subscriptions has its initial copy (state `r`). */
async function awaitInitialSync(url: string, timeoutMs: number): Promise<void> {
  await withClient(url, async (client) => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ pending: number }>(
        `select count(*)::int as pending
           from pg_subscription_rel r join pg_subscription s on s.oid = r.srsubid
          where s.subdbid = (select oid from pg_database where datname = current_database()) and s.subname like 'csp\\_%' and r.srsubstate <> 'r'`,
      );
      if (!rows[0].pending) return;
      if (performance.now() > deadline) throw new Error('the initial copy of the replicated event streams did not finish in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
}

/** Refuses two URLs that name the same database (a database would subscribe to itself). */
async function requireDistinctDatabases(groups: { url: string; subgraphs: SubgraphName[] }[]): Promise<void> {
  const seen = new Map<string, SubgraphName[]>();
  for (const group of groups) {
    const identity = await withClient(group.url, async (client) => {
      const { rows } = await client.query<{ id: string }>(`select (select system_identifier::text from pg_control_system()) || '/' || current_database() as id`).catch(() => ({ rows: [] as { id: string }[] }));
      return rows[0]?.id;
    });
    if (!identity) continue;
    const other = seen.get(identity);
    if (other) throw new Error(`${other.join(', ')} and ${group.subgraphs.join(', ')} name the same database with different URLs: give them the same URL`);
    seen.set(identity, group.subgraphs);
  }
}

/**
 * Sets up the replication the split needs (nothing when every subgraph uses one database).
 * Idempotent: safe on every start. Run after the migrations (the tables must exist on both sides).
 */
export async function setUpReplication(urls: Record<SubgraphName, string>, options: { timeoutMs?: number } = {}): Promise<void> {
  const groups = databaseGroups(urls);
  if (groups.length < 2) return;
  // Several deployments starting at once set it up one after the other (the lock is held on the
  // clock owner's database, which every one of them names).
  await requireDistinctDatabases(groups);
  await withClient(urls[CLOCK_OWNER], async (lock) => {
    await lock.query(`select pg_advisory_lock(hashtext('csp-replication'))`);
    for (const group of groups) {
      await withClient(group.url, async (client) => {
        await requireLogicalWal(client, group.url);
        await ensurePublications(client, group.subgraphs);
      });
    }
    for (const subscriber of groups) {
      for (const publisher of groups) if (publisher !== subscriber) await ensureSubscription(publisher, subscriber.url);
    }
  });
  for (const group of groups) await awaitInitialSync(group.url, options.timeoutMs ?? 60_000);
  logger.info({ databases: groups.map((group) => group.subgraphs) }, 'event streams replicated between databases');
}

/** Drops this database's subscriptions and the slots they used (tests; taking a split apart). */
export async function tearDownReplication(urls: Record<SubgraphName, string>): Promise<void> {
  const groups = databaseGroups(urls);
  for (const subscriber of groups) {
    for (const publisher of groups) {
      if (publisher === subscriber) continue;
      const name = linkName(publisher.url, subscriber.url);
      await withClient(subscriber.url, async (client) => {
        const { rowCount } = await client.query('select 1 from pg_subscription where subname = $1 and subdbid = (select oid from pg_database where datname = current_database())', [name]);
        if (!rowCount) return;
        await client.query(`alter subscription ${name} disable`);
        await client.query(`alter subscription ${name} set (slot_name = none)`);
        await client.query(`drop subscription ${name}`);
      });
      await withClient(publisher.url, async (client) => {
        // The publisher's sender for the slot stops shortly after the subscription is disabled.
        for (let attempt = 0; attempt < 100; attempt++) {
          const { rows } = await client.query<{ active: boolean }>('select active from pg_replication_slots where slot_name = $1', [name]);
          if (!rows.length) return;
          if (!rows[0].active) {
            await client.query('select pg_drop_replication_slot($1)', [name]);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });
    }
  }
}
