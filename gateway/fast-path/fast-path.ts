import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter } from 'prom-client';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { hasContentType } from '../../shared/http';
import { requestScope } from '../../shared/log';
import { registry } from '../../shared/metrics';
import { noteOutcome } from '../../shared/observability';
import type { Json } from '../execution/merge';
import { QUERY_PLAN_HEADER, type RequestContext } from '../execution/federated-gateway';
import type { AcceptedDocument, AcceptedDocuments } from './accepted-documents';
import { answerOf, asGraphQLError, CachePolicy, singleResultContentType, type Answer, type Execution } from './apollo-answer';
import { operationKey, type InflightOperations } from './inflight-operations';
import type { WriteGenerations } from '../execution/inflight';
import { MemoryReads } from '../entity-cache/memory-reads';
import { memoKey, type AnswerMemo } from './answer-memo';
import { switchedOn } from '../../shared/config';

/** GATEWAY_FAST_PATH (default on; `false` or `0` off): later requests of an accepted document skip Apollo Server's pipeline. */
export function fastPathEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return switchedOn(env.GATEWAY_FAST_PATH);
}

const fastPathRequests = new Counter({
  name: 'gateway_fast_path_requests_total',
  help: 'POST /graphql requests by the way they were served: fast (a document accepted before, without Apollo Server\'s pipeline) or full (Apollo Server).',
  labelNames: ['path'] as const,
  registers: [registry],
});
const servedFast = fastPathRequests.labels('fast');
const servedFull = fastPathRequests.labels('full');

/** What one request brings, as Apollo Server reads a POST body (runHttpQuery.ts). */
export interface FastRequest {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  extensions: Record<string, unknown> | undefined;
  headers: IncomingHttpHeaders;
}

/**
 * A check that depends on the request (its variables, its headers) and that Apollo Server makes
 * before execution: false sends the request through Apollo Server, which answers the refusal.
 */
export type RequestCheck = (accepted: AcceptedDocument, request: FastRequest) => boolean;

/** The gateway's executor (gateway/execution/federated-gateway.ts), as the fast path calls it. */
export interface FastPathExecutor {
  variableErrors(document: AcceptedDocument['document'], operationName: string | undefined, variables: Json | undefined): readonly GraphQLError[] | undefined;
  executeChecked(requestContext: RequestContext): Promise<Json>;
}

export interface FastPathOptions<C extends BaseContext> {
  documents: AcceptedDocuments;
  executor: FastPathExecutor;
  checks: RequestCheck[];
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Apollo Server plugins whose `didEncounterErrors` hooks see the errors before they are formatted (graphql-armor hides suggestions there). */
  errorPlugins: ApolloServerPlugin<C>[];
  logger: { error(message: string): void };
  /** Told of every write answered, before its answer is sent (reads after writes never join what started before). */
  writes?: WriteGenerations;
  /** Identical queries in flight executed once (off when absent). */
  inflight?: InflightOperations<Answer>;
  /** The headers the gateway forwards to the subgraphs for a request of this context: part of what makes two queries identical. */
  forwardedHeaders?: (context: C) => Record<string, string>;
  /** Finished answers of queries the entity cache alone answered (off when absent). */
  memo?: AnswerMemo;
}

/**
 * POST /graphql without Apollo Server's request pipeline for a document it accepted before
 * (gateway/fast-path/accepted-documents.ts): found by its text and operation name, it is checked
 * for what depends on this request (identity, trusted-document policy, variables: input guard,
 * query cost, coercion), executed by the gateway's executor and answered with the status,
 * headers and bytes Apollo Server would send. Anything else, and any refusal before execution,
 * is left to Apollo Server (`serve` answers false before touching the response).
 */
export class GraphQLFastPath<C extends BaseContext & { identity?: { tenantId?: string } }> {
  constructor(private readonly options: FastPathOptions<C>) {}

  async serve(req: IncomingMessage, res: ServerResponse, body: unknown, context: () => Promise<C>): Promise<boolean> {
    const admitted = this.admit(req, body);
    if (!admitted) return this.full();
    const { request, accepted, contentType } = admitted;
    let contextValue: C;
    try {
      // A context that fails (a bad token) is answered by Apollo Server.
      contextValue = await context();
      for (const check of this.options.checks) if (!check(accepted, request)) return this.full();
      if (this.options.executor.variableErrors(accepted.document, request.operationName, request.variables)) return this.full();
    } catch {
      return this.full();
    }
    servedFast.inc();
    // What requestScopePlugin tells the request's scope (shared/observability.ts).
    const scope = requestScope.getStore();
    if (scope) {
      scope.tenant = contextValue.identity?.tenantId;
      scope.operation = request.operationName ?? accepted.operation.name?.value ?? '';
    }
    const answer = await this.answer(request, accepted, contextValue, contentType);
    // A write answered: later queries read after it (gateway/fast-path/inflight-operations.ts).
    if (accepted.operation.operation !== 'query') this.options.writes?.written();
    if (scope) noteOutcome(scope, answer.errors, answer.data);
    res.statusCode = answer.status;
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.end(answer.text);
    return true;
  }

