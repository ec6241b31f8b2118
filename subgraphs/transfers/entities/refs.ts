import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The customers subgraph's Customer, extended here with its Enterprise Agreements. */
@Directive('@key(fields: "id")')
@ObjectType('Customer')
export class CustomerRef {
  @Field(() => ID) id!: string;
}

/** The catalog's Offer of an EA subscription's SKU (EA-3, EA-4). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Offer')
export class OfferRef {
  @Field(() => ID) id!: string;
}

export const customerRef = (id: string) => Object.assign(new CustomerRef(), { id });
export const offerRef = (id: string) => Object.assign(new OfferRef(), { id });
