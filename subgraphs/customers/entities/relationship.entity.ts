import { Entity, Filter, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Customer } from './customer.entity';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { visibleRelationships } from '../services/visibility';

export type RelationshipStatus = 'ACTIVE' | 'REMOVED';

/** A reseller relationship partner ↔ customer (REL-1), optionally through an indirect reseller. */
// ACT-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => visibleRelationships(args.identity), default: true })
@Entity({ tableName: 'customer_relationship' })
@Index({ properties: ['partnerId', 'status'] })
export class CustomerRelationship {
  [OptionalProps]?: 'status' | 'indirectResellerId' | 'removedAt';

  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  partnerId!: string;

  @ManyToOne({ entity: () => Customer })
  customer!: Rel<Customer>;

  @Property({ type: 'text', nullable: true })
  indirectResellerId?: string;

  @Property({ type: 'text' })
  status: RelationshipStatus = 'ACTIVE';

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  removedAt?: Date;
}
