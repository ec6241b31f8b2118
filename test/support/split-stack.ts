import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { signDevToken } from '../../shared/auth/jwt';
import type { SubgraphName } from '../../shared/config';
import { tearDownReplication } from '../../shared/replication/setup';
import { migrateAndSeed, startStackInProcess } from '../../scripts/stack';
import { withDatabase } from './global-setup';
import type { GraphQLResponse, TestStack } from './stack';

export interface SplitTestStack extends TestStack {
  /** Each subgraph's database URL. */
  urls: Record<SubgraphName, string>;
  /** A connection to each database, for assertions on rows (`db` is the first one's). */
  dbs: Client[];
}

/**
 * Like `useStack`, but the subgraphs use several databases of the test server, one per group
 * (e.g. customers and catalog on one, subscriptions and transfers on another): each database is
 * created empty, gets the migrations of the subgraphs it holds, and the event streams and the
 * clock are replicated between them, as `npm start` does with `<SUBGRAPH>_DATABASE_URL` set.
 */
export function useSplitStack(groups: SubgraphName[][]): SplitTestStack {
  const ctx = {} as SplitTestStack;
  const names = groups.map(() => `t_${randomBytes(6).toString('hex')}`);
  beforeAll(async () => {
    const server = process.env.TEST_SERVER_URL!;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    for (const name of names) await admin.query(`create database ${name}`);
    await admin.end();
    ctx.urls = {} as Record<SubgraphName, string>;
    groups.forEach((group, index) => {
      for (const subgraph of group) ctx.urls[subgraph] = withDatabase(server, names[index]);
    });
    await migrateAndSeed(ctx.urls, { demo: false });
    ctx.stack = await startStackInProcess(ctx.urls);
    ctx.gatewayUrl = ctx.stack.gatewayUrl;
    ctx.databaseUrl = ctx.urls[groups[0][0]];
    ctx.dbs = [];
    for (const name of names) {
      const client = new Client({ connectionString: withDatabase(server, name) });
      await client.connect();
      ctx.dbs.push(client);
    }
    ctx.db = ctx.dbs[0];
    ctx.gql = async (token, query, variables) => {
      const response = await fetch(ctx.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    };
    ctx.countedGql = () => Promise.reject(new Error('not counted on a split stack'));
    ctx.token = (tenant, roles, user) => signDevToken({ sub: user ?? `user-${tenant}`, tid: tenant, roles });
    ctx.operatorToken = () => signDevToken({ sub: 'operator', tid: 'platform', roles: ['PLATFORM_OPERATOR'] });
  }, 120_000);
  afterAll(async () => {
    for (const client of ctx.dbs ?? []) await client.end();
    await ctx.stack?.stop();
    if (ctx.urls) await tearDownReplication(ctx.urls);
    const admin = new Client({ connectionString: process.env.TEST_SERVER_URL });
    await admin.connect();
    for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }, 60_000);
  return ctx;
}
