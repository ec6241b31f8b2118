import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type DocumentNode } from 'graphql';
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

/** Who must send a trusted document, and which documents are: one gateway's policy (TRUSTED_DOCUMENTS). */
export interface TrustedDocumentPolicy {
  /** Whether a request with these headers may run only trusted documents. */
  applies(headers: Parameters<typeof isBrowserRequest>[0]): boolean;
  /**
   * Whether the document counts as trusted: its operation, printed with the fragments it uses, is
   * a manifest entry (sent by id, or as text in any layout).
   */
  trusts(document: DocumentNode, queryHash: string | undefined, operationName: string | null | undefined): boolean;
}

export function trustedDocumentPolicy(manifest: TrustedDocumentManifest, mode: TrustedDocumentsMode): TrustedDocumentPolicy {
  const ids = new Set(manifest.operations.map((operation) => operation.id));
  return {
    applies: (headers) => mode !== 'off' && mustBeTrusted(mode, isBrowserRequest(headers)),
    trusts(document, queryHash, operationName) {
      if (queryHash !== undefined && ids.has(queryHash)) return true;
      const body = operationBody(document, operationName);
      return !!body && ids.has(documentId(body));
    },
  };
}

/** The refusal of a document the caller may not send (HTTP 400 `DOCUMENT_NOT_TRUSTED`). */
function notTrusted(): GraphQLError {
  return new GraphQLError('This client may run only the trusted documents listed in trusted-documents.json', {
    extensions: { code: 'DOCUMENT_NOT_TRUSTED', http: { status: 400 } },
  });
}

/**
 * Refuses, with HTTP 400 `DOCUMENT_NOT_TRUSTED`, an operation that is not in the manifest when
 * the caller must send trusted documents (TRUSTED_DOCUMENTS, gateway/trusted-documents/policy.ts).
 */
export function trustedDocumentsPlugin<C extends BaseContext>(policy: TrustedDocumentPolicy): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ request }) {
      if (!request.http || !policy.applies(request.http.headers)) return;
      return {
        async didResolveOperation({ document, queryHash, operationName }) {
          if (!policy.trusts(document, queryHash, operationName)) throw notTrusted();
        },
      };
    },
  };
}
