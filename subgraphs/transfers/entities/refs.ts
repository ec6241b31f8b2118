import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The customers subgraph's Customer, extended here with its Enterprise Agreements. */
@Directive('@key(fields: "id")')
@ObjectType('Customer')
export class CustomerRef {
  @Field(() => ID) id!: string;
}

export const customerRef = (id: string) => Object.assign(new CustomerRef(), { id });
