import { Field, ID, InputType } from 'type-graphql';
import { Internal } from '../../../shared/graphql/federation';

/** CAT-4: one live subscription of the customer, as the subscriptions subgraph (its owner) reports it (internal). */
@Internal()
@InputType({ description: 'CAT-4: a live subscription the customer holds of an offer' })
export class OfferHoldingInput {
  @Field(() => ID, { description: 'The offer held' }) offerId!: string;
  @Field(() => ID, { nullable: true, description: "The subscription; null when it is another partner's" }) subscriptionId?: string | null;
  @Field({ description: 'PENDING, ACTIVE or SUSPENDED' }) status!: string;
}
