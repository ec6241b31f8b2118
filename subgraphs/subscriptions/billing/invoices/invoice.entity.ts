import { OptionalProps } from '@mikro-orm/core';
import { Entity, Filter, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { InvoiceStatus } from './invoice-status';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../../shared/db/tenant-filter';
import { partnerRows } from '../../tenant-scope';

/**
 * BIL-3: one partner's invoice for one calendar month (UTC) and currency. OPEN during its month,
 * CLOSED by due work at 00:00 UTC of the next month's first day; a closed invoice never changes.
 */
@ObjectType({ description: 'BIL-3: a monthly invoice of the partner, per currency' })
// ACT-2, BIL-8: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => partnerRows(args.identity), default: true })
@Entity({ tableName: 'invoice' })
@Unique({ properties: ['partnerId', 'currency', 'periodStart'] })
@Unique({ properties: ['partnerId', 'number'] })
@Index({ properties: ['status', 'periodEnd'] })
export class Invoice {
  [OptionalProps]?: 'closedAt' | 'closedTotal';

  @Field(() => ID, { description: 'Unique id of the invoice' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The partner tenant billed (ACT-2, BIL-8). */
  @Property({ type: 'text' })
  partnerId!: string;

  @Field(() => Int, { description: "Unique per partner and increasing: the partner's invoices in the order they were opened" })
  @Property({ type: 'integer' })
  number!: number;

  @Field({ description: 'First instant of the calendar month (UTC)' })
  @Property({ type: 'timestamptz' })
  periodStart!: Date;

  @Field({ description: 'Last instant of the calendar month (UTC, inclusive)' })
  @Property({ type: 'timestamptz' })
  periodEnd!: Date;

  @Field(() => InvoiceStatus, { description: 'OPEN during its month, CLOSED from 00:00 UTC of the next month' })
  @Property({ type: 'text' })
  status!: InvoiceStatus;

  @Field({ description: 'ISO 4217 currency of every line' })
  @Property({ type: 'text' })
  currency!: string;

  @Field(() => Date, { nullable: true, description: 'When it closed (UTC); null while open' })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date;

  /** The sum of its lines when it closed (exact); it never changes afterwards. */
  @Property({ type: 'decimal', columnType: 'numeric(16,4)', nullable: true })
  closedTotal?: string;
}
