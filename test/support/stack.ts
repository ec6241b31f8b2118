import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { signDevToken } from '../../shared/auth/jwt';
import type { Role } from '../../shared/auth/roles';
import { recordStatements, sqlStatementCount } from '../../shared/db/sql-stats';
import { startStackInProcess, type RunningStack } from '../../scripts/stack';
import { withDatabase } from './global-setup';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface TestStack {
  stack: RunningStack;
  gatewayUrl: string;
  databaseUrl: string;
  /** A connection to this file's database, for assertions on rows. */
  db: Client;
  /** POST a GraphQL request through the gateway. */
  gql<T = any>(token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql, but also counts the SQL statements the request caused. */
  countedGql<T = any>(token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<{ body: GraphQLResponse<T>; statements: number; sql: string[] }>;
  token(tenant: string, roles: Role[], user?: string): Promise<string>;
  operatorToken(): Promise<string>;
}

/**
 * Gives a test file its own database (a clone of the migrated template) and the whole
 * stack in-process on free ports: four subgraphs and the real gateway, over real HTTP.
 * `entityCache: false` turns the gateway's entity cache and the subgraphs' kept catalog answers
 * off (files that measure what the catalog is asked and does); otherwise they are as
 * GATEWAY_ENTITY_CACHE and PEER_ANSWER_CACHE say (on).
 */
export function useStack(options: { entityCache?: boolean } = {}): TestStack {
  const ctx = {} as TestStack;
  const name = `t_${randomBytes(6).toString('hex')}`;
  beforeAll(async () => {
    const admin = new Client({ connectionString: process.env.TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`create database ${name} template ${process.env.TEST_TEMPLATE_DB}`);
    await admin.end();
    ctx.databaseUrl = withDatabase(process.env.TEST_SERVER_URL!, name);
    ctx.stack = await startStackInProcess(ctx.databaseUrl, {}, { entityCache: options.entityCache });
    ctx.gatewayUrl = ctx.stack.gatewayUrl;
    ctx.db = new Client({ connectionString: ctx.databaseUrl });
    await ctx.db.connect();
    ctx.gql = async (token, query, variables) => {
      const response = await fetch(ctx.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    };
    ctx.countedGql = async (token, query, variables) => {
      const before = sqlStatementCount();
      const { result: body, sql } = await recordStatements(() => ctx.gql(token, query, variables));
      return { body, statements: sqlStatementCount() - before, sql };
    };
    ctx.token = (tenant, roles, user) => signDevToken({ sub: user ?? `user-${tenant}`, tid: tenant, roles });
    ctx.operatorToken = () => signDevToken({ sub: 'operator', tid: 'platform', roles: ['PLATFORM_OPERATOR'] });
  });
  afterAll(async () => {
    await ctx.db?.end();
    await ctx.stack?.stop();
    const admin = new Client({ connectionString: process.env.TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return ctx;
}

/** Throws with the response when a GraphQL call failed, else returns its data. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}

export function codeOf(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}
