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
@ObjectType()
@Entity({ tableName: 'partner' })
export class Partner {
  [OptionalProps]?: 'mpaSigned';

  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => PartnerTypeEnum)
  @Property({ type: 'text' })
  type!: PartnerTypeEnum;

  @Field({ description: 'PartnerID (MPN id)' })
  @Property({ type: 'text', unique: true })
  partnerId!: string;

  @Field(() => RegionEnum)
  @Property({ type: 'text' })
  region!: Region;

  @Field()
  @Property({ type: 'boolean' })
  mpaSigned: boolean = true;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
