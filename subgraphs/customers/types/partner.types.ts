import { createUnionType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { PartnerTypeEnum, RegionEnum } from '../../../shared/graphql/enums';
import { UserError } from '../../../shared/graphql/types';
import type { Region } from '../../../shared/regions';
import { Customer } from '../entities/customer.entity';
import { Partner } from '../entities/partner.entity';

@InputType()
export class OnboardPartnerInput {
  @Field() name!: string;
  @Field(() => PartnerTypeEnum) type!: PartnerTypeEnum;
  @Field({ description: 'PartnerID (MPN id)' }) partnerId!: string;
  @Field(() => RegionEnum) region!: Region;
  @Field({ nullable: true, defaultValue: true }) mpaSigned?: boolean;
}

@ObjectType()
export class OnboardPartnerPayload {
  @Field(() => Partner, { nullable: true }) partner?: Partner;
  @Field(() => [UserError]) errors!: UserError[];
}

export const Tenant = createUnionType({
  name: 'Tenant',
  types: () => [Partner, Customer] as const,
  resolveType: (value) => (value instanceof Partner || 'partnerId' in value ? Partner : Customer),
});

@ObjectType()
export class Viewer {
  @Field(() => ID) userId!: string;
  @Field(() => [String]) roles!: string[];
  @Field(() => ID) tenantId!: string;
  @Field(() => Tenant, { nullable: true }) tenant?: Partner | Customer | null;
}

@InputType()
export class SetSandboxClockInput {
  @Field() now!: Date;
}

@ObjectType()
export class SetSandboxClockPayload {
  @Field({ nullable: true }) now?: Date;
  @Field(() => [UserError]) errors!: UserError[];
}
