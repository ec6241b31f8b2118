import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export type BatchKind = 'PURCHASE' | 'RENEWAL' | 'INCREASE' | 'UPGRADE' | 'TRANSFER' | 'CONVERSION';

/**
 * SUB-2: each addition of licenses (purchase, renewal, mid-term increase) is its own batch
 * with its own 168-hour reduction deadline; reductions consume only batches still open.
 */
@Entity({ tableName: 'license_batch' })
@Index({ properties: ['subscriptionId', 'reducibleUntil'] })
export class LicenseBatch {
  [OptionalProps]?: 'removed';

  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  subscriptionId!: string;

  @Property({ type: 'text' })
  kind!: BatchKind;

  /** Licenses added by this batch. */
  @Property({ type: 'integer' })
  quantity!: number;

  /** Licenses of this batch removed since (never more than quantity). */
  @Property({ type: 'integer' })
  removed: number = 0;

  @Property({ type: 'timestamptz' })
  addedAt!: Date;

  @Property({ type: 'timestamptz' })
  reducibleUntil!: Date;
}
