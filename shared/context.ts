import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestClock } from './clock';
import type { Identity } from './auth/roles';
import type { SubgraphName } from './config';
import type { Graph } from './graph-client';
import type { DomainEvent, EventLog } from './events/event-log';
import { unauthenticated } from './errors';

/**
 * The request context every resolver and service receives first (STYLE.md): the verified
 * caller, a forked EntityManager, per-request DataLoaders and the business clock. Inside a
 * unit of work (shared/unit-of-work.ts) `em` and `loaders` are the unit's transaction,
 * `events` collects the domain events, and `graph` refuses remote calls.
 */
export interface RequestContext<Loaders = unknown> {
  identity?: Identity;
  em: EntityManager;
  clock: RequestClock;
  loaders: Loaders;
  /** Facts owned by other subgraphs, asked through the graph as this caller (never inside a unit). */
  graph: Graph;
  /** The client's `Idempotency-Key` header, when it sent one (ORD-7). */
  idempotencyKey?: string;
  /** The subgraph serving the request (recorded as the outbox source). */
  subgraph: string;
  /** The same loaders on another EntityManager (a unit's transaction uses its own connection only). */
  loadersOn: (em: EntityManager) => Loaders;
  /** The operation the caller was authorized for (`@Authorized('<operation>')`), the audit default. */
  operation?: string;
  /** One subgraph of each other database, when subgraphs use separate databases (platform records are read from each). */
  elsewhere?: SubgraphName[];
  /** Domain events recorded in the open unit of work; absent outside one. */
  events?: EventLog;
}

/** The caller, or UNAUTHENTICATED: reads need an authenticated user of the owning tenant. */
export function requireIdentity(ctx: RequestContext<unknown>): Identity {
  if (!ctx.identity) throw unauthenticated();
  return ctx.identity;
}

/**
 * Records domain events in the open unit of work; they commit with the change as audit rows
 * (AUD-1) and, when typed, outbox rows (AUD-2). Outside a unit this is a programming error.
 */
export function recordEvent(ctx: RequestContext<unknown>, ...events: DomainEvent[]): void {
  if (!ctx.events) throw new Error('recordEvent outside a unit of work');
  ctx.events.record(...events);
}
