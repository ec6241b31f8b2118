import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { encodeIdentity, IDEMPOTENCY_HEADER, IDENTITY_HEADER, SECRET_HEADER } from '../shared/auth/forwarding';
import type { Identity } from '../shared/auth/roles';
import { gatewaySecret, isProduction, PRICE_LIST_PATH, projectRoot, SUBGRAPH_NAMES, subgraphUrl, type SubgraphName, numberSetting } from '../shared/config';
import { EntityCache, entityCacheEnabled, entityCacheMaxBytes } from '../shared/entity-cache/entity-cache';
import { AnswerMemo } from './fast-path/answer-memo';
import { ChangeFollower } from '../shared/entity-cache/change-follower';
import { formatError } from '../shared/graphql/format-error';
import { inputGuardPlugin, variablesRefusal } from '../shared/graphql/input-guard';
import { guarded, readGraphQLBody, sendJson, serveGraphQL } from '../shared/http';
import { edgeScalarsPlugin } from './edge-scalars';
import { IdentityResolver } from './identity';
import { queryCostLimit, queryCostPlugin } from './query-cost';
import { serveDashboard } from './dashboard-route';
import { serveInvitationLinks } from './links-route';
import { serveSoftwareDownload } from './software-downloads';
import { servePriceListImport } from './price-list-route';
import { serveReconciliationFile } from './reconciliation-route';
import { apolloSubgraphSource, subgraphSource } from './subgraph-data-source';
import { observeRequests, requestScopePlugin } from '../shared/observability';
import { applyCors, originPolicy } from './cors';
import { serveGraphiQL } from './graphiql-route';
import { noSubscriptionOperations } from './no-subscriptions';
import { printPublicSchema, serveSchema } from './schema-route';
import { FederatedGateway } from './execution/federated-gateway';
import { drainOnClose } from '../shared/lifecycle/http-drain';
import { rateLimits, sendRateLimited } from './rate-limit';
import { trustedManifest } from '../shared/trusted-documents';
import { manifestStore, trustedDocumentPolicy, trustedDocumentsPlugin } from './trusted-documents/plugin';
import { trustedDocumentsMode } from './trusted-documents/policy';
import { serveManifest } from './trusted-documents/route';
import { shutdownGraceMs } from '../shared/lifecycle/shutdown';
import { AcceptedDocuments } from './fast-path/accepted-documents';
import { fastPathEnabled, GraphQLFastPath, type RequestCheck } from './fast-path/fast-path';
import { InflightOperations, operationDeduplicationEnabled } from './fast-path/inflight-operations';
import type { Answer } from './fast-path/apollo-answer';
import { writesAnswered } from './execution/inflight';

export interface GatewayContext {
  identity?: Identity;
  /** The client's `Idempotency-Key` header (API.md), passed on to the subgraphs (ORD-7). */
  idempotencyKey?: string;
}

export interface GatewayOptions {
  port: number;
  host?: string;
  /** Subgraph URLs; default from CUSTOMERS_URL … or localhost ports (API.md). */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** Whether the catalog's entities are cached (default: GATEWAY_ENTITY_CACHE, on unless `false`). */
  entityCache?: boolean;
  /** Identical queries in flight executed once (default: GATEWAY_OPERATION_DEDUPLICATION). */
  operationDeduplication?: boolean;
}

/** Lexical tokens a document may hold (graphql-js stops parsing beyond it). */
const MAX_TOKENS = 3000;

/**
 * How long an idle client connection stays open (GATEWAY_KEEP_ALIVE_TIMEOUT_MS): longer than
 * the idle timeout of the load balancers in front (AWS ALB 60 s, Azure 4 min, Google Cloud
 * 10 min), so the balancer, not the gateway, closes idle connections and never sends a request
 * on a socket the gateway is closing.
 */
export function keepAliveTimeoutMs(): number {
  return numberSetting(process.env.GATEWAY_KEEP_ALIVE_TIMEOUT_MS, 620_000);
}

export const SUPERGRAPH_PATH = join(projectRoot(), 'gateway', 'supergraph.graphql');

export function loadSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}

/**
 * Apollo Gateway sends facts about its host (uptime, OS, CPU count and frequency, memory) to
 * Apollo's usage-reporting endpoint every hour and when it stops, unless
 * APOLLO_TELEMETRY_DISABLED is set. This gateway sends nothing outside unless its operator
 * allows it (APOLLO_TELEMETRY_DISABLED=false); the variable is the only switch Apollo offers.
 */
/**
 * GATEWAY_EXECUTOR: `apollo` runs Apollo Gateway's own executor (the reference the gateway's
 * executor answers like, byte for byte; slower), anything else the gateway's (gateway/execution/).
 */
