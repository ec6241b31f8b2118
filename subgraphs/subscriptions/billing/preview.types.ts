import { Field, ID, ObjectType } from 'type-graphql';
import { ChargeType } from '../../../shared/graphql/enums';
import { Money, UserError } from '../../../shared/graphql/types';

@ObjectType({ description: 'BIL-6: one charge or credit the change would book' })
export class PreviewLine {
  @Field(() => ID, { description: 'The subscription charged or credited (a new one: the id it would get)' })
  subscriptionId!: string;

  @Field(() => ChargeType, { nullable: true, description: 'Why money would move' })
  chargeType!: ChargeType | null;

  @Field(() => Money, { description: 'Signed: charges positive, refunds and credits negative' })
  amount!: Money;

  @Field(() => Date, { nullable: true, description: 'First day charged or credited (UTC)' })
  chargeStart!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last instant charged or credited (UTC, inclusive)' })
  chargeEnd!: Date | null;
}

@ObjectType({ description: 'BIL-6: what a change would do now, committing nothing, writing no audit record or event' })
export class ChangePreview {
  @Field(() => [PreviewLine], { description: 'The charges and credits it would book, in order' })
  lines!: PreviewLine[];

  @Field(() => Money, { nullable: true, description: 'Sum of the charges; null when it would be refused or books nothing' })
  charge!: Money | null;

  @Field(() => Money, { nullable: true, description: 'Sum of the refunds and credits; null when it would be refused or books nothing' })
  refund!: Money | null;

  @Field(() => Date, { nullable: true, description: 'The next charge after the change (the soonest of the subscriptions it touches)' })
  nextChargeAt!: Date | null;

  @Field(() => Money, { nullable: true, description: 'What that next charge would be' })
  nextChargeAmount!: Money | null;

  @Field(() => [UserError], { description: 'Why the change would be refused; empty when it would succeed' })
  errors!: UserError[];
}
