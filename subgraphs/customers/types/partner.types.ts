import { createUnionType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { PartnerTypeEnum, RegionEnum } from '../../../shared/graphql/enums';
import { UserError } from '../../../shared/graphql/types';
import type { Region } from '../../../shared/regions';
import { Customer } from '../entities/customer.entity';
import { Partner } from '../entities/partner.entity';

@InputType({ description: 'Input of `onboardPartner`' })
export class OnboardPartnerInput {
  @Field({ description: 'Company name of the partner' }) name!: string;
  @Field(() => PartnerTypeEnum, { description: 'Kind of partner' }) type!: PartnerTypeEnum;
  @Field({ description: 'PartnerID (MPN id)' }) partnerId!: string;
  @Field(() => RegionEnum, { description: 'CSP region of the partner (REL-3)' }) region!: Region;
  @Field({ nullable: true, defaultValue: true, description: 'RES-2: the partner signed the partner agreement (MPA)' }) mpaSigned?: boolean;
}

@ObjectType({ description: 'Result of `onboardPartner`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class OnboardPartnerPayload {
  @Field(() => Partner, { nullable: true, description: 'The partner after the change; null when the change was refused' }) partner?: Partner;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

export const Tenant = createUnionType({
  name: 'Tenant',
  description: 'The tenant of the caller: a partner, or a customer (the platform operator has none)',
  types: () => [Partner, Customer] as const,
  resolveType: (value) => (value instanceof Partner || 'partnerId' in value ? Partner : Customer),
});

@ObjectType({ description: 'The caller, from its bearer token' })
export class Viewer {
  @Field(() => ID, { description: 'Id of the user' }) userId!: string;
  @Field(() => [String], { description: 'Roles of the user' }) roles!: string[];
  @Field(() => ID, { description: "Id of the caller's tenant" }) tenantId!: string;
  // tenant: a field resolver (ViewerResolver.tenant), read only when asked.
}

@InputType({ description: 'Input of `setSandboxClock`' })
export class SetSandboxClockInput {
  @Field({ description: 'The business time to set (sandbox only; time never moves backwards)' }) now!: Date;
}

@ObjectType({ description: 'Result of `setSandboxClock`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class SetSandboxClockPayload {
  @Field({ nullable: true, description: 'The business time now' }) now?: Date;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}
