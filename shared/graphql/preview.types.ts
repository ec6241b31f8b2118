import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ChargeType } from './enums';
import { Money, UserError } from './types';

/**
 * BIL-6: the answer of every `preview…` query, served by the subgraph that owns the mutation
 * (subscriptions, and transfers for `previewAcceptTransferRequest`), so shared by both.
 */

@Directive('@shareable')
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

@Directive('@shareable')
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

/** The selection of a whole `ChangePreview`, for a subgraph that asks another for one. */
/** A `ChangePreview` as another subgraph answers it: JSON, instants as text, enums as their names. */
export type ChangePreviewJson = Omit<ChangePreview, 'lines' | 'nextChargeAt' | 'errors'> & {
  errors: { code: string; message: string; rule: string | null; field: string[] | null }[];
  lines: (Omit<PreviewLine, 'chargeType' | 'chargeStart' | 'chargeEnd'> & { chargeType: `${ChargeType}` | null; chargeStart: string | null; chargeEnd: string | null })[];
  nextChargeAt: string | null;
};

/** A `ChangePreview` read from another subgraph as JSON, with its instants as dates again. */
export function changePreviewFrom(json: ChangePreviewJson): ChangePreview {
  const at = (value: string | null) => (value === null ? null : new Date(value));
  return Object.assign(new ChangePreview(), {
    ...json,
    lines: json.lines.map((line) => Object.assign(new PreviewLine(), { ...line, chargeStart: at(line.chargeStart), chargeEnd: at(line.chargeEnd) })),
    nextChargeAt: at(json.nextChargeAt),
  });
}
