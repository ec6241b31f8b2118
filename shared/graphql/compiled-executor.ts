import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type SchemaSource = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<SchemaSource['load']>>['executor']>;

/** Compiled operations kept per parsed document (Apollo Server hands the same document object for the same query text). */
const MAX_OPERATIONS_PER_DOCUMENT = 8;

/**
 * Runs a subgraph's queries compiled to JavaScript (graphql-jit): a query is compiled once per
 * document and operation, and each request then runs plain functions instead of graphql-js
 * walking the operation field by field. On the README dashboard that walk (argument
 * coercion, completion of every field of 250 subscriptions, prototype-less result objects that
 * serialise slowly) was about a quarter of the subscriptions subgraph's CPU.
 *
 * graphql-js stays the reference: an answer with any error is thrown away and the query runs again
 * on graphql-js, so errors, their paths and the data left beside them are exactly what graphql-js
 * gives (queries read; a second run costs time, never a write); so is a compiled run that throws.
 * Mutations, and any operation graphql-jit cannot compile, run on graphql-js only.
 */
export function compiledExecutor(schema: GraphQLSchema): Executor {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

  function compiledFor(document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    let operations = compiled.get(document);
    if (!operations) compiled.set(document, (operations = new Map()));
    const key = operationName ?? '';
    let query = operations.get(key);
    if (query === undefined) {
      query = compileOrNull(document, operationName);
      if (operations.size < MAX_OPERATIONS_PER_DOCUMENT) operations.set(key, query);
    }
    return query;
  }

  function compileOrNull(document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    try {
      const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      return isCompiledQuery(result) ? result : null;
    } catch {
      return null;
    }
  }

  return async (requestContext) => {
    const { document, operation, context } = requestContext;
    const { variables, operationName } = requestContext.request;
    const onGraphqlJs = () =>
      execute({ schema, document: document!, contextValue: context, variableValues: variables, operationName }) as Promise<ExecutionResult> | ExecutionResult;
    const query = operation?.operation === 'query' ? compiledFor(document!, operationName) : null;
    if (!query) return onGraphqlJs();
    // A compiled run that throws (a fault of the compiler, never an error of the query) answers like one with errors.
    const result = await Promise.resolve()
      .then(() => query.query(undefined, context, variables))
      .catch(() => undefined);
    return !result || result.errors?.length ? onGraphqlJs() : result;
  };
}

/** SUBGRAPH_COMPILED_QUERIES=false (or 0) runs every operation on graphql-js alone: the operator's switch. */
export function compiledQueriesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.SUBGRAPH_COMPILED_QUERIES;
  return flag !== 'false' && flag !== '0';
}

/**
 * How a subgraph's Apollo Server gets its schema: through the compiled executor, or as a plain
 * schema run by graphql-js when compiled queries are switched off.
 */
export function executionOf(schema: GraphQLSchema, env: NodeJS.ProcessEnv = process.env): { gateway: SchemaSource } | { schema: GraphQLSchema } {
  return compiledQueriesEnabled(env) ? { gateway: compiledSchemaSource(schema) } : { schema };
}

/**
 * The schema handed to Apollo Server as a "gateway", the one way Apollo Server 4 and 5 accept an
 * executor of their own: it loads the schema once and never changes it.
 */
export function compiledSchemaSource(schema: GraphQLSchema): SchemaSource {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return { executor: compiledExecutor(schema) };
    },
    async stop() {},
  };
}
