import { Field, ID, InputType } from 'type-graphql';
import { Segment } from '../../../shared/graphql/enums';
import { Internal } from '../../../shared/graphql/federation';

/** CAT-4: one live subscription of the customer, as the subscriptions subgraph (its owner) reports it (internal). */
@Internal()
@InputType({ description: 'CAT-4: a live subscription the customer holds of an offer' })
export class OfferHoldingInput {
  @Field(() => ID, { description: 'The offer held' }) offerId!: string;
  @Field(() => ID, { nullable: true, description: "The subscription; null when it is another partner's" }) subscriptionId?: string | null;
  @Field({ description: 'PENDING, ACTIVE or SUSPENDED' }) status!: string;
}

/**
 * CAT-2/CAT-3: the buyer's country and segment, as the subscriptions subgraph has just read
 * them from the customers subgraph as the caller (internal): the catalog then does not ask again.
 */
@Internal()
@InputType({ description: "CAT-2, CAT-3: the customer's country and segment, as read by the subgraph asking" })
export class PurchaseBuyerInput {
  @Field({ description: 'ISO 3166-1 alpha-2 country of the customer' }) country!: string;
  @Field(() => Segment, { description: 'Segment of the customer' }) segment!: Segment;
}
