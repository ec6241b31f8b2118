import { encodeIdentity, IDENTITY_HEADER, SECRET_HEADER } from './auth/forwarding';
import type { Identity } from './auth/roles';
import { ENTITY_CACHE_HEADER, subgraphUrl, type SubgraphName, numberSetting } from './config';
import type { PeerCaches } from './entity-cache/peer-caches';
import { noAnswerReason, serviceUnavailable, topLevelError } from './errors';
import { leanRequest, type LeanResponse } from './lean-http';
import type { DueCounts, DuePhase } from './jobs/due-queue';
import type { RecordsKind, RecordsPage } from './platform/records';
import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** Reading facts from other subgraphs (implemented by {@link GraphClient}). */
export interface Graph {
  /** Runs one operation of a peer contract (`subgraphs/<name>/peers/`) against `subgraph`, as the caller. */
  request<R, V extends Record<string, unknown>>(subgraph: SubgraphName, document: TypedDocumentNode<R, V>, variables: V): Promise<R>;
  /** Runs one phase of a subgraph's due work now (sandbox `processDueWork`), returns its counts. */
  dueWork(subgraph: SubgraphName, phase: DuePhase): Promise<DueCounts>;
  /** One page of the platform records (audit, failing due work) of another subgraph's database. */
  platformRecords<T>(subgraph: SubgraphName, kind: RecordsKind, query: object, counting: boolean): Promise<RecordsPage<T>>;
}

/**
 * Inside a unit of work: no call to another subgraph while a transaction and its locks are
 * open (read facts before the unit; cause changes elsewhere through outbox events).
 */
export const NO_REMOTE_CALLS: Graph = {
  request: () => Promise.reject(new Error('remote call inside a unit of work: read facts before it opens')),
  dueWork: () => Promise.reject(new Error('remote call inside a unit of work')),
  platformRecords: () => Promise.reject(new Error('remote call inside a unit of work')),
};

/**
 * How a subgraph asks another one for facts it does not own, through the graph and never
 * through the other's tables: an `_entities` call to the owning subgraph, with the gateway
 * secret and the *caller's* identity, so the owner's tenant scoping (ACT-2) still applies
 * (an entity the caller may not see comes back null).
 */
export class GraphClient implements Graph {
  constructor(
    private readonly urls: Record<SubgraphName, string>,
    private readonly secret: string,
    private readonly identity: Identity | undefined,
    /** The process's kept peer answers (shared/entity-cache/peer-caches.ts); none: every call is sent. */
    private readonly caches?: PeerCaches,
  ) {}

  async request<R, V extends Record<string, unknown>>(subgraph: SubgraphName, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    return this.post<R>(subgraph, printed(document), variables);
  }

  async dueWork(subgraph: SubgraphName, phase: DuePhase): Promise<DueCounts> {
    const url = this.urls[subgraph].replace(/\/graphql$/, `/internal/due-work/${phase}`);
    // Due work may take a while (many renewals): allow it more than one query.
    const response = await leanRequest(url, { method: 'POST', headers: { [SECRET_HEADER]: this.secret } }, remoteTimeoutMs() * 6);
    if (!response.ok) throw new Error(`due work ${phase} of ${subgraph} answered ${response.status}`);
    return (await response.json()) as DueCounts;
  }

  async platformRecords<T>(subgraph: SubgraphName, kind: RecordsKind, query: object, counting: boolean): Promise<RecordsPage<T>> {
    const url = this.urls[subgraph].replace(/\/graphql$/, `/internal/platform/${kind}`);
    let response: LeanResponse;
    try {
      response = await leanRequest(
        url,
        {
          method: 'POST',
          // The caller's identity goes along: the owner reads within its tenant scope (ACT-2).
          headers: { 'content-type': 'application/json', [SECRET_HEADER]: this.secret, ...(this.identity ? { [IDENTITY_HEADER]: encodeIdentity(this.identity) } : {}) },
          body: JSON.stringify({ query, counting }),
        },
        remoteTimeoutMs(),
        // A read: sent again when a kept-alive connection closed under it before any answer.
        { retryStaleConnection: true },
      );
    } catch (error) {
      throw serviceUnavailable(subgraph, noAnswerReason(error, remoteTimeoutMs()));
    }
    if (!response.ok) throw serviceUnavailable(subgraph, `answered ${response.status}`);
    return (await response.json()) as RecordsPage<T>;
  }

  private async post<T>(subgraph: SubgraphName, query: string, variables: Record<string, unknown>): Promise<T> {
    // Only an authenticated caller's answers are kept or served: the catalog marks no other.
    const lookup = this.identity ? this.caches?.lookup(subgraph, query, variables) : undefined;
    if (lookup?.kept !== undefined) return (JSON.parse(lookup.kept) as { data: T }).data;
    const headers: Record<string, string> = { 'content-type': 'application/json', [SECRET_HEADER]: this.secret };
    if (this.identity) headers[IDENTITY_HEADER] = encodeIdentity(this.identity);
    let response: LeanResponse;
    let text: string;
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      // A peer contract's documents only read: sent again when a kept-alive connection closed under it before any answer.
      response = await leanRequest(this.urls[subgraph], { method: 'POST', headers, body: JSON.stringify({ query, variables }) }, remoteTimeoutMs(), { retryStaleConnection: true });
      text = await response.text();
      body = JSON.parse(text) as typeof body;
    } catch (error) {
      // Timed out, refused or cut off: the caller learns which service failed, and may retry.
      throw serviceUnavailable(subgraph, noAnswerReason(error, remoteTimeoutMs()));
    }
    if (body.errors?.length || !body.data) {
      const first = body.errors?.[0];
      const code = first?.extensions?.code;
      if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT' || code === 'FORBIDDEN' || code === 'CONFLICT' || code === 'SERVICE_UNAVAILABLE') throw topLevelError(code, first!.message);
      throw new Error(`${subgraph} answered ${response.status}: ${first?.message ?? 'no data'}`);
    }
    // Kept only if the peer says so and nothing emptied the cache since the call was sent.
    lookup?.keep(text, response.headers.get(ENTITY_CACHE_HEADER));
    return body.data;
  }
}

const texts = new WeakMap<DocumentNode, string>();

/** A document's text, printed once per process. */
function printed(document: DocumentNode): string {
  let text = texts.get(document);
  if (!text) texts.set(document, (text = print(document)));
  return text;
}

/** `_entities` representations of `typename` by id. */
export function representations(typename: string, ids: readonly string[]): { __typename: string; id: string }[] {
  return ids.map((id) => ({ __typename: typename, id }));
}

/**
 * The rows of an `_entities` answer that are of the asked type, in the order asked: a document
 * selects one type's fields (`... on Offer { id … }`), so a row without `id` is null.
 */
export function entityRows<T extends { id: string }>(rows: readonly (T | Record<PropertyKey, never> | null)[]): (T | null)[] {
  return rows.map((row) => (row && 'id' in row ? (row as T) : null));
}

export function defaultPeerUrls(): Record<SubgraphName, string> {
  return {
    customers: subgraphUrl('customers'),
    catalog: subgraphUrl('catalog'),
    subscriptions: subgraphUrl('subscriptions'),
    transfers: subgraphUrl('transfers'),
  };
}

/** Every call to another subgraph gives up after this long (SUBGRAPH_TIMEOUT_MS, default 10 s). */
export function remoteTimeoutMs(): number {
  return numberSetting(process.env.SUBGRAPH_TIMEOUT_MS, 10_000);
}
