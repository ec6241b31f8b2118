import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** AUD-2: a partner's endpoint for domain events of the chosen types. */
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
