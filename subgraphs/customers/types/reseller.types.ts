import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import { Partner } from '../entities/partner.entity';
import { ResellerInvitation } from '../entities/reseller-invitation.entity';
import { ResellerPartnership } from '../entities/reseller-partnership.entity';

@InputType({ description: 'Input of `requestResellerPartnership`' })
export class RequestResellerPartnershipInput {
  @Field({ description: 'Email address of the reseller to invite (RES-1)' }) resellerEmail!: string;
  @Field({ nullable: true, description: 'RES-2: PartnerID (or tenant id) of the reseller, verified' }) resellerPartnerId?: string;
}

@ObjectType({ description: 'Result of `requestResellerPartnership`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class RequestResellerPartnershipPayload {
  @Field(() => ResellerInvitation, { nullable: true, description: 'The invitation with its link and draft email' }) invitation?: ResellerInvitation;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@InputType({ description: 'Input of `acceptResellerPartnership`' })
export class AcceptResellerPartnershipInput {
  @Field(() => ID, { description: 'Id of the reseller invitation' }) invitationId!: string;
}

@ObjectType({ description: 'Result of `acceptResellerPartnership`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class AcceptResellerPartnershipPayload {
  @Field(() => ResellerPartnership, { nullable: true, description: 'The partnership after the change; null when the change was refused' })
  partnership?: ResellerPartnership;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@InputType({ description: 'Input of `removeResellerPartnership`' })
export class RemoveResellerPartnershipInput {
  @Field(() => ID, { description: 'Id of the indirect reseller (its partner tenant id)' }) resellerId!: string;
  @Field({ description: 'RES-5: the provider attests that it acts in good faith' }) attestation!: boolean;
}

@ObjectType({ description: 'Result of `removeResellerPartnership`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class RemoveResellerPartnershipPayload {
  @Field(() => Boolean, { nullable: true, description: "True when the reseller left the provider's list (RES-5)" }) removed?: boolean;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'RES-2: whether a PartnerID may be partnered or named on a transaction' })
export class PartnerIdVerification {
  @Field({ description: 'The PartnerID that was checked' }) partnerId!: string;
  @Field({ description: 'RES-2: onboarded with a signed MPA' }) valid!: boolean;
  @Field(() => String, { nullable: true, description: 'Company name of the verified partner; null when not valid' }) name?: string;
  @Field(() => String, { nullable: true, description: 'Why it is not valid; null when valid' }) reason?: string;
}

export const PartnerConnection = ConnectionType('Partner', Partner);
