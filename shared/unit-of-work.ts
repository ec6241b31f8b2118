import type { EntityManager } from '@mikro-orm/postgresql';
import { requireIdentity, type RequestContext } from './context';
import { BusinessRuleError, BusinessRuleErrors } from './errors';
import { EventLog, type DomainEvent } from './events/event-log';
import { NO_REMOTE_CALLS } from './graph-client';
import { newId } from './ids';
import { sourceOf } from './events/event-types';
import { appendToOutbox, type NewAuditRecord, type NewOutboxEvent } from './events/outbox';
import { AuditRecord } from './platform/entities/audit-record.entity';
import { UserError } from './graphql/types';
import type { Identity } from './auth/roles';

export interface PayloadBase {
  errors: UserError[];
}

export interface UnitOptions {
  /**
   * Background bookkeeping (event consumers, deliveries) that records no event writes no audit
   * row; a mutation that records none still gets one row naming its operation (AUD-1).
   */
  silent?: boolean;
}

type Listener = (types: string[]) => void;
const committedListeners = new Set<Listener>();

/** Called after a unit that wrote outbox rows commits (the job runner wakes its relays). */
export function onOutboxCommitted(listener: Listener): () => void {
  committedListeners.add(listener);
  return () => committedListeners.delete(listener);
}

/**
 * The one unit of work of mutations and jobs alike. `work` runs in one transaction with the
 * unit's own EntityManager and loaders (no second pool connection), records domain events
 * with {@link recordEvent}, and may not call other subgraphs (facts are read before the unit
 * opens). On success the same transaction writes the change, one audit row per event (AUD-1)
 * and one outbox row per typed event (AUD-2). Any error rolls everything back: no change, no
 * audit row, no outbox row.
 */
export async function runUnit<C extends RequestContext<any>, R>(ctx: C, work: (tx: C) => Promise<R>, options: UnitOptions = {}): Promise<R> {
  const identity = requireIdentity(ctx);
  // One "now" for the whole unit, read before the transaction takes a connection.
  const now = await ctx.clock.now();
  const events = new EventLog();
  const written: string[] = [];
  const result = await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em: em as EntityManager, loaders: ctx.loadersOn(em as EntityManager), graph: NO_REMOTE_CALLS, events } as C;
    const value = await work(tx);
    const recorded = events.all.length || options.silent ? events.all : [{ resourceType: 'Operation', resourceId: ctx.operation ?? 'unknown' }];
    const { audit, outbox } = unitRecords(recorded, { identity, now, operation: ctx.operation ?? 'unknown', source: ctx.subgraph });
    if (outbox.length) {
      // Every other write first: the stream's head lock is then the unit's last lock, held only through the commit.
      await em.flush();
      // The audit rows go in the outbox's statement (one round trip for both).
      await appendToOutbox(em as EntityManager, ctx.subgraph, outbox, audit);
      written.push(...outbox.map((event) => event.type));
    } else {
      for (const row of audit) em.create(AuditRecord, row);
    }
    return value;
  });
  if (written.length) for (const listener of committedListeners) listener(written);
  return result;
}

/**
 * A mutation as one unit of work (STYLE.md: resolvers stay 3–5 lines). A
 * {@link BusinessRuleError} rolls back and is returned in `errors`; other errors (NOT_FOUND,
 * BAD_USER_INPUT, CONFLICT …) roll back and surface as top-level errors.
 */
export async function mutate<C extends RequestContext<any>, P extends PayloadBase>(
  ctx: C,
  Payload: new () => P,
  work: (tx: C) => Promise<Partial<Omit<P, 'errors'>>>,
): Promise<P> {
  return payloadOf(Payload, () => runUnit(ctx, work));
}

/**
 * A mutation that needs facts owned by other subgraphs: `facts` reads them through the graph
 * first, with no transaction or lock open; `work` then runs as one unit and re-checks what it
 * owns under its locks.
 */
export async function mutateWithFacts<C extends RequestContext<any>, P extends PayloadBase, F>(
  ctx: C,
  Payload: new () => P,
  facts: (ctx: C) => Promise<F>,
  work: (tx: C, facts: F) => Promise<Partial<Omit<P, 'errors'>>>,
): Promise<P> {
  return payloadOf(Payload, async () => {
    const known = await facts(ctx);
    return runUnit(ctx, (tx) => work(tx, known));
  });
}

async function payloadOf<P extends PayloadBase>(Payload: new () => P, run: () => Promise<Partial<Omit<P, 'errors'>>>): Promise<P> {
  try {
    const result = await run();
    return Object.assign(new Payload(), result, { errors: [] });
  } catch (error) {
    if (error instanceof BusinessRuleError) {
      const all = error instanceof BusinessRuleErrors ? error.all : [error];
      return Object.assign(new Payload(), { errors: all.map((e) => UserError.from(e)) });
    }
    throw error;
  }
}

interface UnitFacts {
  identity: Identity;
  now: Date;
  operation: string;
  /** The subgraph whose stream the unit writes. */
  source: string;
}

/** What the audit row keeps of an event: its data, without the payload's version (a concern of the event's readers). */
function auditDetails(event: DomainEvent): Record<string, unknown> | null {
  if (!event.type) return event.data ?? null;
  const { v: _version, ...details } = event.data;
  return details;
}

/** AUD-1 rows from every event, and the AUD-2 outbox rows of typed events. */
function unitRecords(events: readonly DomainEvent[], unit: UnitFacts): { audit: NewAuditRecord[]; outbox: NewOutboxEvent[] } {
  const audit: NewAuditRecord[] = [];
  const outbox: NewOutboxEvent[] = [];
  for (const event of events) {
    const tenantId = event.tenantId ?? unit.identity.tenantId;
    audit.push({
      id: newId('aud'),
      tenantId,
      userId: unit.identity.userId,
      operation: event.operation ?? unit.operation,
      resourceType: event.resourceType,
      resourceId: event.resourceId,
      outcome: 'SUCCESS',
      details: auditDetails(event),
      at: unit.now,
    });
    if (!event.type) continue;
    // Each subgraph's events are its own stream: a type has one producer (shared/events/event-types.ts).
    if (sourceOf(event.type) !== unit.source) throw new Error(`${event.type} is recorded by the ${sourceOf(event.type)} subgraph, not by ${unit.source}`);
    outbox.push({
      id: newId('evt'),
      type: event.type,
      tenantId,
      resourceType: event.resourceType,
      resourceId: event.resourceId,
      data: event.data,
      userId: unit.identity.userId,
      occurredAt: unit.now,
    });
  }
  return { audit, outbox };
}
