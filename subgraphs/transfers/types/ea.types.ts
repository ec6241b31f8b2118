import { Field, ID, InputType, Int } from 'type-graphql';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { DateScalar } from '../../../shared/graphql/scalars';
import { EaRenewalStatus } from './ea.enums';

export { EaRenewalStatus, EaSubscriptionAvailability, HOLDING_STATUSES } from './ea.enums';

@InputType({ description: 'One EA subscription to import' })
export class EaSubscriptionImport {
  @Field({ description: 'Provisioning id of its SKU in the catalog' }) offerProvisioningId!: string;
  @Field(() => Int, { description: 'Licences' }) quantity!: number;
  @Field(() => DateScalar, { description: 'Last day of the EA subscription' }) endDate!: string;
  @Field({ nullable: true, description: 'EA-3: false for government and other public-sector SKUs (manual path)' }) commercial?: boolean;
  @Field(() => String, {
    nullable: true,
    description: "The EA system's own id of this subscription: with it one agreement may hold two subscriptions of one SKU, and a re-import updates each by its id",
  })
  eaSubscriptionId?: string | null;
}

@InputType({ description: 'Input of `importEnterpriseAgreement`' })
export class ImportEnterpriseAgreementInput {
  @Field(() => ID, { description: 'Id of the customer' }) customerId!: string;
  @Field({ description: 'Agreement number in the EA system' }) number!: string;
  @Field(() => DateScalar, { description: 'Last day of the agreement' }) endDate!: string;
  @Field({ nullable: true, description: 'The agreement runs in its extended term (EPT)' }) inExtendedTerm?: boolean;
  @Field({ nullable: true, description: 'EA-2: renewed in the EA channel: no longer eligible; its open schedules are cancelled' }) renewed?: boolean;
  @Field(() => [EaSubscriptionImport], { description: 'Its subscriptions' }) subscriptions!: EaSubscriptionImport[];
}

@InputType({ description: 'Input of `scheduleEaRenewal`' })
export class ScheduleEaRenewalInput {
  @Field(() => ID, { description: 'Id of the Enterprise Agreement subscription to renew' }) eaSubscriptionId!: string;
  @Field({ description: 'P1M, P1Y or P3Y' }) termDuration!: string;
  @Field(() => BillingFrequency, { description: 'Billing frequency of the CSP subscription' }) billingFrequency!: BillingFrequency;
  @Field(() => Int, { description: 'Licences of the CSP subscription' }) quantity!: number;
  @Field(() => ID, { nullable: true, description: 'EA-5: align the end date with this existing subscription of the customer' })
  coterminousWithSubscriptionId?: string;
}

@InputType({ description: 'Input of `updateEaRenewal`' })
export class UpdateEaRenewalInput {
  @Field(() => ID, { description: 'Id of the EA renewal schedule' }) scheduleId!: string;
  @Field({ nullable: true, description: 'New term duration' }) termDuration?: string;
  @Field(() => BillingFrequency, { nullable: true, description: 'New billing frequency' }) billingFrequency?: BillingFrequency;
  @Field(() => Int, { nullable: true, description: 'New licence count' }) quantity?: number;
  @Field(() => ID, { nullable: true, description: 'EA-5: align the end date with this subscription; an empty string removes the alignment' })
  coterminousWithSubscriptionId?: string;
}

@InputType({ description: 'Input of `cancelEaRenewal`' })
export class CancelEaRenewalInput {
  @Field(() => ID, { description: 'Id of the EA renewal schedule' }) scheduleId!: string;
}

@InputType({ description: 'Narrows a list of EA renewal schedules' })
export class EaRenewalScheduleFilter {
  @Field(() => EaRenewalStatus, { nullable: true, description: 'Only schedules in this state' }) status?: EaRenewalStatus;
}
