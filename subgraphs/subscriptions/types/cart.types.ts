import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { UserError } from '../../../shared/graphql/types';
import { Cart } from '../entities/cart.entity';
import { OfferRef } from '../entities/refs';

@InputType({ description: 'ORD-1: one offer to buy' })
export class CartLineInput {
  @Field(() => ID, { description: 'Id of the offer (SKU)' }) offerId!: string;
  @Field(() => Int, { description: "Number of licences, within the offer's minimum and maximum" }) quantity!: number;
  @Field(() => String, { nullable: true, description: "P1M, P1Y or P3Y; default: P1Y where the offer allows it, else the offer's first; none for perpetual software" })
  termDuration?: string;
  @Field(() => BillingFrequency, { nullable: true, description: "Default: MONTHLY where the offer allows it, else the offer's first" })
  billingFrequency?: BillingFrequency;
  @Field(() => String, { nullable: true, description: 'ORD-2: the indirect reseller (PartnerID), required for indirect providers' })
  resellerPartnerId?: string;
  @Field(() => ID, { nullable: true, description: "ORD-1: end the new subscription with this existing subscription of the customer (coterminous, prorated)" })
  coterminousWithSubscriptionId?: string;
}

@InputType({ description: 'Input of `createCart`' })
export class CreateCartInput {
  @Field(() => ID, { description: 'Id of the customer' }) customerId!: string;
  @Field(() => [CartLineInput], { description: 'The lines of the cart' }) lines!: CartLineInput[];
}

@InputType({ description: 'Input of `updateCart`' })
export class UpdateCartInput {
  @Field(() => ID, { description: 'Id of the cart' }) cartId!: string;
  @Field(() => [CartLineInput], { description: 'Replaces all lines' }) lines!: CartLineInput[];
}

@ObjectType({ description: 'One offer to buy, with its quantity, term and billing' })
export class CartLine {
  @Field(() => OfferRef, { description: 'The offer (SKU) to buy' }) offer!: OfferRef;
  @Field(() => Int, { description: 'Number of licences (units for software)' }) quantity!: number;
  @Field(() => String, { nullable: true, description: 'Null for perpetual software (SW-1)' }) termDuration?: string;
  @Field(() => BillingFrequency, { nullable: true, description: 'Null for perpetual software (SW-1)' }) billingFrequency?: BillingFrequency;
  @Field(() => String, { nullable: true, description: 'ORD-2: the indirect reseller named on the line; null for a direct sale' }) resellerPartnerId?: string;
  @Field(() => ID, { nullable: true, description: 'ORD-1: the existing subscription the new one ends with' }) coterminousWithSubscriptionId?: string;
  /** The cart's customer, whose market and segment price the line (BIL-5). */
  customerId?: string;
}

@InputType({ description: 'Input of `deleteCart`' })
export class DeleteCartInput {
  @Field(() => ID, { description: 'Id of the cart' }) cartId!: string;
}

@ObjectType({ description: 'Result of `deleteCart`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class DeleteCartPayload {
  @Field(() => Boolean, { nullable: true, description: 'True when the cart was discarded' }) deleted?: boolean;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `createCart`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class CreateCartPayload {
  @Field(() => Cart, { nullable: true, description: 'The cart after the change; null when the change was refused' }) cart?: Cart;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `updateCart`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class UpdateCartPayload {
  @Field(() => Cart, { nullable: true, description: 'The cart after the change; null when the change was refused' }) cart?: Cart;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}
