import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { Segment } from '../../../shared/graphql/enums';
import { UserError } from '../../../shared/graphql/types';
import { Customer } from '../entities/customer.entity';

@InputType()
export class AgreementAcceptanceInput {
  @Field() signerName!: string;
  @Field() signerEmail!: string;
  @Field() acceptedAt!: Date;
}

@InputType()
export class CreateCustomerInput {
  @Field() companyName!: string;
  @Field({ description: 'ISO 3166-1 alpha-2' }) country!: string;
  @Field(() => Segment) segment!: Segment;
  @Field() domain!: string;
  @Field(() => ID, { nullable: true }) indirectResellerId?: string;
  @Field(() => AgreementAcceptanceInput, { nullable: true }) agreementAcceptance?: AgreementAcceptanceInput;
}

@InputType()
export class UpdateCustomerInput {
  @Field(() => ID) customerId!: string;
  @Field({ nullable: true }) companyName?: string;
  @Field(() => Segment, { nullable: true }) segment?: Segment;
  @Field(() => AgreementAcceptanceInput, { nullable: true, description: 'REL-6: proof of acceptance of the customer agreement' })
  agreementAcceptance?: AgreementAcceptanceInput;
}

@ObjectType()
export class UpdateCustomerPayload {
  @Field(() => Customer, { nullable: true }) customer?: Customer;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType({ description: 'REL-6: stored proof that the customer accepted the customer agreement' })
export class AgreementAcceptance {
  @Field() signerName!: string;
  @Field() signerEmail!: string;
  @Field() acceptedAt!: Date;
}

@ObjectType()
export class AdminCredentials {
  @Field() userName!: string;
  @Field({ description: 'REL-5: shown once, never again' }) temporaryPassword!: string;
}

@ObjectType()
export class CreateCustomerPayload {
  @Field(() => Customer, { nullable: true }) customer?: Customer;
  @Field(() => AdminCredentials, { nullable: true }) adminCredentials?: AdminCredentials;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class CustomerFilter {
  @Field({ nullable: true, description: 'Company name or domain, case-insensitive' }) search?: string;
  @Field(() => ID, { nullable: true }) resellerId?: string;
}

export const CustomerConnection = ConnectionType('Customer', Customer);
