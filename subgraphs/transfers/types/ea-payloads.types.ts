import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import { EaRenewalSchedule } from '../entities/ea-renewal-schedule.entity';
import { EnterpriseAgreement } from '../entities/enterprise-agreement.entity';

@ObjectType({ description: 'Result of `importEnterpriseAgreement`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class ImportEnterpriseAgreementPayload {
  @Field(() => EnterpriseAgreement, { nullable: true, description: 'The agreement after the change; null when the change was refused' })
  agreement?: EnterpriseAgreement;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `scheduleEaRenewal`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class ScheduleEaRenewalPayload {
  @Field(() => EaRenewalSchedule, { nullable: true, description: 'The schedule after the change; null when the change was refused' }) schedule?: EaRenewalSchedule;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `updateEaRenewal`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class UpdateEaRenewalPayload {
  @Field(() => EaRenewalSchedule, { nullable: true, description: 'The schedule after the change; null when the change was refused' }) schedule?: EaRenewalSchedule;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'Result of `cancelEaRenewal`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class CancelEaRenewalPayload {
  @Field(() => EaRenewalSchedule, { nullable: true, description: 'The schedule after the change; null when the change was refused' }) schedule?: EaRenewalSchedule;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

export const EaRenewalScheduleConnection = ConnectionType('EaRenewalSchedule', EaRenewalSchedule);
