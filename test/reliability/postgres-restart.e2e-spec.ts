import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { signDevToken } from '../../shared/auth/jwt';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../shared/db/embedded';
import { migrateAndSeed, startStackInProcess, type RunningStack } from '../../scripts/stack';
import { CREATE_CUSTOMER, customerInput } from '../customers/helpers';
import type { GraphQLResponse } from '../support/stack';

/**
 * A PostgreSQL restart under write load: every subgraph recovers by itself (its pool drops the
 * cut connections and opens new ones), writes answered during the outage fail cleanly
 * (SERVICE_UNAVAILABLE, never a hang), and every write that was acknowledged is there.
 * This file runs its own PostgreSQL: the shared test server is never restarted.
 */
describe('PostgreSQL restart under write load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csp-restart-pg-'));
  let database: EmbeddedDatabase;
  let stack: RunningStack;

  beforeAll(async () => {
    database = await startEmbeddedPostgres({ dataDir, persistent: true, database: 'csp' });
    await migrateAndSeed(database.url, { demo: false });
    stack = await startStackInProcess(database.url);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function gql(token: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  }

  async function readyEverywhere(): Promise<boolean> {
    const checks = await Promise.all(Object.values(stack.subgraphs).map((running) => fetch(running.url.replace(/\/graphql$/, '/health/ready')).then((r) => r.ok, () => false)));
    return checks.every(Boolean);
  }

  it('every subgraph recovers by itself and no acknowledged write is lost', async () => {
    const operator = await signDevToken({ sub: 'operator', tid: 'platform', roles: ['PLATFORM_OPERATOR'] });
    const onboarded = await gql(operator, `mutation { onboardPartner(input: { name: "Restart Partner", type: DIRECT_BILL, partnerId: "7000001", region: EUROPE }) { partner { id } } }`);
    const partnerId = onboarded.data.onboardPartner.partner.id as string;
    const token = await signDevToken({ sub: 'writer', tid: partnerId, roles: ['ADMIN_AGENT'] });

    const acknowledged: string[] = [];
    const failureCodes = new Set<string>();
    let writing = true;
    const writer = async () => {
      while (writing) {
        const answer = await gql(token, CREATE_CUSTOMER, { input: customerInput() }).catch(() => undefined);
        const id = answer?.data?.createCustomer?.customer?.id as string | undefined;
        if (id) acknowledged.push(id);
        else failureCodes.add(String(answer?.errors?.[0]?.extensions?.code ?? 'NO_ANSWER'));
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    const until = async (condition: () => boolean | Promise<boolean>, what: string, limitMs = 30_000) => {
      const deadline = performance.now() + limitMs;
      while (!(await condition())) {
        if (performance.now() > deadline) throw new Error(`${what} did not happen within ${limitMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    await until(() => acknowledged.length >= 40, '40 writes before the first restart');
    // Several restarts: a connection lost in a transaction must go back to the pool each time,
    // or the pool runs dry after a restart or two.
    const recoveries: number[] = [];
    for (let restart = 0; restart < 3; restart++) {
      await database.restart();
      const restarted = performance.now();
      const before = acknowledged.length;
      await until(() => acknowledged.length > before, `a write after restart ${restart + 1}`);
      recoveries.push(performance.now() - restarted);
      await until(() => acknowledged.length >= before + 30, `30 writes after restart ${restart + 1}`);
    }
    await until(readyEverywhere, 'every subgraph ready again');
    writing = false;
    await Promise.all(writers);

    // Each subgraph answers real queries again, not only its readiness probe.
    const reads = await gql(token, '{ customers(first: 1) { totalCount } offers(first: 1) { totalCount } auditRecords(first: 1) { totalCount } }');
    expect(reads.errors).toBeUndefined();

    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const stored = await db.query('select id from customers.customer where id = any($1)', [acknowledged]);
      expect(stored.rowCount).toBe(new Set(acknowledged).size);
      const idle = await db.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
      expect(idle.rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
    // Writes refused during the outage were refused as retryable, never as internal errors.
    expect([...failureCodes].filter((code) => code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    if (process.env.RELIABILITY_FIGURES) {
      console.log(`first write ${recoveries.map((ms) => Math.round(ms)).join(', ')} ms after each restart; ${acknowledged.length} acknowledged writes, all present`);
    }
  }, 120_000);
});
