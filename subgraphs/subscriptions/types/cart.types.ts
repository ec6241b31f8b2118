import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { UserError } from '../../../shared/graphql/types';
import { Cart } from '../entities/cart.entity';
import { OfferRef } from '../entities/refs';

@InputType()
export class CartLineInput {
  @Field(() => ID) offerId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => String, { nullable: true, description: "P1M, P1Y or P3Y; default: P1Y where the offer allows it, else the offer's first; none for perpetual software" })
  termDuration?: string;
  @Field(() => BillingFrequency, { nullable: true, description: "Default: MONTHLY where the offer allows it, else the offer's first" })
  billingFrequency?: BillingFrequency;
  @Field(() => String, { nullable: true, description: 'ORD-2: the indirect reseller (PartnerID), required for indirect providers' })
  resellerPartnerId?: string;
  @Field(() => ID, { nullable: true, description: "ORD-1: end the new subscription with this existing subscription of the customer (coterminous, prorated)" })
  coterminousWithSubscriptionId?: string;
}

@InputType()
export class CreateCartInput {
  @Field(() => ID) customerId!: string;
  @Field(() => [CartLineInput]) lines!: CartLineInput[];
}

@InputType()
export class UpdateCartInput {
  @Field(() => ID) cartId!: string;
  @Field(() => [CartLineInput], { description: 'Replaces all lines' }) lines!: CartLineInput[];
}

@ObjectType()
export class CartLine {
  @Field(() => OfferRef) offer!: OfferRef;
  @Field(() => Int) quantity!: number;
  @Field(() => String, { nullable: true, description: 'Null for perpetual software (SW-1)' }) termDuration?: string;
  @Field(() => BillingFrequency, { nullable: true, description: 'Null for perpetual software (SW-1)' }) billingFrequency?: BillingFrequency;
  @Field(() => String, { nullable: true }) resellerPartnerId?: string;
  @Field(() => ID, { nullable: true, description: 'ORD-1: the existing subscription the new one ends with' }) coterminousWithSubscriptionId?: string;
}

@InputType()
export class DeleteCartInput {
  @Field(() => ID) cartId!: string;
}

@ObjectType()
export class DeleteCartPayload {
  @Field(() => Boolean, { nullable: true }) deleted?: boolean;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class CreateCartPayload {
  @Field(() => Cart, { nullable: true }) cart?: Cart;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class UpdateCartPayload {
  @Field(() => Cart, { nullable: true }) cart?: Cart;
  @Field(() => [UserError]) errors!: UserError[];
}
