import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { BillingFrequency, Segment, SoftwareKeyType } from '../../../shared/graphql/enums';
import { BillingType, OfferCategory, OfferLifecycle, PublisherType } from '../types/catalog.enums';

/** A SKU offered in the catalog (CAT-1). */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'CAT-1: a product SKU that can be bought' })
@Entity({ tableName: 'offer' })
export class Offer {
  [OptionalProps]?:
    | 'prerequisites'
    | 'onePerCustomer'
    | 'maxQuantity'
    | 'minQuantity'
    | 'isvPublisher'
    | 'trialOfferId'
    | 'listPriceUsd'
    | 'exclusivePartners'
    | 'cspOptOut'
    | 'transactable'
    | 'isSoftware'
    | 'isPerpetual'
    | 'cancellable'
    | 'azureReservation'
    | 'commercialOnly'
    | 'exchangeable'
    | 'softwareVersions'
    | 'softwareLanguages'
    | 'softwareFileTypes'
    | 'productId'
    | 'skuId';

  @Field(() => ID, { description: 'Unique id (use it as `offerId`)' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field({ description: 'Display name, e.g. Microsoft 365 E3' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'Provisioning id, e.g. Microsoft_365_E3_(no_Teams)' })
  @Property({ type: 'text', unique: true })
  provisioningId!: string;

  @Field(() => String, { nullable: true, description: "Partner Center's ProductId, e.g. CFQ7TTC0LF8Q: the price list's and the reconciliation file's product key (BIL-7); null when none is known" })
  @Property({ type: 'text', nullable: true })
  productId?: string;

  @Field(() => String, { nullable: true, description: "Partner Center's SkuId within the product, e.g. 0001 (BIL-7); null when none is known" })
  @Property({ type: 'text', nullable: true })
  skuId?: string;

  @Field({ description: 'Product family, e.g. Microsoft 365' })
  @Property({ type: 'text' })
  productFamily!: string;

  @Field(() => PublisherType, { description: 'Microsoft or an ISV' })
  @Property({ type: 'text' })
  publisher!: PublisherType;

  @Field(() => String, { nullable: true, description: 'Publisher name for ISV offers' })
  @Property({ type: 'text', nullable: true })
  isvPublisher?: string;

  @Field(() => BillingType, { description: 'Licence or usage billing' })
  @Property({ type: 'text' })
  billingType!: BillingType;

  @Field(() => OfferCategory, { description: 'Enterprise, small business or trial' })
  @Property({ type: 'text' })
  category!: OfferCategory;

  @Field(() => [Segment], { description: 'Customer segments it is sold to' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  segments!: Segment[];

  @Field(() => OfferLifecycle, { description: 'CAT-3: whether it can still be bought' })
  @Property({ type: 'text' })
  lifecycle!: OfferLifecycle;

  @Field(() => [String], { description: 'ISO 8601 durations: P1M, P1Y, P3Y' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  termDurations!: string[];

  @Field(() => [BillingFrequency], { description: 'Billing frequencies it allows' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  billingFrequencies!: BillingFrequency[];

  @Field(() => Int, { description: 'Fewest licences per subscription' })
  @Property({ type: 'integer' })
  minQuantity: number = 1;

  @Field(() => Int, { description: 'Most licences per subscription' })
  @Property({ type: 'integer' })
  maxQuantity: number = 10000;

  @Field({ description: 'CAT-4: a customer may hold at most one subscription of it' })
  @Property({ type: 'boolean' })
  onePerCustomer: boolean = false;

  @Field(() => [String], { description: 'Provisioning ids of prerequisite base SKUs (CAT-7)' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  prerequisites: string[] = [];

  /** Markets (ISO countries) where the SKU is sold (CAT-1, CAT-8). */
  @Property({ type: ArrayType, columnType: 'text[]' })
  markets!: string[];

  @Field(() => ID, { nullable: true, description: 'The trial SKU of this paid SKU, if any (CAT-9)' })
  @Property({ type: 'text', nullable: true })
  trialOfferId?: string;

  @Field(() => ID, { nullable: true, description: 'Trial SKUs: the paid equivalent a trial converts to (TRI-2)' })
  @Property({ type: 'text', nullable: true })
  paidOfferId?: string;

  /** Reference list price in USD per unit and month: compares SKUs for CAT-10 category switches. */
  @Property({ type: 'decimal', columnType: 'numeric(14,4)' })
  listPriceUsd: string = '0';

  /** O/M suites with or without Teams (CAT-10); null for other SKUs. */
  @Property({ type: 'text', nullable: true })
  teams?: 'WITH' | 'WITHOUT';

  @Property({ type: 'text', nullable: true })
  addOnRule?: 'COPILOT_MAX_BASE' | 'MULTI_GEO_MIN_PERCENT';

  @Property({ type: 'integer', nullable: true })
  addOnPercent?: number;

  /** CAT-5: partners (tenant ids or PartnerIDs) an exclusive ISV offer is sold through; empty = everyone. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  exclusivePartners: string[] = [];

  /** CAT-5: the ISV opted out of CSP. */
  @Property({ type: 'boolean' })
  cspOptOut: boolean = false;

  /** CAT-5: transactable through the partner centre. */
  @Property({ type: 'boolean' })
  transactable: boolean = true;

  @Field(() => Int, { nullable: true, description: 'ORD-6: marketplace SaaS free trial (days) that starts automatically' })
  @Property({ type: 'integer', nullable: true })
  marketplaceTrialDays?: number;

  @Field(() => String, { nullable: true, description: "ORD-6: the ISV publisher's setup link" })
  @Property({ type: 'text', nullable: true })
  setupUrl?: string;

  @Field({ description: 'SW-*: software (server subscriptions, perpetual software, Linux plans)' })
  @Property({ type: 'boolean' })
  isSoftware: boolean = false;

  @Field({ description: 'SW-5: perpetual software' })
  @Property({ type: 'boolean' })
  isPerpetual: boolean = false;

  @Field({ description: 'SW-4: false for Red Hat and SUSE plans, which can never be cancelled' })
  @Property({ type: 'boolean' })
  cancellable: boolean = true;

  @Field({ description: 'CAT-8: an Azure reservation (not sold in the markets of seed 003)' })
  @Property({ type: 'boolean' })
  azureReservation: boolean = false;

  @Field({ description: 'CAT-8: Azure reservations and server subscriptions are sold to commercial customers only' })
  @Property({ type: 'boolean' })
  commercialOnly: boolean = false;

  @Field({ description: 'SW-4: false for Red Hat and SUSE plans, which can never be exchanged for another SKU' })
  @Property({ type: 'boolean' })
  exchangeable: boolean = true;

  /** SW-2: the versions an ADMIN_AGENT chooses from for keys and downloads. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  softwareVersions: string[] = [];

  /** SW-2: download languages, where the product has them. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  softwareLanguages: string[] = [];

  /** SW-2: download file types or operating systems, where the product has them. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  softwareFileTypes: string[] = [];

  /** SW-2: the product key a software product gets (null for other SKUs); never KMS. */
  @Property({ type: 'text', nullable: true })
  softwareKeyKind?: SoftwareKeyType;

  /** SW-2: extended-security-update products give install instructions instead of downloads. */
  @Property({ type: 'text', nullable: true })
  installInstructionsUrl?: string;

  /** SW-3: billing frequencies per term, when the SKU restricts them per term (null: every listed frequency that fits the term). */
  @Property({ type: 'json', nullable: true })
  termBilling?: TermBillingData[];
}

/** SW-3: the billing frequencies one term duration of a SKU allows. */
export interface TermBillingData {
  termDuration: string;
  billingFrequencies: BillingFrequency[];
}
