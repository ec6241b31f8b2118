import { Migration } from '@mikro-orm/migrations';

/**
 * The consumers of this version and the event types they apply: the claims of
 * `platform.consumed_event` become positions with this list (a migration is a snapshot in time;
 * later consumers register themselves at start).
 */
const CONSUMERS_AT_THIS_VERSION: [string, string[]][] = [
  ['webhooks.fan-out', ['SUBSCRIPTION_CREATED', 'SUBSCRIPTION_UPDATED', 'SUBSCRIPTION_RENEWED', 'SUBSCRIPTION_CANCELLED', 'RELATIONSHIP_ACCEPTED', 'TRANSFER_REQUESTED', 'TRANSFER_COMPLETED', 'EA_MIGRATION']],
  ['subscriptions.relationships', ['RELATIONSHIP_ACCEPTED', 'RELATIONSHIP_REMOVED']],
  ['subscriptions.ea-renewals', ['EA_RENEWAL_REQUESTED']],
  ['subscriptions.transfers', ['TRANSFER_ACCEPTED']],
  ['transfers.ea-renewal-completed', ['EA_RENEWAL_COMPLETED']],
  ['transfers.ea-renewal-failed', ['EA_RENEWAL_FAILED']],
  ['transfers.transfer-moved', ['TRANSFER_MOVED']],
  ['transfers.transfer-move-failed', ['TRANSFER_MOVE_FAILED']],
];

/** The subgraph that recorded each type at this version (its stream). */
const SOURCES_AT_THIS_VERSION: Record<string, string> = {
  SUBSCRIPTION_CREATED: 'subscriptions',
  SUBSCRIPTION_UPDATED: 'subscriptions',
  SUBSCRIPTION_RENEWED: 'subscriptions',
  SUBSCRIPTION_CANCELLED: 'subscriptions',
  RELATIONSHIP_ACCEPTED: 'customers',
  RELATIONSHIP_REMOVED: 'customers',
  TRANSFER_REQUESTED: 'transfers',
  TRANSFER_COMPLETED: 'subscriptions',
  EA_MIGRATION: 'subscriptions',
  EA_RENEWAL_REQUESTED: 'transfers',
  EA_RENEWAL_COMPLETED: 'subscriptions',
  EA_RENEWAL_FAILED: 'subscriptions',
  TRANSFER_ACCEPTED: 'transfers',
  TRANSFER_MOVED: 'subscriptions',
  TRANSFER_MOVE_FAILED: 'subscriptions',
};

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The outbox read by position instead of by an anti-join over its whole history:
 *
 * - each source (the subgraph that recorded an event) has its own positions: the primary key is
 *   (source, position); `platform.outbox_head` holds each source's last position, and a unit of
 *   work takes its positions from it as the last thing before commit (row lock held to commit),
 *   so a source's positions become visible in order (docs/platform.md);
 * - each consumer keeps one position per source (`platform.consumer_position`) and the events it
 *   passed but still owes after a failure (`platform.consumer_retry`); the claim table goes;
 * - a webhook delivery names its event by (source, position); deliveries and events are no longer
 *   tied by a foreign key, so applied events can be pruned.
 *
 * Existing positions are kept (they were increasing within each source). Every consumer of this
 * version starts at each source's last position and owes every event of its types it had not
 * claimed, so nothing is applied twice or lost. Existing payloads get their version, 1.
 */
export class Migration20261221000000_outbox_positions extends Migration {
  override async up(): Promise<void> {
    const consumers = CONSUMERS_AT_THIS_VERSION.flatMap(([name, types]) => types.map((type) => `(${quote(name)}, ${quote(type)}, ${quote(SOURCES_AT_THIS_VERSION[type])})`)).join(', ');
    this.addSql(`
      create table platform.outbox_head (
        source text primary key,
        position bigint not null
      );
      insert into platform.outbox_head (source, position)
        select source, max(position) from platform.outbox_event group by source;

      create table platform.consumer_position (
        consumer text not null,
        source text not null,
        position bigint not null default 0,
        primary key (consumer, source)
      );
      create table platform.consumer_retry (
        consumer text not null,
        source text not null,
        position bigint not null,
        event_id text not null,
        primary key (consumer, source, position)
      );
      create index consumer_retry_event on platform.consumer_retry (source, position);

      -- Each consumer at the end of every stream it reads (the start of one that is still empty).
      with consumer_type (consumer, type, source) as (values ${consumers})
      insert into platform.consumer_position (consumer, source, position)
        select distinct c.consumer, c.source, coalesce(h.position, 0) from consumer_type c left join platform.outbox_head h on h.source = c.source;
      with consumer_type (consumer, type, source) as (values ${consumers})
      insert into platform.consumer_retry (consumer, source, position, event_id)
        select c.consumer, e.source, e.position, e.id
          from consumer_type c join platform.outbox_event e on e.type = c.type
         where not exists (select 1 from platform.consumed_event k where k.consumer = c.consumer and k.event_id = e.id);
      drop table platform.consumed_event;

      alter table platform.webhook_delivery add column event_source text, add column event_position bigint;
      update platform.webhook_delivery d set event_source = e.source, event_position = e.position from platform.outbox_event e where e.id = d.event_id;
      alter table platform.webhook_delivery
        drop constraint webhook_delivery_event_id_fkey,
        alter column event_source set not null,
        alter column event_position set not null;
      create index webhook_delivery_pending_event on platform.webhook_delivery (event_source, event_position) where status = 'PENDING';

      drop index platform.outbox_event_type_position;
      alter table platform.outbox_event
        drop constraint outbox_event_pkey,
        drop constraint outbox_event_position_key,
        alter column position drop default,
        add primary key (source, position),
        add constraint outbox_event_id_key unique (id);
      drop sequence platform.outbox_event_position_seq;

      -- Payloads carry their version (shared/events/payloads.ts): what was written before is version 1.
      update platform.outbox_event set data = jsonb_build_object('v', 1) || data where not (data ? 'v');
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      -- One sequence for all sources again: positions are renumbered in the order of the events' time.
      update platform.outbox_event e set position = -r.n
        from (select source, position, row_number() over (order by occurred_at, source, position) as n from platform.outbox_event) r
       where e.source = r.source and e.position = r.position;
      update platform.outbox_event set position = -position;
      create sequence platform.outbox_event_position_seq owned by platform.outbox_event.position;
      select setval('platform.outbox_event_position_seq', coalesce((select max(position) from platform.outbox_event), 0) + 1, false);
      alter table platform.outbox_event
        drop constraint outbox_event_pkey,
        drop constraint outbox_event_id_key,
        alter column position set default nextval('platform.outbox_event_position_seq'),
        add primary key (id),
        add constraint outbox_event_position_key unique (position);
      create index outbox_event_type_position on platform.outbox_event (type, position);
      drop index platform.webhook_delivery_pending_event;
      alter table platform.webhook_delivery drop column event_source, drop column event_position,
        add constraint webhook_delivery_event_id_fkey foreign key (event_id) references platform.outbox_event (id);
      create table platform.consumed_event (
        consumer text not null,
        event_id text not null references platform.outbox_event (id),
        consumed_at timestamptz not null,
        primary key (consumer, event_id)
      );
      drop table platform.consumer_retry;
      drop table platform.consumer_position;
      drop table platform.outbox_head;
    `);
  }
}
