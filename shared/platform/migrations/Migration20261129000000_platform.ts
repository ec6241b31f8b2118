import { Migration } from '@mikro-orm/migrations';

/**
 * The platform tables every subgraph writes through the unit of work: business clock, audit
 * (AUD-1), outbox and its consumers (AUD-2), webhooks and their deliveries. The clock and audit
 * tables existed before migrations did, hence `if not exists` for those two.
 */
export class Migration20261129000000_platform extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create schema if not exists platform;
      create table if not exists platform.business_clock (
        id smallint primary key default 1 check (id = 1),
        offset_ms bigint not null default 0,
        updated_at timestamptz not null default now()
      );
      insert into platform.business_clock (id, offset_ms) values (1, 0) on conflict (id) do nothing;
      create table if not exists platform.audit_record (
        id text primary key,
        tenant_id text not null,
        user_id text not null,
        operation text not null,
        resource_type text not null,
        resource_id text not null,
        outcome text not null,
        details jsonb,
        at timestamptz not null
      );
      create index if not exists audit_record_tenant_at on platform.audit_record (tenant_id, at, id);
      create table platform.outbox_event (
        id text primary key,
        position bigserial not null unique,
        type text not null,
        tenant_id text not null,
        resource_type text not null,
        resource_id text not null,
        data jsonb not null,
        source text not null,
        user_id text not null,
        occurred_at timestamptz not null
      );
      create index outbox_event_type_position on platform.outbox_event (type, position);
      create table platform.consumed_event (
        consumer text not null,
        event_id text not null references platform.outbox_event (id),
        consumed_at timestamptz not null,
        primary key (consumer, event_id)
      );
      create table platform.webhook (
        id text primary key,
        tenant_id text not null,
        url text not null,
        events jsonb not null,
        secret text not null,
        created_by text not null,
        created_at timestamptz not null,
        deleted_at timestamptz
      );
      create index webhook_tenant on platform.webhook (tenant_id, id);
      create table platform.webhook_delivery (
        id text primary key,
        webhook_id text not null references platform.webhook (id),
        tenant_id text not null,
        event_id text not null references platform.outbox_event (id),
        event_type text not null,
        status text not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer not null default 0,
        next_attempt_at timestamptz,
        leased_until timestamptz,
        last_response_status integer,
        last_response_body text,
        delivered_at timestamptz,
        created_at timestamptz not null,
        unique (webhook_id, event_id)
      );
      create index webhook_delivery_due on platform.webhook_delivery (status, next_attempt_at);
      create index webhook_delivery_webhook on platform.webhook_delivery (webhook_id, id);
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists platform.webhook_delivery;
      drop table if exists platform.webhook;
      drop table if exists platform.consumed_event;
      drop table if exists platform.outbox_event;
    `);
  }
}
