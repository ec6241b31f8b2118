import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PartnerTypeEnum, RegionEnum } from '../../../shared/graphql/enums';
import type { Region } from '../../../shared/regions';

/**
 * A partner tenant (SPEC §1): direct-bill partner, indirect provider or indirect reseller. Other
 * subgraphs may also name it by PartnerID (XFR-1: a transfer request names its source so).
 */
@Directive('@key(fields: "id")')
@Directive('@key(fields: "partnerId")')
@ObjectType({ description: 'A partner tenant of the programme' })
@Entity({ tableName: 'partner' })
export class Partner {
  [OptionalProps]?: 'mpaSigned';

  @Field(() => ID, { description: 'Unique id of the partner tenant' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field({ description: 'Company name' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => PartnerTypeEnum, { description: 'Kind of partner' })
  @Property({ type: 'text' })
  type!: PartnerTypeEnum;

  @Field({ description: 'PartnerID (MPN id)' })
  @Property({ type: 'text', unique: true })
  partnerId!: string;

  @Field(() => RegionEnum, { description: 'CSP region (REL-3)' })
  @Property({ type: 'text' })
  region!: Region;

  @Field({ description: 'RES-2: the partner signed the partner agreement (MPA)' })
  @Property({ type: 'boolean' })
  mpaSigned: boolean = true;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
