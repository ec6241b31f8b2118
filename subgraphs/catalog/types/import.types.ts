import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BillingFrequency, Segment, SoftwareKeyType } from '../../../shared/graphql/enums';
import { UserError } from '../../../shared/graphql/types';
import { Offer } from '../entities/offer.entity';
import { AddOnRuleKind, BillingType, OfferCategory, OfferLifecycle, PublisherType, UpgradeKind } from './catalog.enums';

@InputType()
export class OfferPriceInput {
  @Field() market!: string;
  @Field() currency!: string;
  @Field({ description: 'Exact decimal string' }) amount!: string;
}

@InputType()
export class UpgradeTargetInput {
  @Field() provisioningId!: string;
  @Field(() => UpgradeKind) kind!: UpgradeKind;
}

@InputType({ description: 'SW-2: the choices of a software product for keys and downloads' })
export class SoftwareProductInput {
  @Field(() => [String]) versions!: string[];
  @Field(() => [String], { nullable: true }) languages?: string[];
  @Field(() => [String], { nullable: true, description: 'File types or operating systems of the downloads; none: no downloads' }) fileTypes?: string[];
  @Field(() => SoftwareKeyType, { description: 'Multiple-activation keys or none; KMS keys are never issued' }) keyType!: SoftwareKeyType;
  @Field({ nullable: true, description: 'Extended-security-update products: install instructions instead of downloads' }) installInstructionsUrl?: string;
}

@InputType({ description: 'SW-3: the billing frequencies one term duration allows' })
export class TermBillingInput {
  @Field() termDuration!: string;
  @Field(() => [BillingFrequency]) billingFrequencies!: BillingFrequency[];
}

@InputType({ description: 'One SKU to load or update, keyed by its provisioning id' })
export class OfferImportInput {
  @Field(() => ID, { nullable: true, description: 'Id for a new offer; an existing offer keeps its id' }) id?: string;
  @Field() name!: string;
  @Field() provisioningId!: string;
  @Field() productFamily!: string;
  @Field(() => PublisherType) publisher!: PublisherType;
  @Field({ nullable: true }) isvPublisher?: string;
  @Field(() => BillingType) billingType!: BillingType;
  @Field(() => OfferCategory) category!: OfferCategory;
  @Field(() => [Segment]) segments!: Segment[];
  @Field(() => OfferLifecycle) lifecycle!: OfferLifecycle;
  @Field(() => [String]) termDurations!: string[];
  @Field(() => [BillingFrequency]) billingFrequencies!: BillingFrequency[];
  @Field(() => Int, { nullable: true }) minQuantity?: number;
  @Field(() => Int, { nullable: true }) maxQuantity?: number;
  @Field({ nullable: true }) onePerCustomer?: boolean;
  @Field(() => [String], { nullable: true }) prerequisites?: string[];
  @Field(() => [String], { description: 'ISO countries where the SKU is sold' }) markets!: string[];
  @Field({ description: 'List price in USD per unit and month, converted for markets without an explicit price' }) listPriceUsd!: string;
  @Field(() => [OfferPriceInput], { nullable: true }) prices?: OfferPriceInput[];
  @Field(() => ID, { nullable: true }) trialOfferId?: string;
  @Field(() => ID, { nullable: true }) paidOfferId?: string;
  @Field({ nullable: true, description: 'O/M suites: true with Teams, false without' }) includesTeams?: boolean;
  @Field(() => AddOnRuleKind, { nullable: true }) addOnRule?: AddOnRuleKind;
  @Field(() => Int, { nullable: true }) addOnPercent?: number;
  @Field(() => [String], { nullable: true, description: 'CAT-5: partner tenant ids or PartnerIDs of an exclusive offer' })
  exclusivePartners?: string[];
  @Field({ nullable: true }) cspOptOut?: boolean;
  @Field({ nullable: true }) transactable?: boolean;
  @Field(() => Int, { nullable: true }) marketplaceTrialDays?: number;
  @Field({ nullable: true }) setupUrl?: string;
  @Field({ nullable: true }) isSoftware?: boolean;
  @Field({ nullable: true }) isPerpetual?: boolean;
  @Field({ nullable: true }) cancellable?: boolean;
  @Field({ nullable: true, description: 'SW-4: false for plans that can never be exchanged' }) exchangeable?: boolean;
  @Field({ nullable: true, description: 'CAT-8: an Azure reservation (the seed 003 markets are excluded by its market list)' }) azureReservation?: boolean;
  @Field({ nullable: true, description: 'CAT-8: sold to commercial customers only' }) commercialOnly?: boolean;
  @Field(() => SoftwareProductInput, { nullable: true }) software?: SoftwareProductInput;
  @Field(() => [TermBillingInput], { nullable: true }) termBilling?: TermBillingInput[];
  @Field(() => [UpgradeTargetInput], { nullable: true, description: 'CAT-10: when given, replaces the SKU’s upgrade paths' })
  upgradeTargets?: UpgradeTargetInput[];
}

@InputType()
export class ImportOffersInput {
  @Field(() => [OfferImportInput]) offers!: OfferImportInput[];
}

@ObjectType()
export class ImportOffersPayload {
  @Field(() => [Offer], { nullable: true }) offers?: Offer[];
  @Field(() => [UserError]) errors!: UserError[];
}
