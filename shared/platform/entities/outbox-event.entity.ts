import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * AUD-2: a domain event with a type, written by the unit of work in the same transaction as
 * the change (the transactional outbox). Consumers (webhook fan-out, other subgraphs'
 * handlers) read it after commit and apply it at most once each (platform.consumed_event).
 * `position` orders events by commit-time insertion.
 */
@Entity({ tableName: 'outbox_event', schema: 'platform' })
@Index({ properties: ['type', 'position'] })
export class OutboxEvent {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'bigint', autoincrement: true, persist: false, nullable: true })
  position?: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text' })
  tenantId!: string;

  @Property({ type: 'text' })
  resourceType!: string;

  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  /** The subgraph whose unit of work recorded it. */
  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'text' })
  userId!: string;

  /** Business-clock time of the change. */
  @Property({ type: 'timestamptz' })
  occurredAt!: Date;
}
