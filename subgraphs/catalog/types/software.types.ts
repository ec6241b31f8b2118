import { Field, ObjectType } from 'type-graphql';
import { BillingFrequency, SoftwareKeyType } from '../../../shared/graphql/enums';

@ObjectType({ description: 'SW-2: what an ADMIN_AGENT chooses from to get keys and downloads of a software product' })
export class SoftwareProduct {
  @Field(() => [String], { description: 'Versions that can be chosen' }) versions!: string[];
  @Field(() => [String], { description: 'Download languages; empty when the product has none' }) languages!: string[];
  @Field(() => [String], { description: 'File types or operating systems of the downloads; empty when the product has no downloads' }) fileTypes!: string[];
  @Field(() => SoftwareKeyType, { description: 'MULTIPLE_ACTIVATION, or NONE for products without keys; KMS keys are never issued' }) keyType!: SoftwareKeyType;
  @Field(() => String, { nullable: true, description: 'Extended-security-update products: how to install them, instead of downloads' })
  installInstructionsUrl?: string | null;
}

@ObjectType({ description: 'SW-3: the billing frequencies a term duration of the SKU allows' })
export class TermBilling {
  @Field({ description: 'Term as an ISO 8601 duration' }) termDuration!: string;
  @Field(() => [BillingFrequency], { description: 'Allowed billing frequencies' }) billingFrequencies!: BillingFrequency[];
}
