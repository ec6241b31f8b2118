import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BillingFrequency, Timing, UpgradeKind } from '../../../shared/graphql/enums';
import { UserError } from '../../../shared/graphql/types';
import { OfferRef } from '../entities/refs';
import { Subscription } from '../entities/subscription.entity';

/** UPG-3/UPG-4/SCH-3: whether the customer's users get the upgraded licenses automatically. */
export enum LicenseReassignment {
  AUTOMATIC = 'AUTOMATIC',
  MANUAL = 'MANUAL',
}
registerEnumType(LicenseReassignment, {
  name: 'LicenseReassignment',
  description: 'UPG-3, UPG-4, SCH-3',
  valuesConfig: {
    AUTOMATIC: { description: 'Licences are reassigned automatically' },
    MANUAL: { description: 'The customer admin must reassign the licences' },
  },
});

@ObjectType({ description: 'UPG-1/CAT-10: an eligible upgrade of a subscription, as the catalog lists it' })
export class UpgradeOption {
  @Field(() => OfferRef, { description: 'The target offer' }) offer!: OfferRef;
  @Field(() => UpgradeKind, { description: 'Kind of the path' }) kind!: UpgradeKind;
}

@InputType({ description: 'Input of `upgradeSubscription`' })
export class UpgradeSubscriptionInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
  @Field(() => ID, { description: 'An eligible target SKU (Subscription.upgradeOptions)' }) targetOfferId!: string;
  @Field(() => Int, { description: 'All licenses: a full upgrade (UPG-3); fewer: a partial upgrade (UPG-4)' }) quantity!: number;
  @Field(() => ID, { nullable: true, description: 'UPG-5: an existing subscription of the target SKU that receives the licenses' }) targetSubscriptionId?: string;
  @Field(() => String, { nullable: true, description: 'UPG-6: the same term type keeps the end date; a longer one starts a full new term' }) termDuration?: string;
  @Field(() => BillingFrequency, { nullable: true, description: 'Billing frequency of a new target subscription' }) billingFrequency?: BillingFrequency;
  @Field(() => Timing, { nullable: true, description: 'UPG-2: NOW (default) or AT_RENEWAL (a scheduled change, SCH-1)' }) timing?: Timing;
  @Field(() => Int, { nullable: true, description: 'SUB-11: fails with CONFLICT unless the subscription is still at this version' }) expectedVersion?: number;
}

@ObjectType({ description: 'Result of `upgradeSubscription`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class UpgradeSubscriptionPayload {
  @Field(() => Subscription, { nullable: true, description: 'The upgraded subscription' }) source?: Subscription;
  @Field(() => Subscription, { nullable: true, description: 'Where the upgraded licenses are now (the source itself for a full upgrade; none when scheduled)' })
  target?: Subscription | null;
  @Field(() => LicenseReassignment, { nullable: true, description: 'Whether licences must be reassigned by hand' }) licenseReassignment?: LicenseReassignment;
  @Field(() => [String], { description: 'Why licenses must be reassigned manually (UPG-3, UPG-4, SCH-3)' }) warnings: string[] = [];
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@InputType({ description: 'Input of `scheduleRenewalChange`' })
export class ScheduleRenewalChangeInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
  @Field(() => ID, { nullable: true, description: 'An eligible upgrade SKU (CAT-10); on a trial, the SKU it converts to (TRI-3)' }) offerId?: string;
  @Field(() => Int, { nullable: true, description: 'Licenses of the next term (up or down; a trial may convert with fewer than 25)' }) quantity?: number;
  @Field(() => String, { nullable: true, description: 'P1M, P1Y or P3Y' }) termDuration?: string;
  @Field(() => BillingFrequency, { nullable: true, description: 'Billing frequency from the renewal on; unchanged when omitted' })
  billingFrequency?: BillingFrequency;
  @Field(() => ID, { nullable: true, description: 'UPG-6: the next term ends with this active subscription of the customer' })
  coterminousWithSubscriptionId?: string;
}

@ObjectType({ description: 'Result of `scheduleRenewalChange`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class ScheduleRenewalChangePayload {
  @Field(() => Subscription, { nullable: true, description: 'The subscription after the change; null when the change was refused' }) subscription?: Subscription;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@InputType({ description: 'Input of `removeScheduledChange`' })
export class RemoveScheduledChangeInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
}

@ObjectType({ description: 'Result of `removeScheduledChange`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class RemoveScheduledChangePayload {
  @Field(() => Subscription, { nullable: true, description: 'The subscription after the change; null when the change was refused' }) subscription?: Subscription;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@InputType({ description: 'Input of `convertTrial`' })
export class ConvertTrialInput {
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
  @Field(() => ID, { description: "The trial's paid equivalent or a higher SKU (TRI-3)" }) targetOfferId!: string;
  @Field(() => Int, { nullable: true, description: 'Default the trial licenses (25); now at least 25, fewer only AT_RENEWAL' }) quantity?: number;
  @Field(() => String, { nullable: true, description: 'Default P1Y (TRI-2)' }) termDuration?: string;
  @Field(() => BillingFrequency, { nullable: true, description: 'Default MONTHLY (TRI-2)' }) billingFrequency?: BillingFrequency;
  @Field(() => ID, { nullable: true, description: 'An existing subscription that receives the trial licenses and keeps its term and billing' })
  targetSubscriptionId?: string;
  @Field(() => Timing, { nullable: true, description: 'NOW (default) or AT_RENEWAL: at the end of the trial (needs autorenew)' }) timing?: Timing;
}

@ObjectType({ description: 'Result of `convertTrial`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class ConvertTrialPayload {
  @Field(() => Subscription, { nullable: true, description: 'The paid subscription (for a scheduled conversion, the trial that will convert)' })
  subscription?: Subscription;
  @Field(() => Subscription, { nullable: true, description: 'The trial after the conversion' }) trial?: Subscription;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}
