import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { Money } from '../../../shared/graphql/types';
import { formatMoney } from '../../../shared/money';
import { OrderLine } from './order-line.entity';

export type SoftwareLedgerKind = 'CHARGE' | 'CREDIT';

/**
 * SW-5: the charge of a perpetual software order line (it has no subscription and so no
 * subscription ledger) and the 100% credit of its cancellation, exact decimals.
 */
@ObjectType('OrderLineLedgerEntry', { description: 'SW-5: a charge or credit of a perpetual software order line' })
@Entity({ tableName: 'software_ledger_entry' })
@Index({ properties: ['orderLineId', 'at'] })
export class SoftwareLedgerEntry {
  [OptionalProps]?: 'quantity' | 'description' | 'amount';

  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => OrderLine, { mapToPk: true, fieldName: 'order_line_id' })
  orderLineId!: string;

  @Field(() => String, { description: 'CHARGE or CREDIT' })
  @Property({ type: 'text' })
  kind!: SoftwareLedgerKind;

  @Property({ type: 'decimal', columnType: 'numeric(14,4)' })
  amountValue!: string;

  @Property({ type: 'text' })
  currency!: string;

  @Property({ type: 'integer', nullable: true })
  quantity?: number;

  @Field(() => String, { nullable: true, description: 'What the entry is for' })
  @Property({ type: 'text', nullable: true })
  description?: string;

  @Field({ description: 'When it was booked (UTC)' })
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field(() => Money, { description: 'Exact amount, always positive: `kind` says whether it is charged or credited (SW-5: a cancelled purchase is credited in full)' })
  get amount(): Money {
    return Object.assign(new Money(), { amount: formatMoney(this.amountValue, this.currency), currency: this.currency });
  }
}