  /**
   * The answer of one execution; a query identical to one executing (same document, variables,
   * answer type and forwarded headers, gateway/fast-path/inflight-operations.ts) shares its answer.
   */
  private answer(request: FastRequest, accepted: AcceptedDocument, context: C, contentType: string): Promise<Answer> {
    const { inflight, forwardedHeaders, memo } = this.options;
    const query = accepted.operation.operation === 'query';
    const { operationName, variables, extensions } = request;
    // A query the entity cache alone answered before is answered as it was (gateway/fast-path/answer-memo.ts);
    // only documents that were ever answered so are looked up.
    const memoable = !!memo && query && !headerValue(request.headers, QUERY_PLAN_HEADER);
    const keyOf = () => memoKey({ query: request.query, operationName, variables, extensions, contentType, authenticated: !!context.identity });
    const known = memoable && accepted.answeredFromMemory ? memo!.lookup(keyOf()) : undefined;
    if (known) return Promise.resolve(known);
    const execute = async (): Promise<Answer> => {
      const policy = new CachePolicy();
      const reads = memoable ? new MemoryReads() : undefined;
      let execution: Execution;
      try {
        execution = { result: await this.options.executor.executeChecked(this.requestContext(request, accepted, context, policy, reads)) };
      } catch (error) {
        execution = { thrown: asGraphQLError(error) };
      }
      const errors = 'thrown' in execution ? [execution.thrown] : execution.result.errors;
      if (errors) await this.encountered(errors);
      const answer = answerOf(execution, policy, contentType, this.options.formatError);
      if (reads?.fromMemoryAlone && memo!.keep(keyOf(), reads, answer)) accepted.answeredFromMemory = true;
      return answer;
    };
    if (!inflight || !forwardedHeaders || !query) return execute();
    return inflight.run(operationKey({ query: request.query, operationName, variables, extensions, contentType, forwarded: forwardedHeaders(context) }), execute).result;
  }

  private full(): false {
    servedFull.inc();
    return false;
  }

  /** The request when it is one the fast path serves: Apollo Server would take it as it is, and its document was accepted. */
  private admit(req: IncomingMessage, body: unknown): { request: FastRequest; accepted: AcceptedDocument; contentType: string } | undefined {
    // A query string, another content type (CSRF rules) or an Accept Apollo answers 406: Apollo Server.
    if (req.method !== 'POST' || req.url !== '/graphql' || !hasContentType(req, 'application/json')) return undefined;
    const contentType = singleResultContentType(req.headers.accept);
    if (!contentType || !isRecord(body) || typeof body.query !== 'string') return undefined;
    const { query, operationName, variables, extensions } = body;
    if (operationName != null && typeof operationName !== 'string') return undefined;
    if (variables != null && !isRecord(variables)) return undefined;
    // Persisted queries (an id, or a document with its hash) take Apollo Server's way.
    if (extensions != null && (!isRecord(extensions) || extensions.persistedQuery !== undefined)) return undefined;
    const name = operationName ?? undefined;
    const accepted = this.options.documents.find(query, name);
    if (!accepted) return undefined;
    const request: FastRequest = { query, operationName: name, variables: variables ?? undefined, extensions: extensions ?? undefined, headers: req.headers };
    return { request, accepted, contentType };
  }

  /** The part of Apollo Server's gateway request context the executor and the data sources read. */
  private requestContext(request: FastRequest, accepted: AcceptedDocument, context: C, policy: CachePolicy, memoryReads: MemoryReads | undefined): RequestContext {
    const { headers } = request;
    return {
      request: {
        query: request.query,
        operationName: request.operationName,
        variables: request.variables,
        extensions: request.extensions,
        http: {
          method: 'POST',
          url: 'https://unknown-url.invalid/',
          headers: {
            get: (name: string) => headerValue(headers, name) ?? null,
            has: (name: string) => headerValue(headers, name) !== undefined,
          },
        },
      },
      logger: this.options.logger,
      schema: accepted.schema,
      context,
      queryHash: accepted.queryHash,
      document: accepted.document,
      source: request.query,
      operationName: accepted.operationName,
      operation: accepted.operation,
      metrics: {},
      overallCachePolicy: policy,
      requestIsBatched: false,
      memoryReads,
    };
  }

  /** Apollo Server runs every plugin's `didEncounterErrors` before it formats the errors. */
  private async encountered(errors: readonly unknown[]): Promise<void> {
    const requestContext = { errors } as never;
    for (const plugin of this.options.errorPlugins) {
      const listener = await plugin.requestDidStart?.(requestContext);
      await listener?.didEncounterErrors?.(requestContext);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A request header as Apollo's HeaderMap holds it (Node's repeated headers joined by a comma). */
function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
