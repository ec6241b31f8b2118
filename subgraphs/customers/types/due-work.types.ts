import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';

/** An item of due work that keeps failing, as the operator sees it. */
@ObjectType('DueWorkFailure', { description: 'Due work (renewals, expiries, deliveries) that failed and will be retried' })
export class DueWorkFailureNode {
  @Field(() => ID, { description: 'Unique id' }) id!: string;
  @Field({ description: 'The due queue, e.g. subscriptions.due-work or consumer:webhooks.fan-out' }) queue!: string;
  @Field(() => ID, { description: 'The item in that queue (a subscription id, an event id …)' }) itemId!: string;
  @Field(() => Int, { description: 'Failed attempts since it last succeeded' }) attempts!: number;
  @Field({ description: 'The error of the last attempt' }) lastError!: string;
  @Field({ description: 'Business time of the first failure' }) firstFailedAt!: Date;
  @Field({ description: 'Business time of the last failure' }) lastFailedAt!: Date;
  @Field({ description: 'Failed DUE_WORK_MAX_ATTEMPTS times: every run skips it until it is cleared' }) parked!: boolean;
}

export const DueWorkFailureConnection = ConnectionType('DueWorkFailure', DueWorkFailureNode);
