import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The customers subgraph's Partner, extended here with its expiring agreements and pending transfers. */
@Directive('@key(fields: "id")')
@ObjectType('Partner')
export class PartnerRef {
  @Field(() => ID) id!: string;
}

export const partnerRef = (id: string) => Object.assign(new PartnerRef(), { id });
