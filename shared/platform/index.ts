import type { MigrationEntry } from '../db/orm';
import { AuditRecord } from './entities/audit-record.entity';
import { BusinessClock } from './entities/business-clock.entity';
import { ConsumedEvent } from './entities/consumed-event.entity';
import { DueWorkFailure } from './entities/due-work-failure.entity';
import { OutboxEvent } from './entities/outbox-event.entity';
import { Webhook } from './entities/webhook.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { Migration20261129000000_platform } from './migrations/Migration20261129000000_platform';
import { Migration20261220000000_due_work_failure } from './migrations/Migration20261220000000_due_work_failure';

export { AuditRecord, BusinessClock, ConsumedEvent, DueWorkFailure, OutboxEvent, Webhook, WebhookDelivery };

/** Entities of the `platform` schema; every subgraph's ORM knows them (one transaction for change, audit and outbox). */
export const PLATFORM_ENTITIES: Function[] = [AuditRecord, BusinessClock, ConsumedEvent, DueWorkFailure, OutboxEvent, Webhook, WebhookDelivery];

/** Versioned migrations of the `platform` schema, applied before any subgraph's own. */
export const PLATFORM_MIGRATIONS: MigrationEntry[] = [
  { name: 'Migration20261129000000_platform', class: Migration20261129000000_platform },
  { name: 'Migration20261220000000_due_work_failure', class: Migration20261220000000_due_work_failure },
];
