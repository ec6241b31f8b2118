import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { LOGICAL_REPLICATION_FLAGS, startEmbeddedPostgres } from '../../shared/db/embedded';
import { migrateAndSeed } from '../../scripts/stack';

/**
 * Starts the test database server once: the embedded PostgreSQL unless DATABASE_URL is set.
 * A template database gets every migration and the catalog; each test file then clones it
 * into a database of its own (fast, and files can run in parallel without sharing the
 * business clock or any row). The server runs with wal_level=logical: one test file puts the
 * subgraphs on two databases replicating their event streams (test/platform/storage-split).
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'csp-test-pg-')), persistent: false, database: 'postgres', flags: LOGICAL_REPLICATION_FLAGS });
    (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = embedded;
    serverUrl = embedded.url;
  }
  const template = `csp_template_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();
  const templateUrl = withDatabase(serverUrl, template);
  await migrateAndSeed(templateUrl, { demo: false });
  process.env.TEST_SERVER_URL = serverUrl;
  process.env.TEST_TEMPLATE_DB = template;
  process.env.LOG_ERRORS ??= '0';
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
