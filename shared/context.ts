import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestClock } from './clock';
import type { Identity } from './auth/roles';
import type { GraphClient } from './graph-client';
import { unauthenticated } from './errors';

/**
 * The request context every resolver and service receives first (STYLE.md): the verified
 * caller, a forked EntityManager, per-request DataLoaders and the business clock.
 */
export interface RequestContext<Loaders = unknown> {
  identity?: Identity;
  em: EntityManager;
  clock: RequestClock;
  loaders: Loaders;
  /** Facts owned by other subgraphs, asked through the graph as this caller. */
  graph: GraphClient;
  /** The client's `Idempotency-Key` header, when it sent one (ORD-7). */
  idempotencyKey?: string;
}

/** The caller, or UNAUTHENTICATED: reads need an authenticated user of the owning tenant. */
export function requireIdentity(ctx: RequestContext<unknown>): Identity {
  if (!ctx.identity) throw unauthenticated();
  return ctx.identity;
}
