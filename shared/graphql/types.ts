import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { BusinessRuleError } from '../errors';

/** A business refusal in a mutation payload (docs/api.md "Errors"). */
@Directive('@shareable')
@ObjectType({ description: 'A business refusal returned in a mutation payload: nothing was changed (the mutation is all or nothing)' })
export class UserError {
  @Field(() => String, { description: 'Stable machine-readable reason, e.g. REGION_MISMATCH or REDUCTION_WINDOW_CLOSED' }) code!: string;
  @Field({ description: 'Human-readable explanation in English (may change; match on `code`)' }) message!: string;
  @Field(() => String, { nullable: true, description: 'Id of the domain rule that refused, e.g. SUB-2 (see docs/rules.md)' }) rule?: string;
  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault, e.g. ["lines", "0", "quantity"]' }) field?: string[];

  static from(error: BusinessRuleError): UserError {
    return Object.assign(new UserError(), { code: error.code, message: error.message, rule: error.rule, field: error.field });
  }
}

/** An exact decimal amount as a string, never a float. */
@Directive('@shareable')
@ObjectType({ description: 'An exact decimal amount with its currency (never a float)' })
export class Money {
  @Field({ description: 'Decimal amount as a string, e.g. "36.00"; negative for refunds and credits' }) amount!: string;
  @Field({ description: 'ISO 4217 currency code, e.g. EUR' }) currency!: string;
}

@Directive('@shareable')
@ObjectType({ description: 'Where a page ends and whether more items follow' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page (pass it as `after`); null for an empty page' })
  endCursor!: string | null;
}

export { Int };
