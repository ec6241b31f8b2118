import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { BusinessRuleError } from '../errors';

/** A business refusal in a mutation payload (API.md "Errors"). */
@Directive('@shareable')
@ObjectType()
export class UserError {
  @Field(() => String) code!: string;
  @Field() message!: string;
  @Field(() => String, { nullable: true, description: 'SPEC rule id' }) rule?: string;
  @Field(() => [String], { nullable: true }) field?: string[];

  static from(error: BusinessRuleError): UserError {
    return Object.assign(new UserError(), { code: error.code, message: error.message, rule: error.rule, field: error.field });
  }
}

/** An exact decimal amount as a string, never a float. */
@Directive('@shareable')
@ObjectType()
export class Money {
  @Field() amount!: string;
  @Field() currency!: string;
}

@Directive('@shareable')
@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export { Int };
