import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { Internal } from '../../../shared/graphql/federation';
import { SoftwareKeyType, SubscriptionStatus } from '../../../shared/graphql/enums';
import { Money, UserError } from '../../../shared/graphql/types';
import { Order } from '../entities/order.entity';
import { SoftwareActivity } from '../entities/software-activity.entity';
import { Subscription } from '../entities/subscription.entity';

@InputType({ description: 'SW-2: subscriptionId for a software subscription, or orderLineId for perpetual software' })
export class GenerateSoftwareKeysInput {
  @Field(() => ID, { nullable: true, description: 'A software subscription' }) subscriptionId?: string;
  @Field(() => ID, { nullable: true, description: 'The order line of perpetual software' }) orderLineId?: string;
  @Field({ description: "One of the product's versions (Offer.software.versions)" }) version!: string;
  @Field(() => String, { nullable: true, description: 'One of the product’s languages; none: every language' }) language?: string;
  @Field(() => String, { nullable: true, description: 'One of the product’s file types / OS; none: every one' }) fileType?: string;
}

@ObjectType({ description: 'SW-2: one expiring download link, served by the gateway to the partner it was issued to' })
export class SoftwareDownload {
  @Field({ description: 'Signed URL path on the gateway; send the bearer token with it' }) url!: string;
  @Field(() => String, { nullable: true, description: 'Language of the file' }) language?: string | null;
  @Field({ description: 'File type or operating system' }) fileType!: string;
  @Field({ description: 'Name of the file' }) fileName!: string;
  @Field({ description: 'SW-2: the link stops working at this time (4 hours after issue)' }) expiresAt!: Date;
}

@ObjectType({ description: 'SW-2: the product key and downloads of a software subscription or perpetual order line' })
export class SoftwareKeys {
  @Field(() => ID, { nullable: true, description: 'Id of the software subscription' }) subscriptionId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Id of the order line (perpetual software)' }) orderLineId?: string | null;
  @Field({ description: 'Product version of the key' }) version!: string;
  @Field(() => String, { nullable: true, description: 'A multiple-activation key, the same on every view of this line and version; null for products without keys' })
  productKey?: string | null;
  @Field(() => SoftwareKeyType, { description: 'MULTIPLE_ACTIVATION or NONE; KMS keys are never issued' }) keyType!: SoftwareKeyType;
  @Field(() => String, { nullable: true, description: 'Why there is no key or no download, when there is none' }) note?: string | null;
  @Field(() => [String], { description: 'Signed, expiring URL paths on the gateway' }) downloadLinks!: string[];
  @Field(() => [SoftwareDownload], { description: 'Signed download links' }) downloads!: SoftwareDownload[];
  @Field(() => Date, { nullable: true, description: 'When the download links expire' }) linksExpireAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Extended-security-update products: install instructions instead of downloads' })
  installInstructionsUrl?: string | null;
}

@ObjectType({ description: 'Result of `generateSoftwareKeys`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class GenerateSoftwareKeysPayload {
  @Field(() => SoftwareKeys, { nullable: true, description: 'SW-2: the key and download links; null when refused' }) keys?: SoftwareKeys;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@InputType({ description: 'SW-4 (software subscription) or SW-5 (perpetual software): one line of an order' })
export class CancelSoftwarePurchaseInput {
  @Field(() => ID, { description: 'Id of the order' }) orderId!: string;
  @Field(() => ID, { description: 'Id of the order line' }) lineId!: string;
}

@ObjectType({ description: 'Result of `cancelSoftwarePurchase`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class CancelSoftwarePurchasePayload {
  @Field(() => Order, { nullable: true, description: 'The order after the change; null when the change was refused' }) order?: Order;
  @Field(() => Money, { nullable: true, description: 'SW-4: prorated refund; SW-5: 100% credit' }) refund?: Money;
  @Field(() => Date, { nullable: true, description: 'End of the cancellation window (SW-4: 7 days of the term; SW-5: 30 calendar days of the purchase)' })
  cancellationDeadline?: Date;
  @Field(() => Subscription, { nullable: true, description: 'SW-4: the cancelled software subscription' }) subscription?: Subscription;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

@Internal()
@ObjectType({ description: "CAT-4: a live subscription of the customer (as the caller sees it) and its offer" })
export class OfferHolding {
  @Field(() => ID, { description: 'Id of the offer' }) offerId!: string;
  @Field(() => ID, { description: 'Id of the subscription' }) subscriptionId!: string;
  @Field(() => SubscriptionStatus, { description: 'State of the subscription' }) status!: SubscriptionStatus;
}

/** CAT-4: a live subscription of the customer through any partner; its id only when the caller may see it (ACT-2). */
@Internal()
@ObjectType({ description: 'CAT-4: a live subscription of the customer through any partner, by offer' })
export class CustomerOfferHolding {
  @Field(() => ID, { description: 'Id of the offer' }) offerId!: string;
  @Field(() => ID, { nullable: true, description: "Id of the subscription; null when it is another partner's" }) subscriptionId?: string | null;
  @Field(() => SubscriptionStatus, { description: 'State of the subscription' }) status!: SubscriptionStatus;
}

export const SoftwareActivityConnection = ConnectionType('SoftwareActivity', SoftwareActivity);
