import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { BillingFrequency, PromotionTarget, Segment } from '../../../shared/graphql/enums';
import { UserError } from '../../../shared/graphql/types';
import { Promotion } from './promotion.entity';
import { PromotionIneligibility } from './promotion.policy';

registerEnumType(PromotionIneligibility, {
  name: 'PromotionIneligibilityReason',
  description: "BIL-5: why a purchase does not qualify for a promotion (Partner Center's eligibility check)",
  valuesConfig: {
    NO_PROMOTION: { description: 'The offer has no promotion' },
    TRIAL_CONVERSION: { description: 'Promotions never apply to a trial conversion (TRI-3)' },
    PURCHASE_TYPE: { description: 'The promotion does not apply to this kind of purchase (new purchase, renewal, EA renewal)' },
    NOT_STARTED: { description: 'The promotion has not started yet' },
    ENDED: { description: 'The promotion has ended' },
    MARKET: { description: "The promotion is not offered in the customer's market" },
    SEGMENT: { description: "The promotion is for another customer segment" },
    TERM: { description: 'The promotion needs another term duration' },
    BILLING_CYCLE: { description: 'The promotion needs another billing frequency' },
    SEAT_COUNT: { description: 'The licence count is outside the promotion’s minimum and maximum' },
  },
});

@InputType({ description: 'BIL-5: one promotion to create or replace, keyed by its id' })
export class PromotionImportInput {
  @Field(() => ID, { description: "The promotion's id (Partner Center's, e.g. CFQ7TTC0HL8W:0001:CFQ7TTC0K59M): importing it again replaces it" }) id!: string;
  @Field(() => ID, { description: 'Id of the offer it discounts' }) offerId!: string;
  @Field(() => [String], { description: 'Markets (ISO 3166-1 alpha-2) where it applies; the offer must be sold there' }) markets!: string[];
  @Field(() => Segment, { description: 'The customer segment it is for' }) segment!: Segment;
  @Field({ description: 'The term it needs: P1M, P1Y or P3Y, one the offer sells' }) termDuration!: string;
  @Field(() => BillingFrequency, { description: 'The billing frequency it needs, one the offer sells for the term' }) billingFrequency!: BillingFrequency;
  @Field(() => Float, { description: 'Percentage off the list price, more than 0 and at most 100, at most two decimals' }) discountPercent!: number;
  @Field({ description: 'First instant it applies' }) startDate!: Date;
  @Field({ description: 'Last instant it applies (inclusive), after startDate' }) endDate!: Date;
  @Field(() => [PromotionTarget], { description: 'The purchases it applies to: NEW_PURCHASE, RENEWAL, EA_RENEWAL' }) appliesTo!: PromotionTarget[];
  @Field(() => Int, { nullable: true, description: 'Fewest licences a purchase needs to qualify' }) minQuantity?: number;
  @Field(() => Int, { nullable: true, description: 'Most licences a purchase may have to qualify' }) maxQuantity?: number;
}

@InputType({ description: 'Input of `importPromotions`' })
export class ImportPromotionsInput {
  @Field(() => [PromotionImportInput], { description: 'Promotions to create or replace (by id), at most 500' }) promotions!: PromotionImportInput[];
}

@ObjectType({ description: 'Result of `importPromotions`: the promotions as stored, or the refusals in `errors` (nothing changes when there is one)' })
export class ImportPromotionsPayload {
  @Field(() => [Promotion], { nullable: true, description: 'The imported promotions, in input order' }) promotions?: Promotion[];
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@InputType({ description: 'BIL-5: narrows the promotions' })
export class PromotionFilter {
  @Field(() => ID, { nullable: true, description: 'Only the promotions of this offer' }) offerId?: string;
  @Field({ nullable: true, description: 'Only those offered in this market (ISO 3166-1 alpha-2)' }) market?: string;
  @Field({ nullable: true, description: 'Only those running at this instant (start ≤ instant ≤ end)' }) activeAt?: Date;
}

export const PromotionConnection = ConnectionType('Promotion', Promotion);

@ArgsType()
export class PromotionEligibilityArgs {
  @Field(() => ID, { description: 'The customer who would buy (its market and segment count)' }) customerId!: string;
  @Field(() => ID, { description: 'The offer it would buy' }) offerId!: string;
  @Field({ description: 'Term of the purchase: P1M, P1Y or P3Y' }) termDuration!: string;
  @Field(() => BillingFrequency, { description: 'Billing frequency of the purchase' }) billingFrequency!: BillingFrequency;
  @Field(() => Int, { defaultValue: 1, description: 'Licences of the purchase' }) quantity!: number;
  @Field(() => ID, { nullable: true, description: 'Check this promotion of the offer; omitted: the one that applies, else the nearest' }) promotionId?: string;
  @Field(() => PromotionTarget, { defaultValue: PromotionTarget.NEW_PURCHASE, description: 'The kind of purchase' }) target!: PromotionTarget;
  @Field({ nullable: true, description: 'The instant of the purchase; omitted: now (business clock)' }) at?: Date;
}

@ObjectType({ description: "BIL-5: whether a customer's purchase qualifies for a promotion, and if not why (Partner Center's eligibility check)" })
export class PromotionEligibility {
  @Field(() => String, { nullable: true, description: 'The promotion judged: the one that applies, the one asked about, or else the one missed by the fewest reasons; null when the offer has none' })
  promotionId!: string | null;
  @Field({ description: 'True when the purchase gets this promotion' }) eligible!: boolean;
  @Field(() => [String], { description: 'Why not, in English; empty when eligible' }) reasons!: string[];
  @Field(() => [PromotionIneligibility], { description: 'The reasons as stable codes, in the order of `reasons`' }) reasonCodes!: PromotionIneligibility[];
  @Field(() => Promotion, { nullable: true, description: 'The promotion judged' }) promotion!: Promotion | null;
}
