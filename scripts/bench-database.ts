import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../shared/db/embedded';
import { migrateAndSeed } from './stack';

export interface BenchDatabase {
  url: string;
  drop: () => Promise<void>;
}

/**
 * A fresh, migrated database with the catalog for one benchmark run: on the server of
 * DATABASE_URL when set, else on an embedded PostgreSQL started for the run. `drop` removes it
 * (and stops the embedded server).
 */
export async function benchDatabase(prefix: string, postgresFlags: string[] = []): Promise<BenchDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let server = process.env.DATABASE_URL;
  if (!server) {
    embedded = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'csp-bench-pg-')), persistent: false, database: 'postgres', flags: postgresFlags });
    server = embedded.url;
  }
  const database = `${prefix}_${process.pid}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(server);
  url.pathname = `/${database}`;
  await migrateAndSeed(url.toString(), { demo: false });
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
      if (embedded) await embedded.stop();
    },
  };
}
