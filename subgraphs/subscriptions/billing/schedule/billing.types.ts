import { Field, ObjectType } from 'type-graphql';
import { Money } from '../../../../shared/graphql/types';

@ObjectType({ description: "BIL-1: what the current term commits the partner to, in the subscription's currency" })
export class Commitment {
  @Field(() => Money, { description: 'Billed so far plus what the remaining billing periods will bill at the current quantity and price' })
  total!: Money;

  @Field(() => Money, { description: 'Billed net for this term so far: charges less refunds and credits' })
  billed!: Money;

  @Field(() => Money, { description: 'What the billing periods not billed yet will bill' })
  remaining!: Money;
}

@ObjectType({ description: 'BIL-1: the billing schedule of a subscription' })
export class SubscriptionBilling {
  @Field(() => Commitment, { description: 'The commitment of the current term' })
  commitment!: Commitment;

  @Field(() => Date, { nullable: true, description: 'When the next charge is made (the next billing period, or the renewal); null when nothing more will be billed' })
  nextChargeAt!: Date | null;

  @Field(() => Money, { nullable: true, description: 'What the next charge will be at the current quantity and price' })
  nextChargeAmount!: Money | null;

  @Field(() => String, { nullable: true, description: 'BIL-5: the promotion applied to this term, if any' })
  promotionId!: string | null;
}
