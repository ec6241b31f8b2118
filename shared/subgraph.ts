import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { forwardedIdentity } from './auth/forwarded-caller';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { IDEMPOTENCY_HEADER, SECRET_HEADER, secretMatches } from './auth/forwarding';
import { RequestClock } from './clock';
import { BusinessClockCache } from './clock-cache';
import { databaseUrlsOf, gatewaySecret, isProduction, type SubgraphName } from './config';
import { CLOCK_OWNER, databaseGroups } from './replication/setup';
import { platformRecordsRoute } from './platform/records';
import { defaultPeerUrls, GraphClient } from './graph-client';
import { PeerCaches, peerAnswerCacheEnabled } from './entity-cache/peer-caches';
import { consumersQueue, registerConsumers, type EventConsumer } from './events/consumers';
import { EVENT_TYPES, sourceOf } from './events/event-types';
import { outboxRetentionQueue } from './events/retention';
import type { DueQueue, SubgraphRuntime } from './jobs/due-queue';
import { dueWorkRoute } from './jobs/due-work';
import { jobsEnabled, startJobRunner } from './jobs/runner';
import type { RequestContext } from './context';
import { createOrm, migrate, type EntityManager, type MigrationEntry } from './db/orm';
import { buildFederatedSchema, type FederatedSchemaOptions } from './graphql/federation';
import { executionOf } from './graphql/compiled-executor';
import { formatError } from './graphql/format-error';
import { inputGuardPlugin } from './graphql/input-guard';
import { guarded, sendJson, serveGraphQL } from './http';
import { observeRequests, requestScopePlugin } from './observability';
import { drainOnClose } from './lifecycle/http-drain';
import { shutdownGraceMs } from './lifecycle/shutdown';
import type { Identity } from './auth/roles';
import { scopeToTenant } from './db/tenant-filter';

const GRAPHQL_PATH = '/graphql';

/** Everything that makes one subgraph: its schema parts, its tables and its loaders. */
export interface SubgraphDefinition<L> extends FederatedSchemaOptions {
  name: SubgraphName;
  entities: Function[];
  migrations: MigrationEntry[];
  createLoaders: (em: EntityManager, identity: Identity | undefined, clock: RequestClock) => L;
  /**
   * Internal HTTP endpoints (behind the gateway secret); return true when handled. `contextFor`
   * gives the context a GraphQL request of that caller gets (its graph client to read peers).
   */
  routes?: (req: IncomingMessage, res: ServerResponse, orm: MikroORM, contextFor: (identity: Identity | undefined) => RequestContext<L>) => Promise<boolean>;
  /** Due work of this subgraph (pg-boss queues; `processDueWork` runs them all at once). */
  dueQueues?: DueQueue<L>[];
  /** Handlers of outbox events this subgraph applies to its own data (idempotent per event). */
  consumers?: EventConsumer<L>[];
  /** Apollo Server plugins of this subgraph besides the common ones. */
  plugins?: ApolloServerPlugin<RequestContext<L>>[];
  /** Called first when the subgraph stops (e.g. to answer requests that wait for a change). */
  onStop?: (orm: MikroORM) => Promise<void>;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  orm: MikroORM;
  runtime: SubgraphRuntime;
  /** The catalog answers its peer calls keep (none in the catalog itself, or with PEER_ANSWER_CACHE=false). */
  peerCaches?: PeerCaches;
  /** Every due queue of this subgraph, consumers included. */
  queues: DueQueue[];
  stop: () => Promise<void>;
}

/**
 * The subgraph's runtime over an ORM: how requests and jobs get a context (own EntityManager,
 * business clock, loaders, graph client as the given identity). Job workers in another
 * process build the same from their own ORM.
 */
