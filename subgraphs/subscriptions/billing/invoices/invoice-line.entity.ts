import { OptionalProps } from '@mikro-orm/core';
import { Entity, Filter, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ChargeType } from '../../../../shared/graphql/enums';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../../shared/db/tenant-filter';
import { partnerRows } from '../../tenant-scope';

/**
 * BIL-3/BIL-4: one charge or credit on an invoice, with everything its reconciliation row needs
 * kept on the line: the figures when it was booked, and the names of the customer, product and
 * SKU (and the partner's PartnerID) once read from their owners, before the invoice closes. A
 * closed invoice and its file so never change and need nothing from another subgraph.
 */
@ObjectType({ description: 'BIL-3: one charge or credit of an invoice' })
// ACT-2, BIL-8: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => partnerRows(args.identity), default: true })
@Entity({ tableName: 'invoice_line' })
@Index({ properties: ['invoiceId', 'id'] })
export class InvoiceLine {
  [OptionalProps]?: 'orderId' | 'orderDate' | 'promotionId' | 'resellerPartnerId' | 'unitPrice' | 'effectiveUnitPrice' | 'chargeStart' | 'chargeEnd' | 'termDuration' | 'billingFrequency' | 'ledgerEntryId' | 'described' | 'customerName' | 'customerDomain' | 'customerCountry' | 'productId' | 'skuId' | 'productName' | 'skuName' | 'mpnId' | 'quantity' | 'subscriptionId' | 'orderLineId';

  @Field(() => ID, { description: 'Unique id of the line (AlternateId in the reconciliation file)' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  invoiceId!: string;

  /** The ledger line it bills (one invoice line each, BIL-3). */
  @Property({ type: 'text', nullable: true, unique: true })
  ledgerEntryId?: string;

  @Property({ type: 'text' })
  partnerId!: string;

  @Property({ type: 'text' })
  customerId!: string;

  /** The subscription charged or credited; none for perpetual software (SW-5), which names its order line. */
  @Property({ type: 'text', nullable: true })
  subscriptionId?: string;

  @Property({ type: 'text', nullable: true })
  orderLineId?: string;

  @Property({ type: 'text', nullable: true })
  orderId?: string;

  @Property({ type: 'timestamptz', nullable: true })
  orderDate?: Date;

  @Property({ type: 'text' })
  offerId!: string;

  @Field(() => ChargeType, { description: 'Why money moved' })
  @Property({ type: 'text' })
  chargeType!: ChargeType;

  @Field(() => Int, { nullable: true, description: 'Licenses charged or credited' })
  @Property({ type: 'integer', nullable: true })
  quantity?: number;

  /** Price of one license for the billing period, before and after promotion (exact). */
  @Property({ type: 'decimal', columnType: 'numeric(14,4)', nullable: true })
  unitPrice?: string;

  @Property({ type: 'decimal', columnType: 'numeric(14,4)', nullable: true })
  effectiveUnitPrice?: string;

  /** Signed: charges positive, refunds and credits negative; in the invoice's currency's digits. */
  @Property({ type: 'decimal', columnType: 'numeric(14,4)' })
  amountValue!: string;

  @Property({ type: 'text' })
  currency!: string;

  @Field(() => Date, { nullable: true, description: 'First day charged or credited (UTC)' })
  @Property({ type: 'timestamptz', nullable: true })
  chargeStart?: Date;

  @Field(() => Date, { nullable: true, description: 'Last instant charged or credited (UTC, inclusive)' })
  @Property({ type: 'timestamptz', nullable: true })
  chargeEnd?: Date;

  @Field({ description: 'When it was booked (UTC)' })
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'BIL-5: the promotion applied, if any' })
  @Property({ type: 'text', nullable: true })
  promotionId?: string;

  @Field(() => String, { nullable: true, description: 'Reseller of record (PartnerID) when it was booked' })
  @Property({ type: 'text', nullable: true })
  resellerPartnerId?: string;

  @Property({ type: 'text', nullable: true })
  termDuration?: string;

  @Property({ type: 'text', nullable: true })
  billingFrequency?: string;

  /** Whether the names below have been read from their owners (before the invoice closes). */
  @Property({ type: 'boolean' })
  described: boolean = false;

  @Field(() => String, { nullable: true, description: 'Company name of the customer when the line was described' })
  @Property({ type: 'text', nullable: true })
  customerName?: string;

  @Field(() => String, { nullable: true, description: 'Domain of the customer tenant' })
  @Property({ type: 'text', nullable: true })
  customerDomain?: string;

  @Field(() => String, { nullable: true, description: 'Country of the customer (ISO 3166-1 alpha-2)' })
  @Property({ type: 'text', nullable: true })
  customerCountry?: string;

  @Field(() => String, { nullable: true, description: "Partner Center's ProductId of the offer" })
  @Property({ type: 'text', nullable: true })
  productId?: string;

  @Field(() => String, { nullable: true, description: "Partner Center's SkuId of the offer" })
  @Property({ type: 'text', nullable: true })
  skuId?: string;

  @Field(() => String, { nullable: true, description: 'Product name' })
  @Property({ type: 'text', nullable: true })
  productName?: string;

  @Field(() => String, { nullable: true, description: 'SKU name' })
  @Property({ type: 'text', nullable: true })
  skuName?: string;

  /** The billed partner's PartnerID (MPN id). */
  @Property({ type: 'text', nullable: true })
  mpnId?: string;
}
