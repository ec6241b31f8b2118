import { readBusinessNow } from '../shared/clock';
import { SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { Client } from 'pg';
import { databaseGroups, setUpReplication } from '../shared/replication/setup';
import { createOrm, migrate, type EntityManager } from '../shared/db/orm';
import { startSubgraph, type RunningSubgraph } from '../shared/subgraph';
import { startGateway, type GatewayOptions } from '../gateway/gateway';
import type { EntityCache } from '../shared/entity-cache/entity-cache';
import { SUBGRAPHS } from '../subgraphs';
import { seedCatalog } from '../subgraphs/catalog/seed/seed-catalog';
import { seedCustomersDemo } from '../subgraphs/customers/seed/demo';
import { seedSubscriptionsDemo } from '../subgraphs/subscriptions/seed/demo';
import { seedTransfersDemo } from '../subgraphs/transfers/seed/demo';

type Seeder = (em: EntityManager, now: Date) => Promise<unknown>;

/** Reference data every installation needs (the catalog), then optional demo tenants. */
const BASE_SEEDS: Partial<Record<SubgraphName, Seeder>> = { catalog: (em) => seedCatalog(em) };
const DEMO_SEEDS: Partial<Record<SubgraphName, Seeder>> = {
  customers: seedCustomersDemo,
  subscriptions: seedSubscriptionsDemo,
  transfers: seedTransfersDemo,
};

/** One database for every subgraph (a URL), or each subgraph's own (see `databaseUrlsOf`). */
export type Databases = string | Record<SubgraphName, string>;

export function urlsOf(databases: Databases): Record<SubgraphName, string> {
  return typeof databases === 'string' ? (Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, databases])) as Record<SubgraphName, string>) : databases;
}

/**
 * Applies every subgraph's migrations, one after the other, each in its own database, then
 * loads the seeds, each subgraph writing only its own schema; with subgraphs on separate
 * databases, then sets up the replication of the event streams and the clock between them.
 * Idempotent: safe on every start.
 */
export async function migrateAndSeed(databases: Databases, options: { demo: boolean }): Promise<void> {
  const urls = urlsOf(databases);
  for (const name of SUBGRAPH_NAMES) {
    const definition = SUBGRAPHS[name];
    const databaseUrl = urls[name];
    const orm = await createOrm({ clientUrl: databaseUrl, schema: name, entities: definition.entities, migrations: definition.migrations, poolMax: 2 });
    try {
      await migrate(orm, databaseUrl, name);
      const em = orm.em.fork() as EntityManager;
      const now = await readBusinessNow(em);
      const seeders = [BASE_SEEDS[name], options.demo ? DEMO_SEEDS[name] : undefined].filter(Boolean) as Seeder[];
      for (const seed of seeders) await em.transactional((tx) => seed(tx as EntityManager, now));
    } finally {
      await orm.close();
    }
  }
  await forgetOtherDatabasesConsumers(urls);
  await setUpReplication(urls);
}

/**
 * The platform migrations register every consumer of the code in the database they run on.
 * With subgraphs on separate databases, a database keeps only the positions of the consumers
 * of its own subgraphs: another's position, never moved here, would hold retention back forever.
 */
async function forgetOtherDatabasesConsumers(urls: Record<SubgraphName, string>): Promise<void> {
  const groups = databaseGroups(urls);
  if (groups.length < 2) return;
  for (const group of groups) {
    const local = new Set(group.subgraphs.flatMap((name) => (SUBGRAPHS[name].consumers ?? []).map((consumer) => consumer.name)));
    const foreign = SUBGRAPH_NAMES.filter((name) => !group.subgraphs.includes(name))
      .flatMap((name) => (SUBGRAPHS[name].consumers ?? []).map((consumer) => consumer.name))
      .filter((name) => !local.has(name));
    if (!foreign.length) continue;
    const client = new Client({ connectionString: group.url });
    await client.connect();
    try {
      await client.query('delete from platform.consumer_retry where consumer = any($1)', [foreign]);
      await client.query('delete from platform.consumer_position where consumer = any($1)', [foreign]);
    } finally {
      await client.end();
    }
  }
}

export interface RunningStack {
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** The gateway's cache of the catalog's entities (undefined when off). */
  catalogEntities?: EntityCache;
  stop: () => Promise<void>;
}

/** All four subgraphs and the gateway in this process (tests, benchmarks); ports 0 = any free. */
export async function startStackInProcess(databases: Databases, ports: Partial<Record<SubgraphName | 'gateway', number>> = {}, gatewayOptions: Pick<GatewayOptions, 'entityCache'> = {}): Promise<RunningStack> {
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  try {
    // Each subgraph listens on the port the system gives it (no probe-then-listen race between
    // parallel test files); the peers' URLs are filled in as they come up, before any request.
    const peerUrls = {} as Record<SubgraphName, string>;
    for (const name of SUBGRAPH_NAMES) {
      // `entityCache: false` keeps no catalog answer anywhere: neither the gateway's entities nor the subgraphs' peer answers.
      subgraphs[name] = await startSubgraph(SUBGRAPHS[name], {
        port: ports[name] ?? 0,
        databaseUrl: urlsOf(databases)[name],
        databaseUrls: urlsOf(databases),
        runMigrations: false,
        peerUrls,
        peerAnswerCache: gatewayOptions.entityCache === false ? false : undefined,
      });
      peerUrls[name] = subgraphs[name].url;
    }
    const gateway = await startGateway({
      ...gatewayOptions,
      port: ports.gateway ?? 0,
      subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].url])),
    });
    return {
      gatewayUrl: gateway.url,
      subgraphs,
      catalogEntities: gateway.catalogEntities,
      stop: async () => {
        await gateway.stop();
        for (const running of Object.values(subgraphs)) await running.stop();
      },
    };
  } catch (error) {
    for (const running of Object.values(subgraphs)) await running.stop();
    throw error;
  }
}
