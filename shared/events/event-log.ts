import type { EventType } from './event-types';

/**
 * A domain event as a service records it. The unit of work turns every recorded event into
 * an audit row (AUD-1) and every typed event into an outbox row (AUD-2), in the transaction
 * of the change.
 */
export interface DomainEvent {
  /** Outbox type: delivered to webhooks and consumers; absent = audit only. */
  type?: EventType;
  /** AUD-1 operation type; defaults to the operation the unit runs (the mutation's name). */
  operation?: string;
  /** The tenant the event belongs to; defaults to the caller's. */
  tenantId?: string;
  resourceType: string;
  resourceId: string;
  /** Details kept in the audit row and carried in the event's data. */
  data?: Record<string, unknown>;
}

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
