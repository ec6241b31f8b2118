import type { EntityManager } from '../db/orm';
import { placeholders } from '../db/orm';
import { isWebhookEventType, type EventPayloads, type EventType, type WebhookEventType } from './event-types';

interface StoredFields {
  /** The subgraph that recorded it: the stream it belongs to. */
  source: string;
  /** Its place in the source's stream (a bigint, as text). */
  position: string;
  /** Public id: the `webhook-id`, the same on every delivery attempt. */
  id: string;
  tenantId: string;
  resourceType: string;
  resourceId: string;
  userId: string;
  /** Business-clock time of the change. */
  occurredAt: Date;
}

/**
 * An event as consumers and deliveries read it: where it is (source, position) and what it says,
 * its `data` typed by its `type` (narrow on `type` when a consumer applies several).
 */
export type StoredEvent<T extends EventType = EventType> = { [K in T]: StoredFields & { type: K; data: EventPayloads[K] } }[T];

/** An event partners may receive on their webhooks. */
export function isWebhookEvent(event: StoredEvent): event is StoredEvent<WebhookEventType> {
  return isWebhookEventType(event.type);
}

/** What one read of a stream found. */
export interface StreamBatch {
  /** The events of the asked types, in position order. */
  events: StoredEvent[];
  /** The last position read (of any type), or null when the stream holds nothing after `after`. */
  readTo: string | null;
  /** How many positions were read (at most the limit; fewer means the stream's end). */
  read: number;
}

/**
 * Where consumers and webhook deliveries read events from. Today every source's stream is its
 * rows in `platform.outbox_event` of this database; when subgraphs get databases of their own, a
 * stream carried by PostgreSQL logical replication or a broker is read through the same
 * interface (docs/platform.md). A position is a source's own: consumers keep one per source.
 */
export interface EventStream {
  /** Reads at most `limit` positions of `source` after `after`, oldest first; returns those of `types`. */
  readAfter(em: EntityManager, source: string, after: string, types: readonly string[], limit: number): Promise<StreamBatch>;
  /** The events at these positions of `source` (those still kept), in position order. */
  load(em: EntityManager, source: string, positions: readonly string[]): Promise<StoredEvent[]>;
}

interface EventRow {
  position: string;
  id: string;
  type: string;
  tenant_id: string;
  resource_type: string;
  resource_id: string;
  data: EventPayloads[EventType] | string;
  user_id: string;
  occurred_at: Date | string;
}

const COLUMNS = 'position, id, type, tenant_id, resource_type, resource_id, data, user_id, occurred_at';

/**
 * One poll: a range of the primary key (source, position) after the consumer's position, at most
 * `limit` rows, so its cost is the batch's whatever the history before it. Rows of types the
 * consumer does not apply come along (it moves past them); a batch is small either way.
 */
export const READ_AFTER_SQL = `select ${COLUMNS} from platform.outbox_event where source = ? and position > ?::bigint order by position limit ?`;

/** A row as its type's payload: the producer wrote it through the same map (and the build checks both sides). */
function toEvent(source: string, row: EventRow): StoredEvent {
  return {
    source,
    position: String(row.position),
    id: row.id,
    type: row.type as EventType,
    tenantId: row.tenant_id,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
    userId: row.user_id,
    occurredAt: new Date(row.occurred_at),
  };
}

/** The streams of this database: `platform.outbox_event`, keyed by (source, position). */
export const outboxStream: EventStream = {
  async readAfter(em, source, after, types, limit) {
    const rows = await em.execute<EventRow[]>(READ_AFTER_SQL, [source, after, limit]);
    const wanted = new Set(types);
    return {
      events: rows.filter((row) => wanted.has(row.type)).map((row) => toEvent(source, row)),
      readTo: rows.length ? String(rows[rows.length - 1].position) : null,
      read: rows.length,
    };
  },

  async load(em, source, positions) {
    if (!positions.length) return [];
    const rows = await em.execute<EventRow[]>(
      `select ${COLUMNS} from platform.outbox_event where source = ? and position in (${placeholders(positions)}) order by position`,
      [source, ...positions],
    );
    return rows.map((row) => toEvent(source, row));
  },
};
