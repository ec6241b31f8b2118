import type { EventPayloads, EventType } from './event-types';

interface EventFields {
  /** AUD-1 operation type; defaults to the operation the unit runs (the mutation's name). */
  operation?: string;
  /** The tenant the event belongs to; defaults to the caller's. */
  tenantId?: string;
  resourceType: string;
  resourceId: string;
}

/** An event with a type: delivered to consumers (and webhooks), its `data` the type's payload, kept in the audit row too. */
export type TypedEvent<T extends EventType = EventType> = { [K in T]: EventFields & { type: K; data: EventPayloads[K] } }[T];

/** An audit-only event: an audit row (AUD-1) with these details, nothing in the outbox. */
export type AuditEvent = EventFields & { type?: undefined; data?: Record<string, unknown> };

/** What an event says (type and payload, or audit details), for helpers that fill in tenant and resource. */
export type EventContent =
  | { [K in EventType]: { type: K; data: EventPayloads[K]; operation?: string } }[EventType]
  | { type?: undefined; data?: Record<string, unknown>; operation?: string };

/**
 * A domain event as a service records it. The unit of work turns every recorded event into
 * an audit row (AUD-1) and every typed event into an outbox row (AUD-2), in the transaction
 * of the change.
 */
export type DomainEvent = TypedEvent | AuditEvent;

/** The events a unit of work has recorded so far, in order. */
export class EventLog {
  private readonly recorded: DomainEvent[] = [];

  record(...events: DomainEvent[]): void {
    this.recorded.push(...events);
  }

  get all(): readonly DomainEvent[] {
    return this.recorded;
  }
}
