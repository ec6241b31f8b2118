import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Money, UserError } from '../../../shared/graphql/types';
import { Subscription } from '../entities/subscription.entity';

@ObjectType({ description: 'SUB-2: licenses removable now, until when, or why none' })
export class ReducibleLicenses {
  @Field(() => Int, { description: 'SUB-2: licences that can be removed now' }) quantity!: number;
  @Field(() => Date, { nullable: true, description: 'Earliest deadline among the open batches: the whole quantity is removable until then' })
  until?: Date | null;
  @Field(() => String, { nullable: true, description: 'Why none can be removed; null when some can' }) reason?: string | null;
}

@InputType({ description: 'Input of `updateSubscriptionQuantity`' })
export class UpdateSubscriptionQuantityInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
  @Field(() => Int, { description: 'New licence count; a reduction needs open batches (SUB-2)' }) quantity!: number;
  @Field(() => Int, { nullable: true, description: 'SUB-11: fails with CONFLICT unless the subscription is still at this version' })
  expectedVersion?: number;
}

@InputType({ description: 'Input of `setSubscriptionAutoRenew`' })
export class SetSubscriptionAutoRenewInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
  @Field({ description: 'SUB-7: true to renew at the end of the term, false to let it expire' }) enabled!: boolean;
}

@InputType({ description: 'Input of `suspendSubscription`' })
export class SuspendSubscriptionInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
}

@InputType({ description: 'Input of `reactivateSubscription`' })
export class ReactivateSubscriptionInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
}

@InputType({ description: 'Input of `cancelSubscription`' })
export class CancelSubscriptionInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
}

@InputType({ description: 'Input of `setSubscriptionReseller`' })
export class SetSubscriptionResellerInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
  @Field({ description: 'PartnerID of the reseller of record (RES-4)' }) resellerPartnerId!: string;
}

@InputType({ description: 'Input of `setSupportContact`' })
export class SetSupportContactInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
  @Field(() => ID, { description: 'A partnered indirect reseller (its id or PartnerID)' }) resellerId!: string;
}

@InputType({ description: 'Input of `setSubscriptionFriendlyName`' })
export class SetSubscriptionFriendlyNameInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
  @Field(() => String, { nullable: true, description: 'SUB-1: at most 100 characters; empty or null clears it' }) friendlyName?: string | null;
}

@ObjectType({ description: 'Result of `setSubscriptionFriendlyName`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class SetSubscriptionFriendlyNamePayload {
  @Field(() => Subscription, { nullable: true, description: 'The subscription after the change; null when the change was refused' }) subscription?: Subscription;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `updateSubscriptionQuantity`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class UpdateSubscriptionQuantityPayload {
  @Field(() => Subscription, { nullable: true, description: 'The subscription after the change; null when the change was refused' }) subscription?: Subscription;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `setSubscriptionAutoRenew`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class SetSubscriptionAutoRenewPayload {
  @Field(() => Subscription, { nullable: true, description: 'The subscription after the change; null when the change was refused' }) subscription?: Subscription;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `suspendSubscription`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class SuspendSubscriptionPayload {
  @Field(() => Subscription, { nullable: true, description: 'The subscription after the change; null when the change was refused' }) subscription?: Subscription;
  @Field(() => [Subscription], { nullable: true, description: 'SUB-6: add-ons suspended with it' }) addOns?: Subscription[];
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `reactivateSubscription`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class ReactivateSubscriptionPayload {
  @Field(() => Subscription, { nullable: true, description: 'The subscription after the change; null when the change was refused' }) subscription?: Subscription;
  @Field(() => [Subscription], { nullable: true, description: 'Add-ons reactivated with it' }) addOns?: Subscription[];
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `cancelSubscription`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class CancelSubscriptionPayload {
  @Field(() => Subscription, { nullable: true, description: 'The subscription after the change; null when the change was refused' }) subscription?: Subscription;
  @Field(() => Money, { nullable: true, description: 'SUB-3/SUB-5: prorated refund' }) refund?: Money;
  @Field(() => Date, { nullable: true, description: 'SUB-5/SW-4: end of the cancellation window of the term' }) cancellationDeadline?: Date;
  @Field(() => [Subscription], { nullable: true, description: 'SUB-9: add-ons cancelled with their base' }) addOns?: Subscription[];
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `setSubscriptionReseller`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class SetSubscriptionResellerPayload {
  @Field(() => Subscription, { nullable: true, description: 'The subscription after the change; null when the change was refused' }) subscription?: Subscription;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `setSupportContact`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class SetSupportContactPayload {
  @Field(() => Subscription, { nullable: true, description: 'The subscription after the change; null when the change was refused' }) subscription?: Subscription;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'What processDueWork did' })
export class DueWorkReport {
  @Field(() => Int, { description: 'Subscriptions renewed (SUB-7)' }) renewed!: number;
  @Field(() => Int, { description: 'Subscriptions expired or ended (SUB-6, SUB-7)' }) expired!: number;
  @Field(() => Int, { description: 'Subscriptions that ended for good (grace over, or suspended at term end)' }) ended!: number;
  @Field(() => Int, { description: 'Trials converted (TRI-2)' }) converted!: number;
  @Field(() => Int, { description: 'Units that failed and rolled back; retried on the next run' }) failed!: number;
  @Field(() => Int, { description: 'EA renewal schedules processed (EA-8)' }) eaRenewed!: number;
  @Field(() => Int, { description: 'Transfer requests expired after 30 days (XFR-1)' }) transfersExpired!: number;
  @Field(() => Int, { description: 'Webhook deliveries sent (AUD-2)' }) webhooksDelivered!: number;
}

@ObjectType({ description: 'Result of `processDueWork`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class ProcessDueWorkPayload {
  @Field(() => DueWorkReport, { nullable: true, description: 'How much due work of each kind was done' }) report?: DueWorkReport;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}
