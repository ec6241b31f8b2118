import { assert, ERRORS, errorCodeDef, type Operation } from '@apollo/federation-internals';
import { evaluateCondition, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { applyRewrites, representationOf } from './data-rewrites';
import { deepMerge, getOwn, hasOwn, type Json } from './merge';
import { traced } from './tracing';
import { withoutStackTrace } from '../../shared/errors';

/** What one subgraph fetch is handed: Apollo's GraphQLDataSource `process` request. */
export interface SubgraphRequest {
  query: string;
  variables: Json;
  operationName: string | undefined;
}

/** One subgraph, as the executor calls it: Apollo's GraphQLDataSource (gateway/subgraph-source.ts). */
export interface SubgraphSourceLike {
  process(options: any): Promise<{ data?: Json | null; errors?: readonly any[]; extensions?: Json }>;
}

/** What executing one plan needs, read once per request. */
export interface PlanRun {
  plan: QueryPlan;
  operation: Operation;
  /** The supergraph as a graphql-js schema: type conditions of representations and rewrites. */
  supergraphSchema: GraphQLSchema;
  sources: Record<string, SubgraphSourceLike>;
  variables: Json | undefined;
  /** Apollo Server's request context, handed to the data sources (`incomingRequestContext`). */
  requestContext: { context: unknown; [key: string]: unknown };
}

interface Cursor {
  path: (string | number)[];
  data: any;
  fullResult: Json;
}

/**
 * Runs a query plan: fetches in sequence and in parallel, each fetch's answer merged into one
 * tree (entity answers into the objects they were asked for), the errors of every fetch collected
 * with their paths in the client's operation. Apollo Gateway 2.14's executeQueryPlan, step for step,
 * without its usage-reporting trace nodes; the same data, the same errors in the same order.
 */
export async function executePlanNodes(run: PlanRun, data: Json): Promise<GraphQLError[]> {
  const errors: GraphQLError[] = [];
  const node = run.plan.node;
  if (node?.kind === 'Subscription') throw new Error('Execution of subscriptions not supported by gateway');
  if (node) await executeNode(run, errors, node, { path: [], data, fullResult: data });
  return errors;
}

async function executeNode(run: PlanRun, errors: GraphQLError[], node: PlanNode, cursor: Cursor | undefined): Promise<void> {
  if (!cursor) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(run, errors, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(run, errors, child, cursor)));
      return;
    case 'Flatten':
      return executeNode(run, errors, node.node, moveIntoCursor(cursor, node.path));
    case 'Fetch':
      try {
        await traced('gateway.fetch', { service: node.serviceName }, () => executeFetch(run, errors, node, cursor));
      } catch (error) {
        errors.push(error as GraphQLError);
      }
      return;
    case 'Condition': {
      const branch = evaluateCondition(node, run.operation.variableDefinitions, run.variables) ? node.ifClause : node.elseClause;
      if (branch) await executeNode(run, errors, branch, cursor);
      return;
    }
    case 'Defer':
      assert(false, `@defer support is not available in the gateway`);
  }
}

