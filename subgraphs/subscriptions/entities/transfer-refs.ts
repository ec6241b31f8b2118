import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Objects of the transfers subgraph that point at subscriptions. This subgraph resolves the
 * subscription they point at, for the caller that may read it (ACT-2), from the id the transfers
 * subgraph supplies (`@requires`): the same reference rule as `subscription(id)`.
 */
@Directive('@key(fields: "id")')
@ObjectType('EaRenewalSchedule', { description: "EA-5: a partner's plan to renew one EA subscription to CSP" })
export class EaRenewalScheduleRef {
  @Field(() => ID, { description: 'Unique id' }) id!: string;

  @Directive('@external')
  @Field(() => ID, { nullable: true, description: 'Id of the CSP subscription the renewal created' })
  subscriptionId?: string | null;
}

@Directive('@key(fields: "sourceSubscriptionId targetSubscriptionId")')
@ObjectType('TransferRequestItem', { description: 'XFR-2: one subscription of a transfer: the source subscription and, once moved, the one created for the target' })
export class TransferRequestItemRef {
  @Field(() => ID, { description: 'The subscription at the source partner' }) sourceSubscriptionId!: string;

  @Field(() => ID, { nullable: true, description: 'The new subscription at the target partner; null until moved' })
  targetSubscriptionId?: string | null;
}
