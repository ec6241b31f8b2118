import { Field, ID, InputType, Int } from 'type-graphql';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { DateScalar } from '../../../shared/graphql/scalars';
import { EaRenewalStatus } from './ea.enums';

export { EaRenewalStatus, EaSubscriptionAvailability, HOLDING_STATUSES } from './ea.enums';

@InputType()
export class EaSubscriptionImport {
  @Field() offerProvisioningId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => DateScalar) endDate!: string;
  @Field({ nullable: true, description: 'EA-3: false for government and other public-sector SKUs (manual path)' }) commercial?: boolean;
}

@InputType()
export class ImportEnterpriseAgreementInput {
  @Field(() => ID) customerId!: string;
  @Field() number!: string;
  @Field(() => DateScalar) endDate!: string;
  @Field({ nullable: true, description: 'The agreement runs in its extended term (EPT)' }) inExtendedTerm?: boolean;
  @Field({ nullable: true, description: 'EA-2: renewed in the EA channel: no longer eligible; its open schedules are cancelled' }) renewed?: boolean;
  @Field(() => [EaSubscriptionImport]) subscriptions!: EaSubscriptionImport[];
}

@InputType()
export class ScheduleEaRenewalInput {
  @Field(() => ID) eaSubscriptionId!: string;
  @Field({ description: 'P1M, P1Y or P3Y' }) termDuration!: string;
  @Field(() => BillingFrequency) billingFrequency!: BillingFrequency;
  @Field(() => Int) quantity!: number;
  @Field(() => ID, { nullable: true, description: 'EA-5: align the end date with this existing subscription of the customer' }) coterminousWithSubscriptionId?: string;
}

@InputType()
export class UpdateEaRenewalInput {
  @Field(() => ID) scheduleId!: string;
  @Field({ nullable: true }) termDuration?: string;
  @Field(() => BillingFrequency, { nullable: true }) billingFrequency?: BillingFrequency;
  @Field(() => Int, { nullable: true }) quantity?: number;
  @Field(() => ID, { nullable: true, description: 'EA-5: align the end date with this subscription; an empty string removes the alignment' })
  coterminousWithSubscriptionId?: string;
}

@InputType()
export class CancelEaRenewalInput {
  @Field(() => ID) scheduleId!: string;
}

@InputType()
export class EaRenewalScheduleFilter {
  @Field(() => EaRenewalStatus, { nullable: true }) status?: EaRenewalStatus;
}