async function executeFetch(run: PlanRun, errors: GraphQLError[], fetch: FetchNode, cursor: Cursor): Promise<void> {
  const source = run.sources[fetch.serviceName];
  if (!source) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities: Json[] = Array.isArray(cursor.data) ? cursor.data.filter((entity) => entity !== null && entity !== undefined) : [cursor.data];
  if (entities.length < 1) return;
  const variables: Json = Object.create(null);
  for (const name of fetch.variableUsages ?? []) {
    if (run.variables && hasOwn(run.variables, name) && typeof run.variables[name] !== 'undefined') variables[name] = run.variables[name];
  }
  if (!fetch.requires) {
    const received = await send(run, errors, fetch, cursor, variables);
    if (received) applyRewrites(run.supergraphSchema, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }
  const representations: Json[] = [];
  const representationToEntity: number[] = [];
  entities.forEach((entity, index) => {
    const representation = representationOf(run.supergraphSchema, entity, fetch.requires!);
    if (representation && representation.__typename) {
      applyRewrites(run.supergraphSchema, fetch.inputRewrites, representation);
      representations.push(representation);
      representationToEntity.push(index);
    }
  });
  if (representations.length < 1) return;
  if ('representations' in variables) throw new Error(`Variables cannot contain key "representations"`);
  const received = await send(run, errors, fetch, cursor, { ...variables, representations });
  if (!received) return;
  if (!(received._entities && Array.isArray(received._entities))) throw new Error(`Expected "data._entities" in response to be an array`);
  const receivedEntities = received._entities as Json[];
  if (receivedEntities.length !== representations.length) throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  // As Apollo Gateway does: walks the entities of the cursor, by the index of their representation.
  for (let i = 0; i < entities.length; i++) {
    const entity = receivedEntities[i];
    const existing = entities[representationToEntity[i]];
    if (entity && !entity.__typename) entity.__typename = existing.__typename;
    applyRewrites(run.supergraphSchema, fetch.outputRewrites, entity);
    deepMerge(entities[representationToEntity[i]], entity);
  }
}

async function send(run: PlanRun, errors: GraphQLError[], fetch: FetchNode, cursor: Cursor, variables: Json): Promise<Json | null | undefined> {
  const response = await run.sources[fetch.serviceName].process({
    kind: 'incoming operation',
    request: { query: fetch.operation, variables, operationName: fetch.operationName, http: undefined },
    incomingRequestContext: run.requestContext,
    context: run.requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  });
  if (response.errors) {
    const pathOf = errorPaths(fetch, cursor);
    errors.push(...response.errors.map((error) => downstreamServiceError(error, fetch.serviceName, pathOf)));
  }
  return response.data;
}

/** A subgraph error's path in the client's operation (entity errors: the path of the entity asked). */
function errorPaths(fetch: FetchNode, cursor: Cursor) {
  let hydrated: (string | number)[][] | undefined;
  return (path: readonly (string | number)[] | undefined) => {
    if (fetch.requires && typeof path?.[1] === 'number') {
      if (!hydrated) generateHydratedPaths([], cursor.path, cursor.fullResult, (hydrated = []));
      return [...(hydrated[path[1]] ?? []), ...path.slice(2)];
    }
    return path ? [...cursor.path, ...path.slice()] : undefined;
  };
}

function generateHydratedPaths(parent: (string | number)[], path: (string | number)[], data: any, result: (string | number)[][]): void {
  const head = path[0];
  if (data == null) return;
  if (head == null) result.push(parent.slice());
  else if (head === '@') {
    assert(Array.isArray(data), 'expected array when encountering `@`');
    for (const [i, value] of data.entries()) {
      parent.push(i);
      generateHydratedPaths(parent, path.slice(1), value, result);
      parent.pop();
    }
  } else if (typeof head === 'string') {
    if (Array.isArray(data)) {
      for (const [i, value] of data.entries()) {
        parent.push(i);
        generateHydratedPaths(parent, path, value, result);
        parent.pop();
      }
    } else if (hasOwn(data, head)) {
      parent.push(head);
      generateHydratedPaths(parent, path.slice(1), data[head], result);
      parent.pop();
    }
  } else assert(false, `unknown path part "${head}"`);
}

function moveIntoCursor(cursor: Cursor, path: (string | number)[]): Cursor | undefined {
  const data = flattenResultsAtPath(cursor.data, path);
  return data ? { path: cursor.path.concat(path), data, fullResult: cursor.fullResult } : undefined;
}

/**
 * The values at `path` in the answer so far (Apollo Gateway's flattenResultsAtPath): each `@` maps
 * over a list and flattens what its elements give by one level. Walked without a copy of the rest
 * of the path or an intermediate list per element: a dashboard page flattens 250 subscriptions.
 */
function flattenResultsAtPath(value: any, path: (string | number)[]): any {
  for (let i = 0; i < path.length; i++) {
    if (value === undefined || value === null) return value;
    const current = path[i];
    if (current === '@') {
      // Apollo's walk calls value.flatMap: anything but a list fails with the same TypeError.
      if (!Array.isArray(value)) return value.flatMap();
      const out: unknown[] = [];
      for (const element of value) flattenInto(element, path, i + 1, out);
      return out;
    }
    assert(typeof current === 'string', () => `Unexpected ${typeof current} found in path`);
    assert(!Array.isArray(value), () => `Unexpected array in result for path element ${current}`);
    value = getOwn(value, current);
  }
  return value;
}

/** Pushes what `value` at `path[i..]` gives inside a flatMap: the elements of a list, anything else as it is. */
function flattenInto(value: any, path: (string | number)[], i: number, out: unknown[]): void {
  for (; i < path.length; i++) {
    if (value === undefined || value === null) break;
    const current = path[i];
    if (current === '@') {
      if (!Array.isArray(value)) return value.flatMap();
      for (const element of value) flattenInto(element, path, i + 1, out);
      return;
    }
    assert(typeof current === 'string', () => `Unexpected ${typeof current} found in path`);
    assert(!Array.isArray(value), () => `Unexpected array in result for path element ${current}`);
    value = getOwn(value, current);
  }
  if (Array.isArray(value)) for (const element of value) out.push(element);
  else out.push(value);
}

function downstreamServiceError(original: any, serviceName: string, pathOf: (path: readonly (string | number)[] | undefined) => (string | number)[] | undefined): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const { extensions } = original;
  const options = { originalError: original, path: pathOf(original.path), extensions: { ...extensions, serviceName } };
  const codeDef = errorCodeDef(original);
  // The subgraph's error, passed on: a stack of the gateway's would say nothing about it.
  return withoutStackTrace(() => (!codeDef && extensions?.code ? new GraphQLError(message, options) : (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options)));
}
