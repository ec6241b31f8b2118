import { databaseUrlsOf } from '../shared/config';
import { logger } from '../shared/log';
import { migrateAndSeed } from './stack';

/**
 * `node dist/scripts/migrate.js`: applies every subgraph's migrations and loads the catalog
 * (and the demo tenants when SEED_DEMO=true) into DATABASE_URL (or each subgraph's
 * `<SUBGRAPH>_DATABASE_URL`, replication between them included), then exits. Seeds are
 * idempotent: running it on every deployment is safe. docker-compose.yml runs it before the
 * subgraphs start.
 */
async function main() {
  const demo = process.env.SEED_DEMO === 'true';
  await migrateAndSeed(databaseUrlsOf(process.env.DATABASE_URL), { demo });
  logger.info({ demo }, 'migrations applied, catalog loaded');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    logger.fatal({ err: error }, 'migrations failed');
    process.exit(1);
  },
);
