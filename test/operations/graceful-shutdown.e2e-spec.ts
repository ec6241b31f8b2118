import { Client } from 'pg';
import { SUBGRAPH_NAMES } from '../../shared/config';
import { freePort } from '../../shared/free-port';
import { onboardPartner } from '../support/fixtures';
import { killAll, refusesConnections, spawnCompiled, until, type SpawnedProcess } from '../support/processes';
import { useStack } from '../support/stack';

/**
 * SIGTERM under load, with real processes: the gateway and the customers subgraph run as
 * `npm start` and the image run them (compiled, development mode). Requests are held in flight
 * by a table lock in PostgreSQL, so the signal is sure to arrive while every client waits.
 */
describe('graceful shutdown', () => {
  const t = useStack();
  const spawned: (SpawnedProcess | undefined)[] = [];
  afterAll(() => killAll(spawned));

  it('SIGTERM during load: both processes stop accepting, every request in flight is answered, then they exit 0', async () => {
    const [gatewayPort, customersPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: t.databaseUrl, JOBS_ENABLED: 'false' };
    for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_URL`] = t.stack.subgraphs[name].url;
    env.CUSTOMERS_URL = `http://127.0.0.1:${customersPort}/graphql`;
    const customers = spawnCompiled('subgraphs/main.js', ['customers'], { ...env, CUSTOMERS_PORT: String(customersPort) });
    spawned.push(customers);
    await until('the customers subgraph', () => fetch(`http://127.0.0.1:${customersPort}/health/ready`).then((r) => (r.ok ? true : undefined), () => undefined));
    const gateway = spawnCompiled('gateway/main.js', [], { ...env, GATEWAY_PORT: String(gatewayPort) });
    spawned.push(gateway);
    const url = `http://127.0.0.1:${gatewayPort}/graphql`;

    const partner = await onboardPartner(t);
    const token = await partner.token();
    const ask = (as = token) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${as}` }, body: JSON.stringify({ query: '{ me { tenant { ... on Partner { id name } } } }' }) });
    // The gateway learns the partner's tenant kind once (cached), before the lock.
    await until('the gateway', () => ask().then((r) => (r.ok ? true : undefined), () => undefined));

    const lock = new Client({ connectionString: t.databaseUrl });
    await lock.connect();
    await lock.query('begin');
    await lock.query('lock table customers.partner in access exclusive mode');

    // Eight clients, each sending one request after another until the gateway refuses them. Each is
    // a user of its own: the gateway sends identical queries of one caller in flight only once.
    const CLIENTS = 8;
    const tokens = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => t.token(partner.id, ['ADMIN_AGENT'], `user-${partner.id}-${i}`)));
    const outcomes = { answered: 0, refused: 0, lost: [] as string[] };
    const client = async (_: unknown, i: number) => {
      for (;;) {
        try {
          const response = await ask(tokens[i]);
          const body = (await response.json()) as { data?: { me?: { tenant?: { id?: string } } } };
          if (response.status === 200 && body.data?.me?.tenant?.id === partner.id) outcomes.answered += 1;
          else outcomes.lost.push(`HTTP ${response.status} ${JSON.stringify(body)}`);
        } catch (error) {
          const code = ((error as { cause?: { code?: string } }).cause ?? {}).code;
          if (code === 'ECONNREFUSED') outcomes.refused += 1;
          else outcomes.lost.push(String(code ?? error));
          return;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    const waiting = async () => Number((await t.db.query(`select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`)).rows[0].count);
    await until('every request to wait on the lock', async () => ((await waiting()) >= CLIENTS ? true : undefined));

    gateway.child.kill('SIGTERM');
    customers.child.kill('SIGTERM');
    await until('the gateway to stop accepting', async () => ((await refusesConnections(gatewayPort)) ? true : undefined));
    await until('the subgraph to stop accepting', async () => ((await refusesConnections(customersPort)) ? true : undefined));
    expect(gateway.child.exitCode).toBeNull();

    await lock.query('commit');
    await lock.end();
    await Promise.all(clients);
    expect(outcomes).toEqual({ answered: CLIENTS, refused: CLIENTS, lost: [] });
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    expect(await customers.exited).toEqual({ code: 0, signal: null });
  });
});
