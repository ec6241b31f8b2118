import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The customers subgraph's Customer, extended here with its subscriptions and orders. */
@Directive('@key(fields: "id")')
@ObjectType('Customer')
export class CustomerRef {
  @Field(() => ID) id!: string;
}

/** The catalog's Offer, referenced by subscriptions and order lines. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Offer')
export class OfferRef {
  @Field(() => ID) id!: string;
}

export const customerRef = (id: string) => Object.assign(new CustomerRef(), { id });
export const offerRef = (id: string) => Object.assign(new OfferRef(), { id });
