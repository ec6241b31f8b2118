import 'reflect-metadata';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Client } from 'pg';
import { releaseLostConnections } from './lost-connections';
import { NamingClient, PreparingDriver } from './prepared-writes';
import { countStatement } from './sql-stats';
import { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS } from '../platform';

export type { EntityManager };

export interface MigrationEntry {
  name: string;
  class: new (...args: any[]) => Migration;
}

export interface OrmOptions {
  clientUrl: string;
  /** The PostgreSQL schema this subgraph owns; no other subgraph reads or writes it. */
  schema: string;
  entities: Function[];
  migrations: MigrationEntry[];
  poolMax?: number;
}

function envMs(name: string, fallback: number): number {
  const configured = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(configured) && configured >= 0 ? configured : fallback;
}

/**
 * Bounds on every pooled connection, so no request can hold or wait for one forever:
 * waiting for a free connection (DB_POOL_ACQUIRE_TIMEOUT_MS, also the connect timeout), one
 * statement (DB_STATEMENT_TIMEOUT_MS) and a transaction left open with nothing running
 * (DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: PostgreSQL ends the session and frees its locks).
 * TCP keep-alive notices a database that went away without closing the socket.
 */
export function poolLimits() {
  return {
    connectionTimeoutMillis: envMs('DB_POOL_ACQUIRE_TIMEOUT_MS', 5_000),
    statement_timeout: envMs('DB_STATEMENT_TIMEOUT_MS', 30_000),
    idle_in_transaction_session_timeout: envMs('DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 15_000),
    keepAlive: true,
  };
}

/** One MikroORM per subgraph, bound to its own schema, with its own migration table. */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init({
    // Writes of a fixed text go as prepared statements (db/prepared-writes.ts).
    driver: PreparingDriver,
    clientUrl: options.clientUrl,
    schema: options.schema,
    // The platform entities (audit, outbox, webhooks, clock) join every subgraph's ORM so one
    // transaction holds a change, its audit rows and its outbox rows.
    entities: [...new Set([...options.entities, ...PLATFORM_ENTITIES])],
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax ?? 10 },
    // The tenant filter (db/tenant-filter.ts) scopes queries of a tenant-owned entity itself; rows
    // reached through an already scoped owner by id add no join for it.
    autoJoinRefsForFilters: false,
    // MikroORM hands a plain-object `driverOptions` to `new pg.Pool(...)` (merged over its own)
    // and calls `onPoolCreated` with the pool.
    driverOptions: { ...poolLimits(), Client: NamingClient, onPoolCreated: releaseLostConnections },
    onQuery: (sql: string, params: readonly unknown[]) => {
      countStatement(sql, params);
      return sql;
    },
    migrations: {
      tableName: 'mikro_orm_migrations',
      schema: options.schema,
      migrationsList: options.migrations,
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
      transactional: true,
      allOrNothing: true,
    },
    debug: false,
  });
}

/**
 * Applies pending migrations of the platform schema, then of one subgraph's schema, under an
 * advisory lock so that several replicas starting together do not race.
 */
export async function migrate(orm: MikroORM, clientUrl: string, schema: string): Promise<void> {
  const lock = new Client({ connectionString: clientUrl });
  await lock.connect();
  try {
    await lock.query(`select pg_advisory_lock(hashtext('csp-migrate'))`);
    await lock.query(`create schema if not exists platform`);
    await lock.query(`create schema if not exists "${schema}"`);
    const platform = await createOrm({ clientUrl, schema: 'platform', entities: PLATFORM_ENTITIES, migrations: PLATFORM_MIGRATIONS, poolMax: 1 });
    try {
      await platform.migrator.up();
    } finally {
      await platform.close();
    }
    await orm.migrator.up();
  } finally {
    await lock.end();
  }
}

/** Placeholders for an SQL `in (…)` list: `in (${placeholders(ids)})` with the ids as params. */
export function placeholders(values: readonly unknown[]): string {
  return values.length ? values.map(() => '?').join(', ') : 'null';
}
