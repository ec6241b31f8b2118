import { operationFromDocument, Supergraph, type Operation } from '@apollo/federation-internals';
import { buildOperationContext } from '@apollo/gateway';
import { prettyFormatQueryPlan, QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import { getVariableValues, GraphQLError, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import { Counter } from 'prom-client';
import { registry } from '../../shared/metrics';
import { executeIntrospection } from './introspection';
import type { Json } from './merge';
import { executePlanNodes, type SubgraphSourceLike } from './plan-executor';
import { compileShaping, shapedWhole, type CompiledShaping } from './compiled-shaping';
import { computeResponse, shapingSteps, type Step } from './result-shaping';
import { traced } from './tracing';

type OperationContext = ReturnType<typeof buildOperationContext>;

const answersShaped = new Counter({
  name: 'gateway_answers_shaped_total',
  help: "Answers shaped by their operation's compiled shaping (compiled), or by the walk (walk: operations it is not made for, and answers that were not whole: a subgraph's null for non-null, a value outside its type).",
  labelNames: ['by'] as const,
  registers: [registry],
});
const shapedCompiled = answersShaped.labels('compiled');
const shapedByWalk = answersShaped.labels('walk');

/** What the executor keeps of one document and operation name: read and planned once. */
interface Prepared {
  context: OperationContext;
  plan?: QueryPlan;
  /** The operation as the answer is shaped from it (Apollo reads it again, unvalidated). */
  operation?: Operation;
  operationError?: GraphQLError;
  /** How the answer is shaped, when no @skip/@include of the operation reads a variable. */
  steps?: Step[];
  /** Those steps compiled (gateway/execution/compiled-shaping.ts); null when the walk shapes every answer. */
  compiled?: CompiledShaping | null;
}

/** The part of Apollo Server's request context the executor reads. */
export interface RequestContext {
  request: { operationName?: string; variables?: Json; http?: { headers: { get(name: string): string | null | undefined; has(name: string): boolean }; [key: string]: unknown }; [key: string]: unknown };
  document: DocumentNode;
  context: unknown;
  logger?: { error(message: string): void };
  [key: string]: unknown;
}

/** As Apollo Gateway outside production: a request with this header is answered with its query plan. */
export const QUERY_PLAN_HEADER = 'Apollo-Query-Plan-Experimental';

type SchemaListener = (schema: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void;

export interface FederatedGatewayOptions {
  supergraphSdl: string;
  /** The data source of each subgraph of the supergraph (gateway/subgraph-source.ts). */
  buildService: (subgraph: { name: string; url: string }) => SubgraphSourceLike;
}

/**
 * The gateway's executor, behind Apollo Server's gateway interface (`load`,
 * `onSchemaLoadOrUpdate`, `stop`), the one way Apollo Server takes an executor of its own. It
 * plans with Apollo's query planner (@apollo/query-planner) and executes the plan itself
 * (gateway/execution/plan-executor.ts), answering exactly what Apollo Gateway's executor answers
 * (test/foundation/gateway-executor.e2e-spec.ts compares both), with less work per request: each
 * document is read, checked and planned once, not once per request, and the answer is shaped by
 * gateway/execution/result-shaping.ts. Nothing of @apollo/gateway is replaced or patched:
 * GATEWAY_EXECUTOR=apollo runs Apollo Gateway itself instead.
 */
export class FederatedGateway {
  private readonly listeners = new Set<SchemaListener>();
  private readonly prepared = new WeakMap<DocumentNode, Map<string | undefined, Prepared>>();
  private schema!: GraphQLSchema;
  private apiSchema!: ReturnType<Supergraph['apiSchema']>;
  private supergraphSchema!: GraphQLSchema;
  private planner!: QueryPlanner;
  private sources: Record<string, SubgraphSourceLike> = Object.create(null);
  /** As Apollo Gateway outside production: `Apollo-Query-Plan-Experimental` shows the plan. */
  private readonly exposePlan = process.env.NODE_ENV !== 'production';

  constructor(private readonly options: FederatedGatewayOptions) {}

  onSchemaLoadOrUpdate(listener: SchemaListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async load(): Promise<{ executor: (requestContext: any) => Promise<any> }> {
    const supergraph = Supergraph.build(this.options.supergraphSdl, { validateSupergraph: process.env.NODE_ENV !== 'production' });
    for (const { name, url } of supergraph.subgraphsMetadata()) this.sources[name] = this.options.buildService({ name, url: url! });
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.apiSchema = supergraph.apiSchema();
    this.schema = this.apiSchema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
    for (const listener of this.listeners) listener({ apiSchema: this.schema, coreSupergraphSdl: this.options.supergraphSdl });
    return { executor: (requestContext: RequestContext) => this.execute(requestContext) };
  }

  async stop(): Promise<void> {}

  private async execute(requestContext: RequestContext) {
    const { request } = requestContext;
    const prepared = this.prepare(requestContext.document, request.operationName);
    const errors = this.coercionErrors(prepared, request.variables);
    if (errors) return { errors };
    return this.run(prepared, requestContext);
  }

  /**
   * The errors of coercing the request's variables for the document's operation (undefined when
   * they coerce): the gateway's fast path (gateway/fast-path/) asks before it executes.
   */
  variableErrors(document: DocumentNode, operationName: string | undefined, variables: Json | undefined): readonly GraphQLError[] | undefined {
    return this.coercionErrors(this.prepare(document, operationName), variables);
  }

  /** Executes a request whose variables `variableErrors` found coercible (as Apollo Server's executor call would, minus that check). */
  executeChecked(requestContext: RequestContext): Promise<Json> {
    return this.run(this.prepare(requestContext.document, requestContext.request.operationName), requestContext);
  }

  private coercionErrors(prepared: Prepared, variables: Json | undefined): readonly GraphQLError[] | undefined {
    const variableDefinitions = prepared.context.operation.variableDefinitions;
    if (!variableDefinitions?.length) return undefined;
    return getVariableValues(this.schema, variableDefinitions, variables || {}).errors;
  }

  private async run(prepared: Prepared, requestContext: RequestContext): Promise<Json> {
    const { request } = requestContext;
    prepared.plan ??= this.plan(requestContext.document, request.operationName);
    const response: Json = await this.executePlan(prepared, requestContext);
    const showPlan = this.exposePlan && request.http?.headers.get(QUERY_PLAN_HEADER);
    if (showPlan && prepared.plan.node) {
      const format = request.http!.headers.has(`${QUERY_PLAN_HEADER}-Format`) ? request.http!.headers.get(`${QUERY_PLAN_HEADER}-Format`) : 'prettified';
      response.extensions = { __queryPlanExperimental: format === 'prettified' ? prettyFormatQueryPlan(prepared.plan) || true : format === 'internal' ? prepared.plan : true };
    }
    return response;
  }

  /** The document's operation context, read once (a document that has none throws each time, as Apollo's does). */
  private prepare(document: DocumentNode, operationName: string | undefined): Prepared {
    let byName = this.prepared.get(document);
    if (!byName) this.prepared.set(document, (byName = new Map()));
    let prepared = byName.get(operationName);
    if (!prepared) byName.set(operationName, (prepared = { context: buildOperationContext({ schema: this.schema, operationDocument: document, operationName }) }));
    return prepared;
  }

  private plan(document: DocumentNode, operationName: string | undefined): QueryPlan {
    return this.planner.buildQueryPlan(operationFromDocument(this.apiSchema, document, { operationName }));
  }

  private async executePlan(prepared: Prepared, requestContext: RequestContext): Promise<Json> {
    if (!prepared.operation && !prepared.operationError) {
      try {
        const { operation, fragments } = prepared.context;
        prepared.operation = operationFromDocument(this.apiSchema, { kind: Kind.DOCUMENT, definitions: [operation, ...Object.values(fragments)] }, { validate: false });
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        prepared.operationError = error;
      }
    }
    if (prepared.operationError) return { errors: [prepared.operationError] };
    const operation = prepared.operation!;
    const variables = requestContext.request.variables;
    const data: Json = Object.create(null);
    const errors = await executePlanNodes({ plan: prepared.plan!, operation, supergraphSchema: this.supergraphSchema, sources: this.sources, variables, requestContext }, data);
    try {
      let steps = prepared.steps;
      if (!steps) {
        const read = shapingSteps(operation, variables);
        steps = read.steps;
        if (!read.dependsOnVariables) {
          prepared.steps = steps;
          prepared.compiled = compileShaping(steps, operation.schema().schemaDefinition.rootType(operation.rootKind)!, operation.schema()) ?? null;
        }
      }
      const whole = prepared.steps === steps && prepared.compiled ? shapedWhole(prepared.compiled, data) : undefined;
      (whole ? shapedCompiled : shapedByWalk).inc();
      const shaped = whole ?? computeResponse({
        operation,
        steps,
        variables,
        input: data,
        introspectionHandling: (field) => executeIntrospection(this.schema, field.expandFragments().toSelectionNode(), prepared.context.operation.variableDefinitions, variables),
      });
      if (errors.length === 0 && shaped.errors.length > 0) return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
      return errors.length === 0 ? { data: shaped.data } : { errors, data: shaped.data };
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      if (error instanceof Error) return { errors: [new GraphQLError(error.message, { originalError: error })] };
      (requestContext.logger ?? console).error('Unexpected error during query plan execution: ' + error);
      return { errors: [new GraphQLError('Unexpected error during query plan execution')] };
    }
  }
}

