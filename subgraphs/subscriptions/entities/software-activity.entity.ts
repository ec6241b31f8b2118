import { OptionalProps } from '@mikro-orm/core';
import { Entity, Filter, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { ownActivity } from '../tenant-scope';

/** SW-2: what was done with a software product's keys or downloads. */
export enum SoftwareActivityAction {
  KEYS_VIEWED = 'KEYS_VIEWED',
  DOWNLOADED = 'DOWNLOADED',
}
registerEnumType(SoftwareActivityAction, {
  name: 'SoftwareActivityAction',
  description: 'SW-2: a key view or a download',
  valuesConfig: {
    DOWNLOADED: { description: 'A download link was used' },
    KEYS_VIEWED: { description: 'Product keys were shown' },
  },
});

/** SW-2: one key view or download, by whom, of which subscription or order line, when. */
@ObjectType({ description: 'SW-2: one key view or download of a software product' })
// ACT-2, SW-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => ownActivity(args.identity), default: true })
@Entity({ tableName: 'software_activity' })
@Index({ properties: ['partnerId', 'at', 'id'] })
export class SoftwareActivity {
  [OptionalProps]?: 'subscriptionId' | 'orderLineId' | 'language' | 'fileType';

  @Field(() => ID, { description: 'Unique id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The partner tenant whose log it is (ACT-2). */
  @Property({ type: 'text' })
  partnerId!: string;

  @Field({ description: 'The user who did it' })
  @Property({ type: 'text' })
  userId!: string;

  @Field(() => SoftwareActivityAction, { description: 'What was done' })
  @Property({ type: 'text' })
  action!: SoftwareActivityAction;

  @Field(() => ID, { nullable: true, description: 'The software subscription, when the product is one' })
  @Property({ type: 'text', nullable: true })
  subscriptionId?: string;

  @Field(() => ID, { nullable: true, description: 'The order line of perpetual software' })
  @Property({ type: 'text', nullable: true })
  orderLineId?: string;

  @Field(() => ID, { description: 'Id of the software offer' })
  @Property({ type: 'text' })
  offerId!: string;

  @Field({ description: 'Product version' })
  @Property({ type: 'text' })
  version!: string;

  @Field(() => String, { nullable: true, description: 'Language of the download' })
  @Property({ type: 'text', nullable: true })
  language?: string;

  @Field(() => String, { nullable: true, description: 'File type or operating system of a download' })
  @Property({ type: 'text', nullable: true })
  fileType?: string;

  @Field({ description: 'When it happened (UTC)' })
  @Property({ type: 'timestamptz' })
  at!: Date;
}
