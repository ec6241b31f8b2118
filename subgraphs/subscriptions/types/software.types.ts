import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
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
  @Field(() => String, { nullable: true }) language?: string | null;
  @Field({ description: 'File type or operating system' }) fileType!: string;
  @Field() fileName!: string;
  @Field() expiresAt!: Date;
}

@ObjectType({ description: 'SW-2: the product key and downloads of a software subscription or perpetual order line' })
export class SoftwareKeys {
  @Field(() => ID, { nullable: true }) subscriptionId?: string | null;
  @Field(() => ID, { nullable: true }) orderLineId?: string | null;
  @Field() version!: string;
  @Field(() => String, { nullable: true, description: 'A multiple-activation key, the same on every view of this line and version; null for products without keys' })
  productKey?: string | null;
  @Field(() => SoftwareKeyType, { description: 'MULTIPLE_ACTIVATION or NONE; KMS keys are never issued' }) keyType!: SoftwareKeyType;
  @Field(() => String, { nullable: true, description: 'Why there is no key or no download, when there is none' }) note?: string | null;
  @Field(() => [String], { description: 'Signed, expiring URL paths on the gateway' }) downloadLinks!: string[];
  @Field(() => [SoftwareDownload]) downloads!: SoftwareDownload[];
  @Field(() => Date, { nullable: true, description: 'When the download links expire' }) linksExpireAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Extended-security-update products: install instructions instead of downloads' })
  installInstructionsUrl?: string | null;
}

@ObjectType()
export class GenerateSoftwareKeysPayload {
  @Field(() => SoftwareKeys, { nullable: true }) keys?: SoftwareKeys;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType({ description: 'SW-4 (software subscription) or SW-5 (perpetual software): one line of an order' })
export class CancelSoftwarePurchaseInput {
  @Field(() => ID) orderId!: string;
  @Field(() => ID) lineId!: string;
}

@ObjectType()
export class CancelSoftwarePurchasePayload {
  @Field(() => Order, { nullable: true }) order?: Order;
  @Field(() => Money, { nullable: true, description: 'SW-4: prorated refund; SW-5: 100% credit' }) refund?: Money;
  @Field(() => Date, { nullable: true, description: 'End of the cancellation window (SW-4: 7 days of the term; SW-5: 30 calendar days of the purchase)' })
  cancellationDeadline?: Date;
  @Field(() => Subscription, { nullable: true, description: 'SW-4: the cancelled software subscription' }) subscription?: Subscription;
  @Field(() => [UserError]) errors!: UserError[];
}

@ObjectType({ description: "CAT-4: a live subscription of the customer (as the caller sees it) and its offer" })
export class OfferHolding {
  @Field(() => ID) offerId!: string;
  @Field(() => ID) subscriptionId!: string;
  @Field(() => SubscriptionStatus) status!: SubscriptionStatus;
}

export const SoftwareActivityConnection = ConnectionType('SoftwareActivity', SoftwareActivity);
