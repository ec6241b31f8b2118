import { Entity, Filter, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { TENANT_FILTER, type TenantFilterArgs } from '../../db/tenant-filter';
import { ownWebhooks } from '../tenant-scope';

/** AUD-2: a partner's endpoint for domain events of the chosen types. */
// ACT-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => ownWebhooks(args.identity), default: true })
@Entity({ tableName: 'webhook', schema: 'platform' })
@Index({ properties: ['tenantId', 'id'] })
export class Webhook {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  tenantId!: string;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'json' })
  events!: string[];

  /** Standard Webhooks signing secret (`whsec_…`), shown once at creation. */
  @Property({ type: 'text', lazy: true })
  secret!: string;

  @Property({ type: 'text' })
  createdBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  /** Deleted webhooks keep their deliveries' history but receive nothing new. */
  @Property({ type: 'timestamptz', nullable: true })
  deletedAt?: Date | null;
}
