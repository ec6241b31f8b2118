import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import { EaRenewalSchedule } from '../entities/ea-renewal-schedule.entity';
import { EnterpriseAgreement } from '../entities/enterprise-agreement.entity';

@ObjectType()
export class ImportEnterpriseAgreementPayload {
  @Field(() => EnterpriseAgreement, { nullable: true }) agreement?: EnterpriseAgreement;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class ScheduleEaRenewalPayload {
  @Field(() => EaRenewalSchedule, { nullable: true }) schedule?: EaRenewalSchedule;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class UpdateEaRenewalPayload {
  @Field(() => EaRenewalSchedule, { nullable: true }) schedule?: EaRenewalSchedule;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType()
export class CancelEaRenewalPayload {
  @Field(() => EaRenewalSchedule, { nullable: true }) schedule?: EaRenewalSchedule;
  @Field(() => [UserError]) errors!: UserError[];
}

export const EaRenewalScheduleConnection = ConnectionType('EaRenewalSchedule', EaRenewalSchedule);
