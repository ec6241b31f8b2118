import { Collection, OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../shared/graphql/scalars';

/** An Enterprise Agreement imported from the EA system (SPEC §9); never modified here. */
@ObjectType()
@Entity({ tableName: 'enterprise_agreement' })
export class EnterpriseAgreement {
  [OptionalProps]?: 'inExtendedTerm';

  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  customerId!: string;

  @Field()
  @Property({ type: 'text' })
  number!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  endDate!: string;

  @Field()
  @Property({ type: 'boolean' })
  inExtendedTerm: boolean = false;

  @OneToMany(() => EaSubscription, (s) => s.agreement)
  subscriptions = new Collection<EaSubscription>(this);

  @Property({ type: 'timestamptz' })
  importedAt!: Date;
}

/** One subscription of an Enterprise Agreement. */
@ObjectType()
@Entity({ tableName: 'ea_subscription' })
export class EaSubscription {
  [OptionalProps]?: 'commercial';

  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => EnterpriseAgreement)
  agreement!: Rel<EnterpriseAgreement>;

  @Field()
  @Property({ type: 'text' })
  provisioningId!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  endDate!: string;

  /** EA-3: government and other public-sector SKUs are not commercial. */
  @Property({ type: 'boolean' })
  commercial: boolean = true;
}
