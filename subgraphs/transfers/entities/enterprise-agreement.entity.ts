import { Collection, OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Filter, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../shared/graphql/scalars';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { visibleAgreements } from '../tenant-scope';

/**
 * An Enterprise Agreement imported from the EA system (SPEC §9). Only the operator's import
 * changes it; schedules and transfers never do.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "EA-2: a customer's Enterprise Agreement, imported from the EA system (read-only)" })
// ACT-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts); EA-1 is the services' (a customers subgraph fact).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => visibleAgreements(args.identity), default: true })
@Entity({ tableName: 'enterprise_agreement' })
export class EnterpriseAgreement {
  [OptionalProps]?: 'inExtendedTerm' | 'renewed';

  @Field(() => ID, { description: 'Unique id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  customerId!: string;

  @Field({ description: 'Agreement number in the EA system' })
  @Property({ type: 'text' })
  number!: string;

  @Field(() => DateScalar, { description: 'Last day of the agreement' })
  @Property({ type: 'date' })
  endDate!: string;

  @Field({ description: 'EA-2: the agreement runs in its extended term (always eligible)' })
  @Property({ type: 'boolean' })
  inExtendedTerm: boolean = false;

  /** EA-2: renewed in the EA channel: no longer eligible, its open schedules are cancelled. */
  @Property({ type: 'boolean' })
  renewed: boolean = false;

  @OneToMany(() => EaSubscription, (s) => s.agreement)
  subscriptions = new Collection<EaSubscription>(this);

  @Property({ type: 'timestamptz' })
  importedAt!: Date;
}

/** One subscription of an Enterprise Agreement. */
@ObjectType({ description: 'EA-3: one subscription of an Enterprise Agreement' })
@Entity({ tableName: 'ea_subscription' })
export class EaSubscription {
  [OptionalProps]?: 'commercial' | 'offerId' | 'eaSystemId';

  @Field(() => ID, { description: 'Unique id (use it as `eaSubscriptionId` of `scheduleEaRenewal`)' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field(() => String, {
    name: 'eaSubscriptionId',
    nullable: true,
    description: "The EA system's own id of this subscription, as imported (null when the import gave none); a re-import updates the subscription by it",
  })
  @Property({ type: 'text', nullable: true })
  eaSystemId?: string | null;

  @ManyToOne(() => EnterpriseAgreement)
  agreement!: Rel<EnterpriseAgreement>;

  @Field({ description: 'Provisioning id of its SKU; the CSP renewal keeps it (EA-4)' })
  @Property({ type: 'text' })
  provisioningId!: string;

  /** EA-3/EA-4: the catalog offer of the same SKU (end-of-sale included); null when CSP has none. */
  @Property({ type: 'text', nullable: true })
  offerId?: string | null;

  @Field(() => Int, { description: 'Licences in the agreement' })
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => DateScalar, { description: 'Last day of the EA subscription' })
  @Property({ type: 'date' })
  endDate!: string;

  /** EA-3: government and other public-sector SKUs are not commercial. */
  @Property({ type: 'boolean' })
  commercial: boolean = true;
}
