import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * This subgraph's copy of one partner–customer relationship (REL-1, REL-7), kept from the
 * customers subgraph's RELATIONSHIP_ACCEPTED / RELATIONSHIP_REMOVED events. Checkout re-reads it
 * under its per-customer lock: a removal that commits after checkout asked the customers
 * subgraph still stops the order. No row: nothing heard yet, the graph's answer stands.
 */
@Entity({ tableName: 'relationship_fact' })
export class RelationshipFact {
  /** The partner's tenant id. */
  @PrimaryKey({ type: 'text' })
  partnerId!: string;

  @PrimaryKey({ type: 'text' })
  customerId!: string;

  @Property({ type: 'boolean' })
  active!: boolean;

  /** When the relationship changed (the event's business time); older events never override newer ones. */
  @Property({ type: 'timestamptz' })
  changedAt!: Date;
}
