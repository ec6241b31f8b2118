import { Client } from 'pg';
import type { EmbeddedDatabase } from '../../shared/db/embedded';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__EMBEDDED_PG__ as EmbeddedDatabase | undefined;
  if (embedded) {
    await embedded.stop();
    return;
  }
  const admin = new Client({ connectionString: process.env.TEST_SERVER_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${process.env.TEST_TEMPLATE_DB}`);
  await admin.end();
}
