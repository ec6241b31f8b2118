import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { documentId, operationBody } from './documents';
import { isBrowserRequest, mustBeTrusted, type TrustedDocumentsMode } from './policy';
import type { TrustedDocumentManifest } from '../../shared/trusted-documents';

/**
 * Apollo Server's persisted-query store, filled from the manifest and read-only: a client sends
 * `extensions.persistedQuery.sha256Hash` (a manifest id) instead of the document. Registering a
 * document by sending it with its hash stores nothing (Apollo's default store would keep any
 * caller's documents in memory).
 */
type PersistedQueryStore = NonNullable<Exclude<ApolloServerOptions<BaseContext>['persistedQueries'], false | undefined>['cache']>;

export function manifestStore(manifest: TrustedDocumentManifest): PersistedQueryStore {
  const bodies = new Map(manifest.operations.map((operation) => [operation.id, operation.body]));
  return {
    // Apollo prefixes its keys (`apq:`).
    get: async (key) => bodies.get(key.slice(key.indexOf(':') + 1)),
    set: async () => undefined,
    delete: async () => undefined,
  };
}

/**
 * Refuses, with HTTP 400 `DOCUMENT_NOT_TRUSTED`, an operation that is not in the manifest when
 * the caller must send trusted documents (TRUSTED_DOCUMENTS, gateway/trusted-documents/policy.ts).
 * A document counts as trusted when its operation, printed with the fragments it uses, is a
 * manifest entry: sent by id, or as text in any layout.
 */
export function trustedDocumentsPlugin<C extends BaseContext>(manifest: TrustedDocumentManifest, mode: TrustedDocumentsMode): ApolloServerPlugin<C> {
  const ids = new Set(manifest.operations.map((operation) => operation.id));
  return {
    async requestDidStart({ request }) {
      if (mode === 'off' || !request.http || !mustBeTrusted(mode, isBrowserRequest(request.http.headers))) return;
      return {
        async didResolveOperation({ document, queryHash, operationName }) {
          if (ids.has(queryHash)) return;
          const body = operationBody(document, operationName);
          if (body && ids.has(documentId(body))) return;
          throw new GraphQLError('This client may run only the trusted documents listed in trusted-documents.json', {
            extensions: { code: 'DOCUMENT_NOT_TRUSTED', http: { status: 400 } },
          });
        },
      };
    },
  };
}
