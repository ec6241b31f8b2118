import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, Kind, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** A document Apollo Server parsed, validated and let run once, with the operation a request named. */
export interface AcceptedDocument {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The operation's own name (Apollo's `requestContext.operationName`), null when anonymous. */
  operationName: string | null;
  /** The schema it was validated against. */
  schema: GraphQLSchema;
  /** Apollo Server's hash of the query text (sha256), computed on that first request. */
  queryHash: string;
  /** Whether it is a trusted document (TRUSTED_DOCUMENTS), worked out on the first request that must send one. */
  trusted?: boolean;
  /** Whether an execution of it was answered by the entity cache alone (gateway/fast-path/answer-memo.ts): only then are its answers looked up. */
  answeredFromMemory?: boolean;
}

/** Query text held at most (the documents' text, counted in characters): Apollo's own document store holds about 30 MiB. */
const MAX_TEXT = 16 * 1024 * 1024;
const MAX_DOCUMENTS = 2000;

/**
 * The documents the full pipeline accepted, found again by their query text and operation name
 * (a Map lookup: no hash of the text per request). Bounded, least recently used out first; a new
 * schema empties it (each document is validated again by Apollo Server on its next request).
 */
export class AcceptedDocuments {
  private readonly bySource = new LRUCache<string, Map<string | undefined, AcceptedDocument>>({
    max: MAX_DOCUMENTS,
    maxSize: MAX_TEXT,
    sizeCalculation: (_value, source) => source.length + 1,
  });
  private schema: GraphQLSchema | undefined;

  find(source: string, operationName: string | undefined): AcceptedDocument | undefined {
    const found = this.bySource.get(source)?.get(operationName);
    return found && found.schema === this.schema ? found : undefined;
  }

  /**
   * Apollo Server's side: a plugin that keeps a POSTed document (sent as text, not by id) once its
   * request reaches execution, i.e. parsing, validation (depth, aliases, no subscriptions) and every
   * plugin's check of the operation passed. Introspection and subscriptions are never kept.
   */
  plugin<C extends BaseContext>(): ApolloServerPlugin<C> {
    return {
      serverWillStart: async () => ({
        schemaDidLoadOrUpdate: ({ apiSchema }) => {
          this.schema = apiSchema;
          this.bySource.clear();
        },
      }),
      requestDidStart: async ({ request, requestIsBatched }) => {
        if (requestIsBatched || request.http?.method !== 'POST' || typeof request.query !== 'string' || request.extensions?.persistedQuery) return;
        const source = request.query;
        const requestedName = request.operationName;
        return {
          executionDidStart: async ({ document, operation, operationName, schema, queryHash }) => {
            if (!operation || schema !== this.schema || !eligible(document, operation)) return;
            let byName = this.bySource.get(source);
            if (!byName) this.bySource.set(source, (byName = new Map()));
            byName.set(requestedName, { document, operation, operationName, schema, queryHash });
          },
        };
      },
    };
  }
}

/** Queries and mutations without introspection (`__schema`, `__type`) are served the fast way. */
function eligible(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query' && operation.operation !== 'mutation') return false;
  let introspection = false;
  visit(document, {
    Field(field) {
      if (field.name.value === '__schema' || field.name.value === '__type') {
        introspection = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return !introspection && document.definitions.every((definition) => definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION);
}