export function createRuntime<L>(
  definition: SubgraphDefinition<L>,
  orm: MikroORM,
  peerUrls: Record<SubgraphName, string> = defaultPeerUrls(),
  secret: string = gatewaySecret(),
  elsewhere: SubgraphName[] = [],
  keptClock?: BusinessClockCache,
  peerAnswerCache: boolean = peerAnswerCacheEnabled(),
): SubgraphRuntime<L> & { contextFor: (identity: Identity | undefined, idempotencyKey?: string) => RequestContext<L>; peerCaches?: PeerCaches } {
  // The catalog answers this subgraph's calls may keep (none for the catalog itself; PEER_ANSWER_CACHE=false: none).
  const peerCaches = definition.name !== 'catalog' && peerAnswerCache ? new PeerCaches(peerUrls, secret) : undefined;
  const contextFor = (identity: Identity | undefined, idempotencyKey?: string): RequestContext<L> => {
    // The caller's tenant scope is set once, when the request's EntityManager is forked.
    const em = scopeToTenant(orm.em.fork() as EntityManager, identity);
    const clock = new RequestClock(em, keptClock);
    return {
      identity,
      em,
      clock,
      loaders: definition.createLoaders(em, identity, clock),
      loadersOn: (tx) => definition.createLoaders(tx, identity, clock),
      graph: new GraphClient(peerUrls, secret, identity, peerCaches),
      idempotencyKey,
      subgraph: definition.name,
      elsewhere,
    };
  };
  return { name: definition.name, orm, contextFor, peerCaches };
}

/** One subgraph of each database other than `name`'s (none when all share one). */
export function otherDatabases(name: SubgraphName, urls: Record<SubgraphName, string>): SubgraphName[] {
  return databaseGroups(urls)
    .filter((group) => group.url !== urls[name])
    .map((group) => group.subgraphs[0]);
}

/** Every due queue of a subgraph: its own, the one running its event consumers, and its stream's retention (if it records events). */
export function queuesOf<L>(definition: SubgraphDefinition<L>): DueQueue<L>[] {
  const queues: DueQueue<L>[] = [...(definition.dueQueues ?? [])];
  if (definition.consumers?.length) queues.push(consumersQueue(definition.name, definition.consumers));
  if (EVENT_TYPES.some((type) => sourceOf(type) === definition.name)) queues.push(outboxRetentionQueue(definition.name));
  return queues;
}

/**
 * Readiness that tells the truth: a real query through the pool, bounded in time, so an
 * exhausted pool or an unreachable database answers 503 instead of "ok".
 */
async function sendReadiness(res: ServerResponse, orm: MikroORM, name: string): Promise<void> {
  const probe = orm.em.fork().execute('select 1');
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('database did not answer in 2 s')), 2000).unref());
  try {
    await Promise.race([probe, timeout]);
    sendJson(res, 200, { status: 'ok', subgraph: name });
  } catch (error) {
    probe.catch(() => undefined);
    sendJson(res, 503, { status: 'unavailable', subgraph: name, reason: error instanceof Error ? error.message : String(error) });
  }
}

export function buildSchemaOf(definition: SubgraphDefinition<unknown>): Promise<GraphQLSchema> {
  return buildFederatedSchema(definition);
}

/**
 * Starts a subgraph: ORM on its own schema, migrations, Apollo Server behind the gateway
 * secret (anything without it gets 401), and a fresh context per request.
 */
