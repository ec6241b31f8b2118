import { OptionalProps } from '@mikro-orm/core';
import { Entity, Filter, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { BillingFrequency } from '../../../shared/graphql/enums';
import { Internal } from '../../../shared/graphql/federation';
import { EaRenewalStatus } from '../types/ea.types';
import { TENANT_FILTER, type TenantFilterArgs } from '../../../shared/db/tenant-filter';
import { ownSchedules } from '../tenant-scope';

/**
 * A partner's schedule to renew one EA subscription to CSP (EA-5). While SCHEDULED,
 * PROCESSING or COMPLETED it holds the EA subscription: a partial unique index lets exactly
 * one schedule of one partner hold it (EA-6); CANCELLED and FAILED ones free it.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "EA-5: a partner's plan to renew one EA subscription to CSP" })
// ACT-2: every query is within the caller's tenant scope (shared/db/tenant-filter.ts).
@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => ownSchedules(args.identity), default: true })
@Entity({ tableName: 'ea_renewal_schedule' })
export class EaRenewalSchedule {
  [OptionalProps]?: 'coterminousWithSubscriptionId' | 'subscriptionId' | 'statusReason' | 'cancelledAt' | 'completedAt';

  @Field(() => ID, { description: 'Unique id' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  eaSubscriptionId!: string;

  /** The scheduling partner's tenant (ACT-2: only it sees the schedule). */
  @Property({ type: 'text' })
  partnerId!: string;

  @Property({ type: 'text' })
  partnerType!: string;

  @Property({ type: 'text' })
  customerId!: string;

  @Field(() => EaRenewalStatus, { description: 'State of the schedule' })
  @Property({ type: 'text' })
  status!: EaRenewalStatus;

  @Field(() => Int, { description: 'Licences of the CSP subscription' })
  @Property({ type: 'integer' })
  quantity!: number;

  @Field({ description: 'P1M, P1Y or P3Y' })
  @Property({ type: 'text' })
  termDuration!: string;

  @Field(() => BillingFrequency, { description: 'Billing frequency of the CSP subscription' })
  @Property({ type: 'text' })
  billingFrequency!: BillingFrequency;

  @Field(() => ID, { nullable: true, description: 'EA-5: the new subscription ends with this existing subscription of the customer' })
  @Property({ type: 'text', nullable: true })
  coterminousWithSubscriptionId?: string | null;

  /** EA-7: the last submission (scheduling or edit); an expired agreement's schedule is processed the day after it. */
  @Field({ description: 'EA-7: when the schedule was last submitted (created or edited)' })
  @Property({ type: 'timestamptz' })
  submittedAt!: Date;

  @Property({ type: 'text' })
  submittedBy!: string;

  /** EA-8: the CSP subscription the renewal created; the subscriptions subgraph resolves `subscription` from it. */
  @Internal()
  @Field(() => ID, { nullable: true, description: 'Id of the CSP subscription the renewal created' })
  @Property({ type: 'text', nullable: true })
  subscriptionId?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the schedule FAILED (EA-8: nothing was created) or was cancelled by the system (EA-2: renewed in the EA channel)' })
  @Property({ type: 'text', nullable: true })
  statusReason?: string | null;

  @Field({ description: 'When it was created (UTC)' })
  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled (UTC); null unless cancelled' })
  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When processing created the CSP subscription (UTC)' })
  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;
}
