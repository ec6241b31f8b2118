import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One item of due work (a renewal, an event for a consumer …) that failed and has not
 * succeeded since: how often, the last error, when it first and last failed (business clock).
 * After `DUE_WORK_MAX_ATTEMPTS` the workers skip it until the row is removed.
 */
@Entity({ tableName: 'due_work_failure', schema: 'platform' })
export class DueWorkFailure {
  @PrimaryKey({ type: 'text' })
  queue!: string;

  @PrimaryKey({ type: 'text' })
  itemId!: string;

  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: 'text' })
  lastError!: string;

  @Property({ type: 'timestamptz' })
  firstFailedAt!: Date;

  @Property({ type: 'timestamptz' })
  lastFailedAt!: Date;
}
