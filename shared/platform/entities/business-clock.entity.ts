import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** The business clock's one row: an offset from the database time (shared/clock.ts). */
@Entity({ tableName: 'business_clock', schema: 'platform' })
export class BusinessClock {
  @PrimaryKey({ type: 'smallint' })
  id!: number;

  @Property({ type: 'bigint' })
  offsetMs!: string;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