export async function startSubgraph<L>(
  definition: SubgraphDefinition<L>,
  options: {
    port: number;
    databaseUrl: string;
    host?: string;
    runMigrations?: boolean;
    peerUrls?: Record<SubgraphName, string>;
    /** Every subgraph's database (default: `<SUBGRAPH>_DATABASE_URL`, else this one's). */
    databaseUrls?: Record<SubgraphName, string>;
    /** Whether peer calls keep the catalog's cacheable answers (default: PEER_ANSWER_CACHE, on). */
    peerAnswerCache?: boolean;
  },
): Promise<RunningSubgraph> {
  const orm = await createOrm({
    clientUrl: options.databaseUrl,
    schema: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  if (options.runMigrations !== false) await migrate(orm, options.databaseUrl, definition.name);
  // Retention keeps what a registered consumer has not passed: register before any event is pruned.
  await registerConsumers(orm.em.fork() as EntityManager, definition.consumers ?? []);
  const schema = await buildFederatedSchema(definition);
  const apollo = new ApolloServer<RequestContext<L>>({
    // Queries run compiled unless SUBGRAPH_COMPILED_QUERIES=false (shared/graphql/compiled-executor.ts).
    ...executionOf(schema),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: !isProduction(),
    csrfPrevention: true,
    // The process decides when and how it stops (shared/lifecycle/shutdown.ts), not Apollo.
    stopOnTerminationSignals: false,
    // The gateway checks every input at the edge; subgraphs check again for callers inside the graph.
    // No cache hints are used: without this, Apollo wraps every resolver to collect them.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), inputGuardPlugin(), requestScopePlugin(), ...(definition.plugins ?? [])],
  });
  await apollo.start();
  const secret = gatewaySecret();
  const peerUrls = options.peerUrls ?? defaultPeerUrls();
  const databaseUrls = options.databaseUrls ?? databaseUrlsOf(process.env.DATABASE_URL || options.databaseUrl);
  const elsewhere = otherDatabases(definition.name, databaseUrls);
  // The clock is kept in the process only on the database where it changes: a replicated copy
  // changes without the acknowledgement `setSandboxClock` waits for (shared/clock-cache.ts).
  const keptClock = databaseUrls[CLOCK_OWNER] === options.databaseUrl && process.env.BUSINESS_CLOCK_CACHE !== 'false' ? new BusinessClockCache(options.databaseUrl).start() : undefined;
  const runtime = createRuntime(definition, orm, peerUrls, secret, elsewhere, keptClock, options.peerAnswerCache);
  const contextFor = runtime.contextFor;
  const queues = queuesOf(definition);
  const dueRoute = dueWorkRoute(runtime, queues);
  const recordsRoute = platformRecordsRoute((caller) => scopeToTenant(orm.em.fork() as EntityManager, caller));

  const server: Server = createServer(
    observeRequests(definition.name, guarded(async (req, res) => {
      if (req.url === '/health/live') return sendJson(res, 200, { status: 'ok', subgraph: definition.name });
      if (req.url === '/health' || req.url === '/health/ready') return sendReadiness(res, orm, definition.name);
      const given = req.headers[SECRET_HEADER];
      if (!secretMatches(Array.isArray(given) ? given[0] : given, secret)) {
        return sendJson(res, 401, { errors: [{ message: 'Requests must come through the gateway', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      if (await dueRoute(req, res)) return;
      if (await recordsRoute(req, res)) return;
      if (definition.routes && (await definition.routes(req, res, orm, runtime.contextFor))) return;
      // GraphQL only as `POST /graphql`: no GET queries, no other path reaches the executor.
      if ((req.url ?? '/').split('?')[0] !== GRAPHQL_PATH) return sendJson(res, 404, { error: 'Not found' });
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return sendJson(res, 405, { error: 'GraphQL is served only over POST' });
      }
      const identity = forwardedIdentity(req);
      const key = req.headers[IDEMPOTENCY_HEADER];
      await serveGraphQL(apollo, req, res, async () => contextFor(identity, (Array.isArray(key) ? key[0] : key) || undefined));
    })),
  );
  server.keepAliveTimeout = 65_000;
  const drain = drainOnClose(server);
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const runner = queues.length && jobsEnabled() ? await startJobRunner(runtime, options.databaseUrl, queues, { replicated: elsewhere.length > 0 }) : undefined;

  return {
    name: definition.name,
    url: `http://127.0.0.1:${port}/graphql`,
    orm,
    runtime: runtime as SubgraphRuntime,
    peerCaches: runtime.peerCaches,
    queues: queues as DueQueue[],
    // No new connections; requests in flight and jobs held finish (bounded), then Apollo and the pool close.
    stop: async () => {
      const graceMs = shutdownGraceMs();
      await definition.onStop?.(orm);
      await Promise.all([drain(graceMs), runner?.stop(graceMs)]);
      await apollo.stop();
      await runtime.peerCaches?.stop();
      await keptClock?.stop();
      await orm.close();
    },
  };
}
