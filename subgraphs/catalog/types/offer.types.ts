import { Field, ID, InputType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { Segment } from '../../../shared/graphql/enums';
import { Offer } from '../entities/offer.entity';
import { BillingType, OfferCategory, PublisherType } from './catalog.enums';

@InputType({ description: 'CAT-2: narrows the catalog' })
export class OfferFilter {
  @Field(() => ID, { nullable: true, description: 'Offers for this customer: its segment and country' }) customerId?: string;
  @Field({ nullable: true, description: 'ISO country where the offer is sold' }) market?: string;
  @Field(() => Segment, { nullable: true, description: 'Only offers sold to this segment' }) segment?: Segment;
  @Field(() => PublisherType, { nullable: true, description: 'Only this publisher type' }) publisher?: PublisherType;
  @Field(() => BillingType, { nullable: true, description: 'Only this billing type' }) billingType?: BillingType;
  @Field(() => OfferCategory, { nullable: true, description: 'Only this category' }) category?: OfferCategory;
  @Field({ nullable: true, description: 'Text search on name, product family, provisioning id, ISV publisher' }) search?: string;
  @Field({ nullable: true, defaultValue: false, description: 'CAT-3: end-of-sale offers are hidden unless asked for' })
  includeEndOfSale?: boolean;
}

export const OfferConnection = ConnectionType('Offer', Offer);
