import type { EntityManager } from '../db/orm';

/**
 * Where each consumer stands in each source's stream (`platform.consumer_position`), and the
 * events it moved past after they failed and still owes (`platform.consumer_retry`). Both live
 * in the consumer's database and change in the same transaction as the consumer's effect: that
 * is what makes a consumer apply each event exactly once.
 */

/** Adds the consumer's position in each source (at the stream's start) unless it has one. */
export async function registerConsumer(em: EntityManager, consumer: string, sources: readonly string[]): Promise<void> {
  for (const source of sources) {
    await em.execute(`insert into platform.consumer_position (consumer, source, position) values (?, ?, 0) on conflict do nothing`, [consumer, source], 'run');
  }
}

/** The consumer's position in `source`, read without a lock (where the next read starts). */
export async function positionOf(em: EntityManager, consumer: string, source: string): Promise<string> {
  const rows = await em.execute<{ position: string }[]>(`select position from platform.consumer_position where consumer = ? and source = ?`, [consumer, source]);
  return rows.length ? String(rows[0].position) : '0';
}

/**
 * The consumer's position in `source`, locked until the transaction ends: workers of the same
 * consumer take turns here, and each sees where the last one left it.
 */
export async function lockPosition(em: EntityManager, consumer: string, source: string): Promise<bigint> {
  const rows = await em.execute<{ position: string }[]>(`select position from platform.consumer_position where consumer = ? and source = ? for update`, [consumer, source]);
  if (!rows.length) throw new Error(`consumer ${consumer} has no position in ${source}`);
  return BigInt(rows[0].position);
}

/** Sets the consumer's position (its row is locked by {@link lockPosition} in this transaction). */
export async function setPosition(em: EntityManager, consumer: string, source: string, position: string): Promise<void> {
  await em.execute(`update platform.consumer_position set position = ? where consumer = ? and source = ?`, [position, consumer, source], 'run');
}

/**
 * Moves the consumer past positions it read and had nothing to apply at (other types); never
 * backwards, whoever else moved it meanwhile.
 */
export async function moveForward(em: EntityManager, consumer: string, source: string, position: string): Promise<void> {
  await em.execute(`update platform.consumer_position set position = greatest(position, ?::bigint) where consumer = ? and source = ?`, [position, consumer, source], 'run');
}

export interface OwedEvent {
  source: string;
  position: string;
  eventId: string;
}

/** Records that the consumer moved past an event it has not applied (it failed): retried from here. */
export async function owe(em: EntityManager, consumer: string, event: OwedEvent): Promise<void> {
  await em.execute(`insert into platform.consumer_retry (consumer, source, position, event_id) values (?, ?, ?, ?) on conflict do nothing`, [
    consumer,
    event.source,
    event.position,
    event.eventId,
  ], 'run');
}

/** The events the consumer owes, oldest first per source. */
export async function owedBy(em: EntityManager, consumer: string): Promise<OwedEvent[]> {
  const rows = await em.execute<{ source: string; position: string; event_id: string }[]>(
    `select source, position, event_id from platform.consumer_retry where consumer = ? order by source, position`,
    [consumer],
  );
  return rows.map((row) => ({ source: row.source, position: String(row.position), eventId: row.event_id }));
}

/**
 * Takes an owed event off the list in this transaction; false when another worker settled it.
 * A second worker waits for the first one's transaction: if it commits, the row is gone.
 */
export async function settle(em: EntityManager, consumer: string, event: OwedEvent): Promise<boolean> {
  const rows = await em.execute<{ position: string }[]>(
    `delete from platform.consumer_retry where consumer = ? and source = ? and position = ? returning position`,
    [consumer, event.source, event.position],
  );
  return rows.length === 1;
}
