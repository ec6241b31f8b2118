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

/** The subscriptions subgraph's Subscription: created by an EA renewal (EA-8) or moved by a transfer (XFR-2). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Subscription', { description: 'SUB-1: licences of one offer for one customer, for a term' })
export class SubscriptionRef {
  @Field(() => ID, { description: 'Unique id' }) id!: string;
}

export const customerRef = (id: string) => Object.assign(new CustomerRef(), { id });
export const offerRef = (id: string) => Object.assign(new OfferRef(), { id });
export const subscriptionRef = (id: string) => Object.assign(new SubscriptionRef(), { id });
