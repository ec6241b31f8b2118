import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { UpgradeKindCode } from '../seed/upgrades.data';

/** CAT-10: one declared upgrade path between two SKUs, by provisioning id. */
@Entity({ tableName: 'upgrade_path' })
export class UpgradePathRecord {
  @PrimaryKey({ type: 'text' })
  sourceProvisioningId!: string;

  @PrimaryKey({ type: 'text' })
  targetProvisioningId!: string;

  @Property({ type: 'text' })
  kind!: UpgradeKindCode;
}
