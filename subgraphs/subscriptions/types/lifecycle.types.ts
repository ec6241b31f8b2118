import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Money, UserError } from '../../../shared/graphql/types';
import { Subscription } from '../entities/subscription.entity';

@ObjectType({ description: 'SUB-2: licenses removable now, until when, or why none' })
export class ReducibleLicenses {
  @Field(() => Int) quantity!: number;
  @Field(() => Date, { nullable: true, description: 'Earliest deadline among the open batches: the whole quantity is removable until then' })
  until?: Date | null;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType()
export class UpdateSubscriptionQuantityInput {
  @Field(() => ID) subscriptionId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => Int, { nullable: true, description: 'SUB-11: fails with CONFLICT unless the subscription is still at this version' })
  expectedVersion?: number;
}

@InputType()
export class SetSubscriptionAutoRenewInput {
  @Field(() => ID) subscriptionId!: string;
  @Field() enabled!: boolean;
}

@InputType()
export class SuspendSubscriptionInput {
  @Field(() => ID) subscriptionId!: string;
}

@InputType()
export class ReactivateSubscriptionInput {
  @Field(() => ID) subscriptionId!: string;
}

@InputType()
export class CancelSubscriptionInput {
  @Field(() => ID) subscriptionId!: string;
}

@InputType()
export class SetSubscriptionResellerInput {
  @Field(() => ID) subscriptionId!: string;
  @Field({ description: 'PartnerID of the reseller of record (RES-4)' }) resellerPartnerId!: string;
}

@InputType()
export class SetSupportContactInput {
  @Field(() => ID) subscriptionId!: string;
  @Field(() => ID, { description: 'A partnered indirect reseller (its id or PartnerID)' }) resellerId!: string;
}

@InputType()
export class SetSubscriptionFriendlyNameInput {
  @Field(() => ID) subscriptionId!: string;
  @Field(() => String, { nullable: true, description: 'SUB-1: at most 100 characters; empty or null clears it' }) friendlyName?: string | null;
}

@ObjectType()
export class SetSubscriptionFriendlyNamePayload {
  @Field(() => Subscription, { nullable: true }) subscription?: Subscription;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class UpdateSubscriptionQuantityPayload {
  @Field(() => Subscription, { nullable: true }) subscription?: Subscription;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class SetSubscriptionAutoRenewPayload {
  @Field(() => Subscription, { nullable: true }) subscription?: Subscription;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class SuspendSubscriptionPayload {
  @Field(() => Subscription, { nullable: true }) subscription?: Subscription;
  @Field(() => [Subscription], { nullable: true, description: 'SUB-6: add-ons suspended with it' }) addOns?: Subscription[];
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class ReactivateSubscriptionPayload {
  @Field(() => Subscription, { nullable: true }) subscription?: Subscription;
  @Field(() => [Subscription], { nullable: true, description: 'Add-ons reactivated with it' }) addOns?: Subscription[];
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class CancelSubscriptionPayload {
  @Field(() => Subscription, { nullable: true }) subscription?: Subscription;
  @Field(() => Money, { nullable: true, description: 'SUB-3/SUB-5: prorated refund' }) refund?: Money;
  @Field(() => Date, { nullable: true, description: 'SUB-5/SW-4: end of the cancellation window of the term' }) cancellationDeadline?: Date;
  @Field(() => [Subscription], { nullable: true, description: 'SUB-9: add-ons cancelled with their base' }) addOns?: Subscription[];
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class SetSubscriptionResellerPayload {
  @Field(() => Subscription, { nullable: true }) subscription?: Subscription;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class SetSupportContactPayload {
  @Field(() => Subscription, { nullable: true }) subscription?: Subscription;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType({ description: 'What processDueWork did' })
export class DueWorkReport {
  @Field(() => Int) renewed!: number;
  @Field(() => Int) expired!: number;
  @Field(() => Int, { description: 'Subscriptions that ended for good (grace over, or suspended at term end)' }) ended!: number;
  @Field(() => Int) converted!: number;
  @Field(() => Int, { description: 'Units that failed and rolled back; retried on the next run' }) failed!: number;
  @Field(() => Int) eaRenewed!: number;
  @Field(() => Int) transfersExpired!: number;
  @Field(() => Int) webhooksDelivered!: number;
}

@ObjectType()
export class ProcessDueWorkPayload {
  @Field(() => DueWorkReport, { nullable: true }) report?: DueWorkReport;
  @Field(() => [UserError]) errors!: UserError[];
}
