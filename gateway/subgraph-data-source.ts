import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { withDistinctRepresentations } from './entity-dedupe';
import type { LeanResponse } from '../shared/lean-http';
import { subgraphFetcher } from './subgraph-source';
import { IDENTITY_HEADER } from '../shared/auth/forwarding';
import { withCachedAnswer, withCachedEntities } from './entity-cache/cached-entities';
import type { EntityCache } from '../shared/entity-cache/entity-cache';
import { noteSent, type MemoryReads } from './entity-cache/memory-reads';

/** What the executor (ours or Apollo Gateway's) hands a data source for one subgraph fetch. */
interface ProcessOptions<C> {
  kind: string;
  request: { query?: string; variables?: Record<string, unknown>; operationName?: string; http?: unknown };
  context: C;
  incomingRequestContext?: { overallCachePolicy?: { restrict?(hint: { maxAge?: number; scope?: string }): void }; memoryReads?: MemoryReads };
}

type Send = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<LeanResponse>;

/**
 * The data source of one subgraph, as either executor calls it (`process`, Apollo Gateway's
 * GraphQLDataSource interface): the request's headers are the content type and what `headersFor`
 * gives for the caller (secret, identity, idempotency key); each distinct entity representation is
 * sent once (gateway/entity-dedupe.ts); the answer, its errors and the cache hint it gives are what
 * Apollo's RemoteGraphQLDataSource (@apollo/gateway 2.14.4) makes of it, without the node-fetch
 * Headers and Request objects it built for every fetch only to hand to hooks this gateway does not
 * use (a tenth of the gateway's work on `me`).
 */
export class SubgraphDataSource<C> {
  constructor(
    private readonly url: string,
    private readonly send: Send,
    private readonly headersFor: (context: C) => Record<string, string>,
    private readonly entityCache?: EntityCache,
  ) {}

  process(options: ProcessOptions<C>): Promise<Record<string, unknown>> {
    const cache = this.entityCache;
    if (!cache) return withDistinctRepresentations(options, (distinct) => this.fetch(distinct));
    if (options.request.query?.startsWith('mutation')) return this.write(cache, options);
    const authenticated = IDENTITY_HEADER in this.headersFor(options.context);
    if (!Array.isArray(options.request.variables?.representations)) return withCachedAnswer(cache, options, authenticated, (whole) => this.fetch(whole));
    return withCachedEntities(cache, options, authenticated, (missing) => withDistinctRepresentations(missing, (distinct) => this.fetch(distinct)));
  }

  /**
   * A mutation of a subgraph whose entities are cached (an import): the cache is emptied when it
   * is sent and again when it is answered, so the next query after its answer reads afresh.
   */
  private async write(cache: EntityCache, options: ProcessOptions<C>): Promise<Record<string, unknown>> {
    cache.invalidate('write');
    try {
      return await this.fetch(options);
    } finally {
      cache.invalidate('write');
    }
  }

  private async fetch(options: ProcessOptions<C>): Promise<Record<string, unknown>> {
    const { request, context, kind, incomingRequestContext } = options;
    noteSent(options);
    if (!request.query) throw new Error('Missing query');
    const headers = { 'content-type': 'application/json', ...this.headersFor(context) };
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName });
    const response = await this.send(this.url, { method: 'POST', headers, body });
    if (!response.ok) throw await errorFromResponse(response);
    const parsed = await parseBody(response);
    if (parsed === undefined || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`Expected JSON response body, but received: ${parsed}`);
    const policy = kind === 'incoming operation' ? incomingRequestContext?.overallCachePolicy : undefined;
    if (policy && typeof policy.restrict === 'function') policy.restrict(cacheHint(response.headers.get('cache-control')));
    return { ...(parsed as Record<string, unknown>), http: response };
  }
}

function parseBody(response: LeanResponse): Promise<unknown> {
  const contentType = response.headers.get('Content-Type');
  return contentType && (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json')) ? response.json() : response.text();
}

/** A subgraph's non-2xx answer as Apollo's data source reports it. */
async function errorFromResponse(response: LeanResponse): Promise<GraphQLError> {
  const body = await parseBody(response);
  const extensions: Record<string, unknown> = { response: { url: response.url, status: response.status, statusText: response.statusText, body } };
  if (response.status === 401) extensions.code = 'UNAUTHENTICATED';
  else if (response.status === 403) extensions.code = 'FORBIDDEN';
  return new GraphQLError(`${response.status}: ${response.statusText}`, { extensions });
}

/** The cache hint of a subgraph's `Cache-Control` (none: not cacheable), as Apollo's data source reads it. */
function cacheHint(header: string | null): { maxAge: number; scope?: string } {
  const directives: Record<string, string | true> = {};
  for (const part of header ? header.trim().split(/\s*,\s*/) : []) {
    const [key, value] = part.split(/\s*=\s*/, 2);
    directives[key] = value === undefined ? true : value.replace(/^"|"$/g, '');
  }
  const hint: { maxAge: number; scope?: string } = { maxAge: 0 };
  const maxAge = directives['max-age'];
  if (typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge)) hint.maxAge = +maxAge;
  if (directives.private === true) hint.scope = 'PRIVATE';
  if (directives.public === true) hint.scope = 'PUBLIC';
  return hint;
}

/**
 * Forwarding data source of one subgraph: lean keep-alive fetch, timeout, breaker, in-flight
 * merging, representations sent once, cacheable entities served from `entityCache` (if given).
 */
export function subgraphSource<C>(service: string, url: string, headersFor: (context: C) => Record<string, string>, entityCache?: EntityCache): SubgraphDataSource<C> {
  return new SubgraphDataSource<C>(url, subgraphFetcher(service) as unknown as Send, headersFor, entityCache);
}

/**
 * For GATEWAY_EXECUTOR=apollo: Apollo's own RemoteGraphQLDataSource over the same fetch, headers
 * and entity de-duplication, so that mode is Apollo Gateway as shipped, the reference the
 * gateway's executor and data source answer like (test/foundation/gateway-executor.e2e-spec.ts).
 */
export function apolloSubgraphSource<C extends Record<string, any>>(service: string, url: string, headersFor: (context: C) => Record<string, string>): RemoteGraphQLDataSource<C> {
  class DistinctRepresentations extends RemoteGraphQLDataSource<C> {
    override process(options: Parameters<RemoteGraphQLDataSource<C>['process']>[0]) {
      return withDistinctRepresentations(options, (distinct) => super.process(distinct));
    }
  }
  return new DistinctRepresentations({
    url,
    fetcher: subgraphFetcher(service),
    willSendRequest: ({ request, context }) => {
      for (const [name, value] of Object.entries(headersFor(context as C))) request.http?.headers.set(name, value);
    },
  });
}
