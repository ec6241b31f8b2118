import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { ChargeType } from '../../../shared/graphql/enums';
import { Money } from '../../../shared/graphql/types';
import { formatMoney } from '../../../shared/money';
import { Subscription } from './subscription.entity';

export type LedgerKind = 'CHARGE' | 'REFUND' | 'CREDIT';

/** SUB-3: charges and refunds of one subscription, exact decimals in the price currency. */
@ObjectType({ description: 'SUB-3: one charge, refund or credit of a subscription' })
@Entity({ tableName: 'ledger_entry' })
@Index({ properties: ['subscriptionId', 'at'] })
export class LedgerEntry {
  [OptionalProps]?: 'quantity' | 'description' | 'amount' | 'chargeType' | 'chargeStart' | 'chargeEnd' | 'unitPrice' | 'invoiceId';

  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The subscription charged or refunded (an ORM relation, held as its id). */
  @ManyToOne(() => Subscription, { mapToPk: true, fieldName: 'subscription_id' })
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

  @Field(() => String, { nullable: true, description: 'What the entry is for' })
  @Property({ type: 'text', nullable: true })
  description?: string;

  @Field({ description: 'When it was booked (UTC)' })
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field(() => ChargeType, { nullable: true, description: 'BIL-3: why it was charged or credited' })
  @Property({ type: 'text', nullable: true })
  chargeType?: ChargeType;

  @Field(() => Date, { nullable: true, description: 'BIL-1/BIL-2: first day charged or credited (UTC)' })
  @Property({ type: 'timestamptz', nullable: true })
  chargeStart?: Date;

  @Field(() => Date, { nullable: true, description: 'BIL-1/BIL-2: last instant charged or credited (inclusive, UTC)' })
  @Property({ type: 'timestamptz', nullable: true })
  chargeEnd?: Date;

  /** BIL-3: price of one license for the billing period, exact. */
  @Property({ type: 'decimal', columnType: 'numeric(14,4)', nullable: true })
  unitPrice?: string;

  /** Formatted to the currency's digits, like every amount a partner sees. */
  @Field(() => Money, { description: "Exact amount in the subscription's currency, always positive: `kind` says whether it is charged, refunded or credited" })
  get amount(): Money {
    const currency = this.currency.trim();
    return Object.assign(new Money(), { amount: formatMoney(this.amountValue, currency), currency });
  }
}
