import { Client } from 'pg';
import { useStack } from '../support/stack';

/**
 * Readiness tells the truth: a subgraph whose database does not answer is not ready, and the
 * gateway is then degraded; liveness stays up (orchestrators restart only dead processes).
 */
describe('liveness and readiness', () => {
  const t = useStack();
  const base = (url: string) => url.replace(/\/graphql$/, '');

  it('every subgraph and the gateway are live and ready while their database answers', async () => {
    for (const running of Object.values(t.stack.subgraphs)) {
      const ready = await fetch(`${base(running.url)}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', subgraph: running.name });
      expect((await fetch(`${base(running.url)}/health/live`)).status).toBe(200);
    }
    expect((await fetch(`${base(t.gatewayUrl)}/health/ready`)).status).toBe(200);
    expect((await fetch(`${base(t.gatewayUrl)}/health/live`)).status).toBe(200);
  });

  it('when the database refuses connections, every subgraph answers 503 on readiness, the gateway is degraded, liveness stays up', async () => {
    const admin = new Client({ connectionString: process.env.TEST_SERVER_URL });
    await admin.connect();
    const database = new URL(t.databaseUrl).pathname.slice(1);
    try {
      await admin.query(`alter database ${database} allow_connections false`);
      // Every connection of the stack goes (the test's own assertion connection stays).
      const own = (await t.db.query('select pg_backend_pid() as pid')).rows[0].pid;
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> $2`, [database, own]);
      const transfers = t.stack.subgraphs.transfers;
      const ready = await fetch(`${base(transfers.url)}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', subgraph: 'transfers' });
      expect((await fetch(`${base(transfers.url)}/health/live`)).status).toBe(200);
      const gateway = await fetch(`${base(t.gatewayUrl)}/health`);
      expect(gateway.status).toBe(503);
      expect(await gateway.json()).toMatchObject({ status: 'degraded', subgraphs: { transfers: 'down', customers: 'down' } });
      expect((await fetch(`${base(t.gatewayUrl)}/health/live`)).status).toBe(200);
    } finally {
      await admin.query(`alter database ${database} allow_connections true`);
      await admin.end();
    }
    // Back once the database accepts connections again (the pool reconnects by itself).
    expect((await fetch(`${base(t.stack.subgraphs.transfers.url)}/health/ready`)).status).toBe(200);
  });
});
