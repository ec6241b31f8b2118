import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { Money } from '../../../shared/graphql/types';

export type LedgerKind = 'CHARGE' | 'REFUND' | 'CREDIT';

/** SUB-3: charges and refunds of one subscription, exact decimals in the price currency. */
@ObjectType()
@Entity({ tableName: 'ledger_entry' })
@Index({ properties: ['subscriptionId', 'at'] })
export class LedgerEntry {
  [OptionalProps]?: 'quantity' | 'description' | 'amount';

  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  subscriptionId!: string;

  @Field(() => String, { description: 'CHARGE, REFUND or CREDIT' })
  @Property({ type: 'text' })
  kind!: LedgerKind;

  @Property({ type: 'decimal', columnType: 'numeric(14,4)' })
  amountValue!: string;

  @Property({ type: 'text' })
  currency!: string;

  @Property({ type: 'integer', nullable: true })
  quantity?: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string;

  @Field()
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field(() => Money)
  get amount(): Money {
    return Object.assign(new Money(), { amount: this.amountValue, currency: this.currency });
  }
}
