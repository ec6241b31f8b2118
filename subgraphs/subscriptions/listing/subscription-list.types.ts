import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { SubscriptionStatus } from '../../../shared/graphql/enums';

/** Order of the partner-wide subscription list. */
export enum SubscriptionListOrder {
  CREATED = 'CREATED',
  TERM_END = 'TERM_END',
}

registerEnumType(SubscriptionListOrder, {
  name: 'SubscriptionListOrder',
  description: 'Order of a subscription list; ties are broken by id, so every order is total and stable across pages',
  valuesConfig: {
    CREATED: { description: 'Oldest first, in the order the subscriptions were created' },
    TERM_END: { description: 'Soonest term end first' },
  },
});

@InputType({ description: 'Narrows the partner-wide subscription list; the conditions given all apply' })
export class SubscriptionListFilter {
  @Field(() => SubscriptionStatus, { nullable: true, description: 'Only subscriptions in this state' }) status?: SubscriptionStatus;
  @Field(() => ID, { nullable: true, description: 'Only subscriptions of this offer' }) offerId?: string;
  @Field(() => ID, { nullable: true, description: 'Only subscriptions of this customer' }) customerId?: string;
  @Field(() => ID, { nullable: true, description: 'RES-3: only subscriptions whose reseller of record is this indirect reseller (its tenant id)' }) resellerId?: string;
  @Field(() => Date, { nullable: true, description: 'Only subscriptions whose term ends at or after this instant' }) termEndAfter?: Date;
  @Field(() => Date, { nullable: true, description: 'Only subscriptions whose term ends before this instant' }) termEndBefore?: Date;
  @Field(() => Boolean, { nullable: true, description: 'SUB-7: only subscriptions that renew (true) or do not renew (false) at the end of their term' }) autoRenew?: boolean;
}
