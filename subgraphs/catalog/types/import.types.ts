import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BillingFrequency, Segment, SoftwareKeyType } from '../../../shared/graphql/enums';
import { UserError } from '../../../shared/graphql/types';
import { Offer } from '../entities/offer.entity';
import { AddOnRuleKind, BillingType, OfferCategory, OfferLifecycle, PublisherType, UpgradeKind } from './catalog.enums';

@InputType({ description: 'A unit price of the offer in one market' })
export class OfferPriceInput {
  @Field({ description: 'Country (ISO 3166-1 alpha-2)' }) market!: string;
  @Field({ description: 'ISO 4217 currency code' }) currency!: string;
  @Field({ description: 'Exact decimal string' }) amount!: string;
}

@InputType({ description: 'CAT-10: an eligible upgrade target of an offer' })
export class UpgradeTargetInput {
  @Field({ description: 'Provisioning id of the target' }) provisioningId!: string;
  @Field(() => UpgradeKind, { description: 'Kind of the path' }) kind!: UpgradeKind;
}

@InputType({ description: 'SW-2: the choices of a software product for keys and downloads' })
export class SoftwareProductInput {
  @Field(() => [String], { description: 'Versions that can be chosen' }) versions!: string[];
  @Field(() => [String], { nullable: true, description: 'Languages that can be chosen' }) languages?: string[];
  @Field(() => [String], { nullable: true, description: 'File types or operating systems of the downloads; none: no downloads' }) fileTypes?: string[];
  @Field(() => SoftwareKeyType, { description: 'Multiple-activation keys or none; KMS keys are never issued' }) keyType!: SoftwareKeyType;
  @Field({ nullable: true, description: 'Extended-security-update products: install instructions instead of downloads' }) installInstructionsUrl?: string;
}

@InputType({ description: 'SW-3: the billing frequencies one term duration allows' })
export class TermBillingInput {
  @Field({ description: 'Term as an ISO 8601 duration' }) termDuration!: string;
  @Field(() => [BillingFrequency], { description: 'Allowed billing frequencies' }) billingFrequencies!: BillingFrequency[];
}

