import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Internal } from '../../../shared/graphql/federation';
import { BillingFrequency, PromotionTarget, Segment } from '../../../shared/graphql/enums';
import { Money } from '../../../shared/graphql/types';

export enum PriceSource {
  PRICE_LIST = 'PRICE_LIST',
  CATALOG = 'CATALOG',
}
registerEnumType(PriceSource, {
  name: 'PriceSource',
  description: 'BIL-7: where a quoted price comes from',
  valuesConfig: {
    PRICE_LIST: { description: 'A row of the imported license-based price list in effect at the instant' },
    CATALOG: { description: "No row of the price list is in effect: the catalog's base price per month (`price(market)`), priced for the billing period" },
  },
});

@ObjectType({ description: 'BIL-7, BIL-5: the price of one licence for one billing period of a term, at an instant, with the promotion that applies' })
export class PriceQuote {
  @Field(() => ID, { description: 'The offer quoted' }) offerId!: string;
  @Field({ description: 'Market (ISO 3166-1 alpha-2)' }) market!: string;
  @Field(() => Segment, { description: 'Customer segment of the price' }) segment!: Segment;
  @Field({ description: 'Term (ISO 8601 duration)' }) termDuration!: string;
  @Field(() => BillingFrequency, { description: 'Billing plan: the price is for one such period (a month, a year, three years)' }) billingFrequency!: BillingFrequency;
  @Field({ description: 'The instant quoted (UTC)' }) at!: Date;
  @Field(() => Money, { description: "List price per licence and billing period (Partner Center's UnitPrice)" }) listPrice!: Money;
  @Field(() => Money, { description: 'The price after the promotion, if one applies; else the list price' }) effectivePrice!: Money;
  @Field(() => String, { nullable: true, description: 'The promotion that applies (BIL-5); null when none does' }) promotionId!: string | null;
  @Field(() => Float, { nullable: true, description: "The promotion's discount in percent; null when none applies" }) discountPercent!: number | null;
  @Field(() => PriceSource, { description: 'Price list row or catalog base price' }) source!: PriceSource;
  @Field(() => Date, { nullable: true, description: "EffectiveStartDate of the price list's row; null for a catalog price" }) effectiveStartDate!: Date | null;
  @Field(() => Date, { nullable: true, description: "EffectiveEndDate of the price list's row; null for a catalog price" }) effectiveEndDate!: Date | null;
  @Field(() => Money, { nullable: true, description: "Estimated retail price of the price list's row (ERP Price); null when not listed" }) erpPrice!: Money | null;
}

/** The optional arguments that turn `price(market)` into the price list's price for a term and plan (BIL-7). */
@ArgsType()
export class PriceTermsArgs {
  @Field({ nullable: true, description: 'BIL-7: term (P1M, P1Y, P3Y), with billingFrequency: the price per licence for one billing period of that term, from the price list in effect' })
  termDuration?: string;
  @Field(() => BillingFrequency, { nullable: true, description: 'BIL-7: billing plan, with termDuration' }) billingFrequency?: BillingFrequency;
  @Field({ nullable: true, description: 'BIL-7: the instant the price is in effect; omitted: now (business clock). Needs termDuration and billingFrequency' }) at?: Date;
  @Field(() => Segment, { nullable: true, description: 'BIL-7: customer segment of the price (default COMMERCIAL). Needs termDuration and billingFrequency' }) segment?: Segment;
}

@ArgsType()
export class PriceQuoteArgs {
  @Field({ description: 'Market (ISO 3166-1 alpha-2), e.g. DE' }) market!: string;
  @Field({ description: 'Term: P1M, P1Y or P3Y' }) termDuration!: string;
  @Field(() => BillingFrequency, { description: 'Billing plan' }) billingFrequency!: BillingFrequency;
  @Field(() => Segment, { defaultValue: Segment.COMMERCIAL, description: 'Customer segment' }) segment!: Segment;
  @Field({ nullable: true, description: 'The instant; omitted: now (business clock)' }) at?: Date;
  @Field(() => Int, { defaultValue: 1, description: 'Licences (pricing tiers; promotions with a minimum or maximum)' }) quantity!: number;
  @Field(() => PromotionTarget, { defaultValue: PromotionTarget.NEW_PURCHASE, description: 'The kind of purchase a promotion must apply to (BIL-5)' }) target!: PromotionTarget;
}

/** One line of `priceQuotes`, the subscriptions subgraph's batched read (internal: not in the public graph). */
@Internal()
@InputType({ description: 'BIL-7, BIL-5: one purchase to price: offer, market, segment, term, plan, instant, licences and kind of purchase' })
export class PriceQuoteLineInput {
  @Field(() => ID, { description: 'The offer' }) offerId!: string;
  @Field({ description: 'Market (ISO 3166-1 alpha-2)' }) market!: string;
  @Field(() => Segment, { description: "The customer's segment" }) segment!: Segment;
  @Field({ description: 'Term: P1M, P1Y or P3Y' }) termDuration!: string;
  @Field(() => BillingFrequency, { description: 'Billing plan' }) billingFrequency!: BillingFrequency;
  @Field({ description: 'The instant of the purchase or renewal (the price and promotion in effect then)' }) at!: Date;
  @Field(() => Int, { defaultValue: 1, description: 'Licences' }) quantity!: number;
  @Field(() => PromotionTarget, { nullable: true, description: 'The kind of purchase a promotion must apply to; null: no promotion' }) target?: PromotionTarget | null;
  @Field({ defaultValue: false, description: 'TRI-3: a trial conversion, which no promotion ever discounts' }) trialConversion!: boolean;
}
