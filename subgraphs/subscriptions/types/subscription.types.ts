import { Field, InputType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { Subscription } from '../entities/subscription.entity';

@InputType({ description: 'Narrows a subscription list' })
export class SubscriptionFilter {
  @Field(() => SubscriptionStatus, { nullable: true, description: 'Only subscriptions in this state' }) status?: SubscriptionStatus;
}

export const SubscriptionConnection = ConnectionType('Subscription', Subscription);
