import { Field, ID, InputType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { Segment } from '../../../shared/graphql/enums';
import { Offer } from '../entities/offer.entity';
import { BillingType, OfferCategory, PublisherType } from './catalog.enums';

@InputType()
export class OfferFilter {
  @Field(() => ID, { nullable: true, description: 'Offers for this customer: its segment and country' }) customerId?: string;
  @Field({ nullable: true, description: 'ISO country where the offer is sold' }) market?: string;
  @Field(() => Segment, { nullable: true }) segment?: Segment;
  @Field(() => PublisherType, { nullable: true }) publisher?: PublisherType;
  @Field(() => BillingType, { nullable: true }) billingType?: BillingType;
  @Field(() => OfferCategory, { nullable: true }) category?: OfferCategory;
  @Field({ nullable: true, description: 'Text search on name, product family, provisioning id, ISV publisher' }) search?: string;
  @Field({ nullable: true, defaultValue: false, description: 'CAT-3: end-of-sale offers are hidden unless asked for' })
  includeEndOfSale?: boolean;
}

export const OfferConnection = ConnectionType('Offer', Offer);
