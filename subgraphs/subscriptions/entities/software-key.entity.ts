import { OptionalProps } from '@mikro-orm/core';
import { Entity, Filter, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { SoftwareKeyType } from '../../../shared/graphql/enums';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { partnerRows } from '../tenant-scope';

/**
 * SW-2: the product key of one software subscription or perpetual order line (the target) and
 * version, issued once and shown again on every later view; SW-5 revokes it. A product without
 * keys keeps a row too (no key), so a revocation covers every target alike.
 */
// ACT-2, SW-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => partnerRows(args.identity), default: true })
@Entity({ tableName: 'software_key' })
@Unique({ properties: ['targetId', 'version'] })
export class SoftwareKey {
  [OptionalProps]?: 'subscriptionId' | 'orderLineId' | 'productKey' | 'revokedAt';

  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The partner tenant that holds the target (ACT-2). */
  @Property({ type: 'text' })
  partnerId!: string;

  @Property({ type: 'text' })
  customerId!: string;

  /** The subscription id or the order line id. */
  @Property({ type: 'text' })
  targetId!: string;

  @Property({ type: 'text', nullable: true })
  subscriptionId?: string;

  @Property({ type: 'text', nullable: true })
  orderLineId?: string;

  @Property({ type: 'text' })
  offerId!: string;

  @Property({ type: 'text' })
  version!: string;

  /** A multiple-activation key; null for products without keys. Never a KMS key. */
  @Property({ type: 'text', nullable: true })
  productKey?: string;

  @Property({ type: 'text' })
  keyType!: SoftwareKeyType;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;
}

/** SW-2: one expiring download link, served by the gateway to the partner it was issued to only. */
// ACT-2, SW-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => partnerRows(args.identity), default: true })
@Entity({ tableName: 'software_download_link' })
export class SoftwareDownloadLink {
  [OptionalProps]?: 'subscriptionId' | 'orderLineId' | 'language' | 'revokedAt';

  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  partnerId!: string;

  @Property({ type: 'text' })
  targetId!: string;

  @Property({ type: 'text', nullable: true })
  subscriptionId?: string;

  @Property({ type: 'text', nullable: true })
  orderLineId?: string;

  @Property({ type: 'text' })
  offerId!: string;

  @Property({ type: 'text' })
  version!: string;

  @Property({ type: 'text', nullable: true })
  language?: string;

  /** File type or operating system. */
  @Property({ type: 'text' })
  fileType!: string;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** SW-5: set when the purchase is cancelled. */
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;
}
