import { Field, Int, ObjectType } from 'type-graphql';
import { Offer } from '../entities/offer.entity';
import { AddOnRuleKind, SuitePersona, SuiteSector, UpgradeKind } from './catalog.enums';

@ObjectType({ description: 'A unit price with its tax treatment (CAT-2: taxes included only in AU and BR)' })
export class OfferPriceDetails {
  @Field({ description: 'Country of the price (ISO 3166-1 alpha-2)' }) market!: string;
  @Field({ description: 'Exact decimal, formatted to the currency digits' }) amount!: string;
  @Field({ description: 'ISO 4217 currency code' }) currency!: string;
  @Field({ description: 'CAT-2: the price includes tax (Australia and Brazil only)' }) taxIncluded!: boolean;
}

@ObjectType({ description: 'Whether the catalog lets this customer buy the offer (CAT-2, CAT-3, CAT-4, CAT-5, CAT-8)' })
export class Purchasability {
  @Field({ description: 'True when the offer can be bought for this customer now' }) allowed!: boolean;
  @Field(() => String, { nullable: true, description: 'ErrorCode of the refusal: OFFER_NOT_AVAILABLE, OFFER_END_OF_SALE or ONE_PER_CUSTOMER' })
  reason?: string;
  @Field(() => String, {
    nullable: true,
    description:
      'SEGMENT_NOT_ELIGIBLE, COMMERCIAL_ONLY, MARKET_NOT_SOLD, END_OF_SALE, ISV_COUNTRY_NOT_SUPPORTED, ISV_OPTED_OUT, ISV_EXCLUSIVE, NOT_TRANSACTABLE, ALREADY_HELD, HELD_SUSPENDED',
  })
  detail?: string;
  @Field(() => String, { nullable: true, description: 'Why not, in English; null when allowed' }) message?: string;
  @Field(() => String, { nullable: true, description: 'Id of the rule that forbids it, e.g. CAT-4 (see docs/rules.md)' }) rule?: string;
}

@ObjectType({ description: 'CAT-10: an eligible upgrade target' })
export class UpgradePath {
  @Field(() => Offer, { description: 'The target offer' }) offer!: Offer;
  @Field(() => UpgradeKind, { description: 'Kind of the path' }) kind!: UpgradeKind;
}

@ObjectType({ description: 'CAT-10: is this SKU → target an eligible upgrade, and if not why' })
export class UpgradeEligibility {
  @Field({ description: 'True when the path can be taken' }) eligible!: boolean;
  @Field(() => UpgradeKind, { nullable: true, description: 'Kind of the path' }) kind?: UpgradeKind;
  @Field(() => String, { nullable: true, description: 'UPGRADE_NOT_ELIGIBLE when refused' }) reason?: string;
  @Field(() => String, {
    nullable: true,
    description: 'SAME_SKU, NOT_EXCHANGEABLE, TRIAL_SOURCE, UNSUPPORTED_PATH, TEAMS_NOT_RESTORABLE, TARGET_END_OF_SALE, DOWNGRADE, NOT_HIGHER_VALUE, NO_UPGRADE_PATH',
  })
  detail?: string;
  @Field(() => String, { nullable: true, description: 'Why not; null when eligible' }) message?: string;
  @Field(() => String, { nullable: true, description: 'Id of the rule that forbids it' }) rule?: string;
}

@ObjectType({ description: 'CAT-11: suite taxonomy (persona × sector) and CAT-10 minimum license count' })
export class Suite {
  @Field(() => SuitePersona, { description: 'The users it is for' }) persona!: SuitePersona;
  @Field(() => SuiteSector, { description: 'The sector it is for' }) sector!: SuiteSector;
  @Field(() => Int, { description: 'Licenses a subscription of the suite must keep (UPG-4)' }) minimumLicenses!: number;
}

@ObjectType({ description: 'CAT-7: how an add-on quantity relates to the base licenses the customer owns' })
export class AddOnRule {
  @Field(() => AddOnRuleKind, { description: 'Which limit applies' }) kind!: AddOnRuleKind;
  @Field(() => Int, { nullable: true, description: 'MULTI_GEO_MIN_PERCENT: the minimum percentage' }) percent?: number;
}
