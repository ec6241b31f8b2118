import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { encodeIdentity, IDEMPOTENCY_HEADER, IDENTITY_HEADER, SECRET_HEADER } from '../shared/auth/forwarding';
import type { Identity } from '../shared/auth/roles';
import { gatewaySecret, isProduction, projectRoot, SUBGRAPH_NAMES, subgraphUrl, type SubgraphName } from '../shared/config';
import { formatError } from '../shared/graphql/format-error';
import { guarded, sendJson, serveGraphQL } from '../shared/http';
import { IdentityResolver } from './identity';

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
}

export const SUPERGRAPH_PATH = join(projectRoot(), 'gateway', 'supergraph.graphql');

export function loadSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}

/**
 * The gateway: one endpoint over the composed supergraph. It verifies tokens, forwards the
 * identity with the secret only it and the subgraphs know, limits query cost (graphql-armor)
 * and never returns stack traces or internal messages.
 */
export async function startGateway(options: GatewayOptions) {
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, options.subgraphUrls?.[name] ?? subgraphUrl(name)])) as Record<SubgraphName, string>;
  const secret = gatewaySecret();
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraph(),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: urls[name as SubgraphName] ?? url,
        willSendRequest({ request, context }) {
          request.http?.headers.set(SECRET_HEADER, secret);
          if (context.identity) request.http?.headers.set(IDENTITY_HEADER, encodeIdentity(context.identity));
          if (context.idempotencyKey) request.http?.headers.set(IDEMPOTENCY_HEADER, context.idempotencyKey);
        },
      }),
  });
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    costLimit: { maxCost: 500_000 },
    maxTokens: { n: 3000 },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...armor,
    plugins: [...armor.plugins],
    validationRules: [...armor.validationRules],
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: !isProduction(),
  });
  await apollo.start();
  const identities = new IdentityResolver(urls.customers.replace(/\/graphql$/, ''), secret);

  const server: Server = createServer(
    guarded(async (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
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
      if (path !== '/graphql') return sendJson(res, 404, { error: 'Not found' });
      const idempotencyKey = req.headers[IDEMPOTENCY_HEADER];
      await serveGraphQL(apollo, req, res, async () => ({
        identity: await identities.fromHeaders(req.headers),
        idempotencyKey: (Array.isArray(idempotencyKey) ? idempotencyKey[0] : idempotencyKey) || undefined,
      }));
    }),
  );
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
