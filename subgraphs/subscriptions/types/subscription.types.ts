import { Field, InputType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { Subscription } from '../entities/subscription.entity';

@InputType()
export class SubscriptionFilter {
  @Field(() => SubscriptionStatus, { nullable: true }) status?: SubscriptionStatus;
}

export const SubscriptionConnection = ConnectionType('Subscription', Subscription);