@InputType({ description: 'One SKU to load or update, keyed by its provisioning id' })
export class OfferImportInput {
  @Field(() => ID, { nullable: true, description: 'Id for a new offer; an existing offer keeps its id' }) id?: string;
  @Field({ description: 'Display name' }) name!: string;
  @Field({ description: 'Provisioning id, the key of the SKU, e.g. Microsoft_365_E3_(no_Teams)' }) provisioningId!: string;
  @Field({ nullable: true, description: "BIL-7: Partner Center's ProductId (12 letters or digits, e.g. CFQ7TTC0LF8Q), given with skuId; omitted: the offer keeps its own" })
  productId?: string;
  @Field({ nullable: true, description: "BIL-7: Partner Center's SkuId within the product (4 letters or digits, e.g. 0001), given with productId" }) skuId?: string;
  @Field({ description: 'Product family, e.g. Microsoft 365' }) productFamily!: string;
  @Field(() => PublisherType, { description: 'Microsoft or an ISV' }) publisher!: PublisherType;
  @Field({ nullable: true, description: 'Name of the ISV for marketplace offers' }) isvPublisher?: string;
  @Field(() => BillingType, { description: 'Licence or usage billing' }) billingType!: BillingType;
  @Field(() => OfferCategory, { description: 'Enterprise, small business or trial' }) category!: OfferCategory;
  @Field(() => [Segment], { description: 'Customer segments it is sold to' }) segments!: Segment[];
  @Field(() => OfferLifecycle, { description: 'Whether it can still be bought (CAT-3)' }) lifecycle!: OfferLifecycle;
  @Field(() => [String], { description: 'Allowed terms as ISO 8601 durations: P1M, P1Y, P3Y' }) termDurations!: string[];
  @Field(() => [BillingFrequency], { description: 'Allowed billing frequencies' }) billingFrequencies!: BillingFrequency[];
  @Field(() => Int, { nullable: true, description: 'Fewest licences per subscription' }) minQuantity?: number;
  @Field(() => Int, { nullable: true, description: 'Most licences per subscription' }) maxQuantity?: number;
  @Field({ nullable: true, description: 'CAT-4: at most one subscription per customer' }) onePerCustomer?: boolean;
  @Field(() => [String], { nullable: true, description: 'CAT-7: provisioning ids of the base SKUs an add-on requires' }) prerequisites?: string[];
  @Field(() => [String], { description: 'ISO countries where the SKU is sold' }) markets!: string[];
  @Field({ description: 'List price in USD per unit and month, converted for markets without an explicit price' }) listPriceUsd!: string;
  @Field(() => [OfferPriceInput], { nullable: true, description: 'Explicit unit prices per market' }) prices?: OfferPriceInput[];
  @Field(() => ID, { nullable: true, description: 'Id of its trial offer' }) trialOfferId?: string;
  @Field(() => ID, { nullable: true, description: 'For a trial: id of the paid offer it converts to (TRI-2)' }) paidOfferId?: string;
  @Field({ nullable: true, description: 'O/M suites: true with Teams, false without' }) includesTeams?: boolean;
  @Field(() => AddOnRuleKind, { nullable: true, description: 'CAT-7: how the add-on is limited by its base licences' }) addOnRule?: AddOnRuleKind;
  @Field(() => Int, { nullable: true, description: 'CAT-7: minimum percentage of base licences (MULTI_GEO_MIN_PERCENT)' }) addOnPercent?: number;
  @Field(() => [String], { nullable: true, description: 'CAT-5: partner tenant ids or PartnerIDs of an exclusive offer' })
  exclusivePartners?: string[];
  @Field({ nullable: true, description: 'CAT-5: the ISV opted out of CSP' }) cspOptOut?: boolean;
  @Field({ nullable: true, description: 'CAT-5: false when the offer cannot be transacted here' }) transactable?: boolean;
  @Field(() => Int, { nullable: true, description: 'ORD-6: length of the free trial of a marketplace SaaS offer, in days' }) marketplaceTrialDays?: number;
  @Field({ nullable: true, description: "ORD-6: the publisher's setup link returned on the order line" }) setupUrl?: string;
  @Field({ nullable: true, description: 'SW-1: a software product' }) isSoftware?: boolean;
  @Field({ nullable: true, description: 'SW-1: perpetual software (no term, no subscription)' }) isPerpetual?: boolean;
  @Field({ nullable: true, description: 'SW-4: false for plans that can never be cancelled' }) cancellable?: boolean;
  @Field({ nullable: true, description: 'SW-4: false for plans that can never be exchanged' }) exchangeable?: boolean;
  @Field({ nullable: true, description: 'CAT-8: an Azure reservation (the seed 003 markets are excluded by its market list)' }) azureReservation?: boolean;
  @Field({ nullable: true, description: 'CAT-8: sold to commercial customers only' }) commercialOnly?: boolean;
  @Field(() => SoftwareProductInput, { nullable: true, description: 'SW-2: versions, languages and key type for keys and downloads' })
  software?: SoftwareProductInput;
  @Field(() => [TermBillingInput], { nullable: true, description: 'SW-3: billing frequencies allowed per term' }) termBilling?: TermBillingInput[];
  @Field(() => [UpgradeTargetInput], { nullable: true, description: 'CAT-10: when given, replaces the SKU’s upgrade paths' })
  upgradeTargets?: UpgradeTargetInput[];
}

@InputType({ description: 'Input of `importOffers`' })
export class ImportOffersInput {
  @Field(() => [OfferImportInput], { description: 'Offers to create or replace (by provisioning id)' }) offers!: OfferImportInput[];
}

@ObjectType({ description: 'Result of `importOffers`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class ImportOffersPayload {
  @Field(() => [Offer], { nullable: true, description: 'The imported offers' }) offers?: Offer[];
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}
