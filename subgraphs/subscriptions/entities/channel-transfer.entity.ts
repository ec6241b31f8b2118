import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * EA-8: the CSP subscription and order an EA renewal schedule (transfers subgraph) produced.
 * Keyed by the schedule id, so a schedule is provisioned at most once whatever is retried; it
 * also marks the order as an EA renewal in the partner's order history.
 */
@Entity({ tableName: 'ea_renewal' })
export class EaRenewalRecord {
  @PrimaryKey({ type: 'text' })
  scheduleId!: string;

  @Property({ type: 'text', unique: true })
  orderId!: string;

  @Property({ type: 'text' })
  subscriptionId!: string;

  @Property({ type: 'text' })
  partnerId!: string;

  @Property({ type: 'text' })
  customerId!: string;

  @Property({ type: 'text' })
  agreementNumber!: string;

  @Property({ type: 'timestamptz' })
  completedAt!: Date;
}

/** XFR-2: the subscriptions one accepted transfer request moved, keyed by the request (moved at most once). */
@Entity({ tableName: 'transfer_move' })
export class TransferMoveRecord {
  @PrimaryKey({ type: 'text' })
  transferId!: string;

  @Property({ type: 'json' })
  items!: { sourceSubscriptionId: string; targetSubscriptionId: string }[];

  @Property({ type: 'timestamptz' })
  movedAt!: Date;
}
