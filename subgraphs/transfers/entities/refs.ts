import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The customers subgraph's Customer, extended here with its Enterprise Agreements. The two
 * external facts are the customers subgraph's, for the caller (EA-1); the gateway fetches them
 * there and hands them in the representation when a query asks `enterpriseAgreements`
 * (`@requires`). Absent (any other `_entities` call), they count as false: nothing is shown.
 */
@Directive('@key(fields: "id")')
@ObjectType('Customer')
export class CustomerRef {
  @Field(() => ID) id!: string;

  @Directive('@external')
  @Field({ description: 'REL-1: the caller holds an active relationship with the customer as transacting partner' })
  relationshipActive?: boolean;

  @Directive('@external')
  @Field({ description: "REL-3: the customer's country lies in the calling partner's CSP region" })
  inCallerRegion?: boolean;
}

/** The catalog's Offer of an EA subscription's SKU (EA-3, EA-4). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Offer')
export class OfferRef {
  @Field(() => ID) id!: string;
}

export const customerRef = (id: string, facts: Pick<CustomerRef, 'relationshipActive' | 'inCallerRegion'> = {}) => Object.assign(new CustomerRef(), { id, ...facts });
export const offerRef = (id: string) => Object.assign(new OfferRef(), { id });
