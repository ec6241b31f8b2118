import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Which consumer has applied which outbox event: the primary key makes every consumer's
 * handler run at most once per event, in the same transaction as its effect, whatever the
 * number of workers, retries or crashes.
 */
@Entity({ tableName: 'consumed_event', schema: 'platform' })
export class ConsumedEvent {
  @PrimaryKey({ type: 'text' })
  consumer!: string;

  @PrimaryKey({ type: 'text' })
  eventId!: string;

  @Property({ type: 'timestamptz' })
  consumedAt!: Date;
}
