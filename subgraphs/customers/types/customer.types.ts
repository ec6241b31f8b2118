import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { Segment } from '../../../shared/graphql/enums';
import { UserError } from '../../../shared/graphql/types';
import { Customer } from '../entities/customer.entity';

@InputType({ description: 'REL-6: proof that the customer accepted the customer agreement' })
export class AgreementAcceptanceInput {
  @Field({ description: 'Full name of the person who accepted the customer agreement' }) signerName!: string;
  @Field({ description: 'Email address of that person' }) signerEmail!: string;
  @Field({ description: 'When it was accepted (UTC)' }) acceptedAt!: Date;
}

@InputType({ description: 'Input of `createCustomer`' })
export class CreateCustomerInput {
  @Field({ description: 'Legal name of the company' }) companyName!: string;
  @Field({ description: 'ISO 3166-1 alpha-2' }) country!: string;
  @Field(() => Segment, { description: 'Segment of the customer (decides the offers it is shown)' }) segment!: Segment;
  @Field({ description: 'Domain of the customer tenant: a prefix such as contoso (the tenant becomes contoso.onmicrosoft.com) or a domain name such as contoso.com' }) domain!: string;
  @Field(() => ID, { nullable: true, description: 'RES-3: an indirect provider creates the customer on behalf of this partnered reseller' })
  indirectResellerId?: string;
  @Field(() => AgreementAcceptanceInput, { nullable: true, description: 'REL-6: proof that the customer accepted the customer agreement, when already known' })
  agreementAcceptance?: AgreementAcceptanceInput;
}

@InputType({ description: 'Input of `updateCustomer`' })
export class UpdateCustomerInput {
  @Field(() => ID, { description: 'Id of the customer' }) customerId!: string;
  @Field({ nullable: true, description: 'New legal name; unchanged when omitted' }) companyName?: string;
  @Field(() => Segment, { nullable: true, description: 'New segment; unchanged when omitted' }) segment?: Segment;
  @Field(() => AgreementAcceptanceInput, { nullable: true, description: 'REL-6: proof of acceptance of the customer agreement' })
  agreementAcceptance?: AgreementAcceptanceInput;
}

@ObjectType({ description: 'Result of `updateCustomer`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class UpdateCustomerPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer after the change; null when the change was refused' }) customer?: Customer;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@ObjectType({ description: 'REL-6: stored proof that the customer accepted the customer agreement' })
export class AgreementAcceptance {
  @Field({ description: 'Full name of the person who accepted the customer agreement' }) signerName!: string;
  @Field({ description: 'Email address of that person' }) signerEmail!: string;
  @Field({ description: 'When it was accepted (UTC)' }) acceptedAt!: Date;
}

@ObjectType({ description: 'REL-5: the first sign-in of the customer admin, returned once by `createCustomer`' })
export class AdminCredentials {
  @Field({ description: 'User name of the customer admin' }) userName!: string;
  @Field({ description: 'REL-5: shown once, never again' }) temporaryPassword!: string;
}

@ObjectType({ description: 'Result of `createCustomer`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class CreateCustomerPayload {
  @Field(() => Customer, { nullable: true, description: 'The customer after the change; null when the change was refused' }) customer?: Customer;
  @Field(() => AdminCredentials, { nullable: true, description: 'REL-5: user name and temporary password of the customer admin, shown only in this answer' })
  adminCredentials?: AdminCredentials;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@InputType({ description: 'Narrows a customer list' })
export class CustomerFilter {
  @Field({ nullable: true, description: 'Company name or domain, case-insensitive' }) search?: string;
  @Field(() => ID, { nullable: true, description: 'RES-6: only the customers associated with this indirect reseller' }) resellerId?: string;
}

export const CustomerConnection = ConnectionType('Customer', Customer);
