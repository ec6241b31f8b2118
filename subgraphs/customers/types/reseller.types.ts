import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import { Partner } from '../entities/partner.entity';
import { ResellerInvitation } from '../entities/reseller-invitation.entity';
import { ResellerPartnership } from '../entities/reseller-partnership.entity';

@InputType()
export class RequestResellerPartnershipInput {
  @Field() resellerEmail!: string;
  @Field({ nullable: true, description: 'RES-2: PartnerID (or tenant id) of the reseller, verified' }) resellerPartnerId?: string;
}

@ObjectType()
export class RequestResellerPartnershipPayload {
  @Field(() => ResellerInvitation, { nullable: true }) invitation?: ResellerInvitation;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class AcceptResellerPartnershipInput {
  @Field(() => ID) invitationId!: string;
}

@ObjectType()
export class AcceptResellerPartnershipPayload {
  @Field(() => ResellerPartnership, { nullable: true }) partnership?: ResellerPartnership;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class RemoveResellerPartnershipInput {
  @Field(() => ID) resellerId!: string;
  @Field({ description: 'RES-5: the provider attests that it acts in good faith' }) attestation!: boolean;
}

@ObjectType()
export class RemoveResellerPartnershipPayload {
  @Field(() => Boolean, { nullable: true }) removed?: boolean;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType({ description: 'RES-2: whether a PartnerID may be partnered or named on a transaction' })
export class PartnerIdVerification {
  @Field() partnerId!: string;
  @Field() valid!: boolean;
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) reason?: string;
}

export const PartnerConnection = ConnectionType('Partner', Partner);
