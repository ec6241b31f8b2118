import { Entity, Filter, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Collection, OptionalProps } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Segment } from '../../../shared/graphql/enums';
import { CustomerRelationship } from './relationship.entity';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { visibleCustomers } from '../services/visibility';

/**
 * A customer tenant. The record is shared by every partner that has a relationship with it
 * (REL-4); each partner's commerce data lives elsewhere and stays its own.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A customer company (tenant) that partners sell to' })
// ACT-1, ACT-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => visibleCustomers(args.identity), default: true })
@Entity({ tableName: 'customer' })
export class Customer {
  [OptionalProps]?: 'agreementSignerName' | 'agreementSignerEmail' | 'agreementAcceptedAt';

  @Field(() => ID, { description: 'Unique id of the customer tenant' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field({ description: 'Legal name of the company' })
  @Property({ type: 'text' })
  companyName!: string;

  @Field({ description: 'Domain of the customer tenant, e.g. contoso.onmicrosoft.com (from the prefix contoso) or contoso.com' })
  @Property({ type: 'text', unique: true })
  domain!: string;

  @Field({ description: 'ISO 3166-1 alpha-2' })
  @Property({ type: 'text' })
  country!: string;

  @Field(() => Segment, { description: 'Segment (decides the offers it is shown, CAT-2)' })
  @Property({ type: 'text' })
  segment!: Segment;

  /** REL-5: the admin user name is returned once at creation, like the password. */
  @Property({ type: 'text' })
  adminUserName!: string;

  /** REL-5: only a scrypt hash of the temporary password is kept. */
  @Property({ type: 'text', lazy: true })
  adminPasswordHash!: string;

  @Property({ type: 'text', nullable: true })
  agreementSignerName?: string;

  @Property({ type: 'text', nullable: true })
  agreementSignerEmail?: string;

  @Property({ type: 'timestamptz', nullable: true })
  agreementAcceptedAt?: Date;

  @Property({ type: 'text' })
  createdByPartnerId!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @OneToMany(() => CustomerRelationship, (r) => r.customer)
  relationships = new Collection<CustomerRelationship>(this);
}
