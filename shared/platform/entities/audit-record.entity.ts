import { Entity, Filter, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TENANT_FILTER, type TenantFilterArgs } from '../../db/tenant-filter';
import { ownAuditTrail } from '../tenant-scope';

/**
 * AUD-1: one row per recorded domain event, written by the unit of work in the same
 * transaction as the change. Append-only; it belongs to no subgraph (like the business clock).
 */
// AUD-1, ACT-2: every query is within the caller's own tenant (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => ownAuditTrail(args.identity), default: true })
@Entity({ tableName: 'audit_record', schema: 'platform' })
@Index({ properties: ['tenantId', 'at', 'id'] })
export class AuditRecord {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  tenantId!: string;

  @Property({ type: 'text' })
  userId!: string;

  @Property({ type: 'text' })
  operation!: string;

  @Property({ type: 'text' })
  resourceType!: string;

  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'text' })
  outcome!: 'SUCCESS' | 'FAILURE';

  @Property({ type: 'json', nullable: true })
  details?: Record<string, unknown> | null;

  @Property({ type: 'timestamptz' })
  at!: Date;
}