export function gatewayExecutor(env: NodeJS.ProcessEnv = process.env): 'apollo' | 'own' {
  return env.GATEWAY_EXECUTOR?.trim().toLowerCase() === 'apollo' ? 'apollo' : 'own';
}

export function withoutVendorTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED ??= 'true';
}

/**
 * The gateway: one endpoint over the composed supergraph. It verifies tokens, forwards the
 * identity with the secret only it and the subgraphs know, limits query cost (graphql-armor)
 * and never returns stack traces or internal messages.
 */
export async function startGateway(options: GatewayOptions) {
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, options.subgraphUrls?.[name] ?? subgraphUrl(name)])) as Record<SubgraphName, string>;
  const secret = gatewaySecret();
  withoutVendorTelemetry();
  // Each subgraph behind a timeout and a circuit breaker: one that is down or stalled costs
  // only the fields it owns (gateway/subgraph-source.ts).
  // Once per client request, however many fetches it makes; a caller's identity is encoded once
  // (IdentityResolver hands the same identity object for the same token).
  const headersByRequest = new WeakMap<GatewayContext, Record<string, string>>();
  const encodedIdentities = new WeakMap<Identity, string>();
  const encoded = (identity: Identity) => {
    let value = encodedIdentities.get(identity);
    if (value === undefined) encodedIdentities.set(identity, (value = encodeIdentity(identity)));
    return value;
  };
  const headersFor = (context: GatewayContext) => {
    let headers = headersByRequest.get(context);
    if (!headers) {
      headers = {
        [SECRET_HEADER]: secret,
        ...(context.identity ? { [IDENTITY_HEADER]: encoded(context.identity) } : {}),
        ...(context.idempotencyKey ? { [IDEMPOTENCY_HEADER]: context.idempotencyKey } : {}),
      };
      headersByRequest.set(context, headers);
    }
    return headers;
  };
  const source = (name: string, url?: string) => urls[name as SubgraphName] ?? url!;
  // The catalog's tenant-independent entities, kept while the catalog's change feed is followed
  // (gateway/entity-cache/; GATEWAY_ENTITY_CACHE=false: none). Only with the gateway's executor.
  const catalogEntities = (options.entityCache ?? entityCacheEnabled()) && gatewayExecutor() === 'own' ? new EntityCache('catalog') : undefined;
  const followCatalog = catalogEntities && new ChangeFollower(urls.catalog, secret, catalogEntities).start();
  const supergraphSdl = loadSupergraph();
  // The gateway's own executor (gateway/execution/), or Apollo Gateway's when the operator asks for it.
  const own = gatewayExecutor() === 'own' ? new FederatedGateway({ supergraphSdl, buildService: ({ name, url }) => subgraphSource<GatewayContext>(name, source(name, url), headersFor, name === 'catalog' ? catalogEntities : undefined) }) : undefined;
  const gateway = own ?? new ApolloGateway({ supergraphSdl, buildService: ({ name, url }) => apolloSubgraphSource<GatewayContext>(name, source(name, url), headersFor) });
  // Depth and alias limits come from graphql-armor (validation rules: 400). Its token limit
  // parses again in a hook whose errors become 500s, and its cost rule cannot see variables:
  // graphql-js's own token limit (a parse error, 400 GRAPHQL_PARSE_FAILED) and the gateway's
  // cost plugin replace them.
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    // "Did you mean …" hints help people exploring the graph; production keeps the schema quiet.
    blockFieldSuggestion: { enabled: isProduction() },
  }).protect();
  const manifest = trustedManifest();
  const trusted = trustedDocumentPolicy(manifest, trustedDocumentsMode());
  const costLimit = queryCostLimit();
  const limits = rateLimits();
  // Documents the pipeline accepted once, served again without it (gateway/fast-path/), with the
  // gateway's own executor only.
  const accepted = own && fastPathEnabled() ? new AcceptedDocuments() : undefined;
  // Identical queries in flight executed once, on the fast path (gateway/fast-path/inflight-operations.ts).
  const inflightOperations = accepted && (options.operationDeduplication ?? operationDeduplicationEnabled()) ? new InflightOperations<Answer>() : undefined;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    parseOptions: { maxTokens: MAX_TOKENS },
    // Documents sent by id come from the trusted-documents manifest only (gateway/trusted-documents/).
    persistedQueries: { cache: manifestStore(manifest), ttl: null },
    plugins: [
      trustedDocumentsPlugin(trusted),
      ...armor.plugins,
      edgeScalarsPlugin(),
      inputGuardPlugin(),
      queryCostPlugin(costLimit),
      requestScopePlugin(),
      ...(accepted ? [accepted.plugin<GatewayContext>()] : []),
      writesAnswered.plugin<GatewayContext>(),
    ],
    validationRules: [...armor.validationRules, noSubscriptionOperations],
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: !isProduction(),
    // The process decides when and how it stops (shared/lifecycle/shutdown.ts), not Apollo.
    stopOnTerminationSignals: false,
  });
  let publicSchema: string | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    publicSchema = printPublicSchema(apiSchema);
  });
  await apollo.start();
  // The checks of the plugins above that depend on the request, made again for each request the fast path serves.
  const checks: RequestCheck[] = [
    (document, request) => !trusted.applies(request.headers) || (document.trusted ??= trusted.trusts(document.document, document.queryHash, document.operationName)),
    (_document, request) => variablesRefusal(request.variables) === null,
    (document, request) => costLimit.refusal({ schema: document.schema, document: document.document, operation: document.operation, variables: request.variables ?? {} }) === null,
  ];
  const fastPath =
    own && accepted
      ? new GraphQLFastPath<GatewayContext>({
          documents: accepted,
          executor: own,
          checks,
          formatError,
          errorPlugins: armor.plugins,
          logger: apollo.logger,
          writes: writesAnswered,
          inflight: inflightOperations,
          forwardedHeaders: headersFor,
          memo: catalogEntities && new AnswerMemo(entityCacheMaxBytes() / 4),
        })
      : undefined;
  const corsOrigins = originPolicy();
  const identities = new IdentityResolver(urls.customers.replace(/\/graphql$/, ''), secret);

  const server: Server = createServer(
    observeRequests('gateway', guarded(async (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (applyCors(req, res, corsOrigins)) return;
      if (path === '/health/live') return sendJson(res, 200, { status: 'ok' });
      // Ready when every subgraph can reach its database (each answers its own readiness probe).
      if (path === '/health' || path === '/health/ready') {
        const checks = await Promise.all(
          SUBGRAPH_NAMES.map(async (name) => {
            try {
              const response = await fetch(urls[name].replace(/\/graphql$/, '/health/ready'), { signal: AbortSignal.timeout(3000) });
              return [name, response.ok ? 'ok' : 'down'] as const;
            } catch {
              return [name, 'down'] as const;
            }
          }),
        );
        const ok = checks.every(([, status]) => status === 'ok');
        return sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', subgraphs: Object.fromEntries(checks) });
      }
      if (await serveSoftwareDownload(req, res, { identities, subscriptionsUrl: urls.subscriptions, secret })) return;
      if (path === PRICE_LIST_PATH) {
        // An import through this gateway empties the entity cache when it starts and when it is answered.
        catalogEntities?.invalidate('write');
        try {
          if (await servePriceListImport(req, res, { identities, catalogUrl: urls.catalog, secret })) return;
        } finally {
          catalogEntities?.invalidate('write');
          writesAnswered.written();
        }
      }
      if (await serveReconciliationFile(req, res, { identities, subscriptionsUrl: urls.subscriptions, secret })) return;
      if (await serveDashboard(req, res)) return;
      if (await serveInvitationLinks(req, res)) return;
      if (serveSchema(req, res, () => publicSchema)) return;
      if (serveManifest(req, res)) return;
      if (await serveGraphiQL(req, res)) return;
      if (path !== '/graphql') return sendJson(res, 404, { error: 'Not found' });
      const idempotencyKey = req.headers[IDEMPOTENCY_HEADER];
      // The token is verified once: its tenant is what the rate limit counts; a bad token is
      // answered by Apollo below as before.
      const identity = identities.fromHeaders(req.headers);
      const tenant = await identity.then((verified) => verified?.tenantId, () => undefined);
      const retryAfter = await limits.take({ tenant, address: req.socket.remoteAddress });
      if (retryAfter !== undefined) return sendRateLimited(res, retryAfter);
      const context = async (): Promise<GatewayContext> => ({
        identity: await identity,
        idempotencyKey: (Array.isArray(idempotencyKey) ? idempotencyKey[0] : idempotencyKey) || undefined,
      });
      if (!fastPath || req.method !== 'POST') return serveGraphQL(apollo, req, res, context);
      const posted = await readGraphQLBody(req, res);
      if (!posted || (await fastPath.serve(req, res, posted.body, context))) return;
      await serveGraphQL(apollo, req, res, context, posted);
    })),
  );
  server.keepAliveTimeout = keepAliveTimeoutMs();
  const drain = drainOnClose(server);
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    // No new connections; requests in flight finish (bounded by SHUTDOWN_GRACE_MS), then Apollo stops.
    stop: async () => {
      await drain(shutdownGraceMs());
      await followCatalog?.stop();
      await apollo.stop();
    },
    /** The catalog's entity cache (undefined when off), for diagnostics and tests. */
    catalogEntities,
  };
}
