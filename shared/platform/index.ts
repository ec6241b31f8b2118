import type { MigrationEntry } from '../db/orm';
import { AuditRecord } from './entities/audit-record.entity';
import { BusinessClock } from './entities/business-clock.entity';
import { DueWorkFailure } from './entities/due-work-failure.entity';
import { Webhook } from './entities/webhook.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { Migration20261129000000_platform } from './migrations/Migration20261129000000_platform';
import { Migration20261220000000_due_work_failure } from './migrations/Migration20261220000000_due_work_failure';
import { Migration20261221000000_outbox_positions } from './migrations/Migration20261221000000_outbox_positions';
import { Migration20270206010000_replicated_outbox_wakeup } from './migrations/Migration20270206010000_replicated_outbox_wakeup';
import { Migration20270430000000_business_clock_notify } from './migrations/Migration20270430000000_business_clock_notify';

export { AuditRecord, BusinessClock, DueWorkFailure, Webhook, WebhookDelivery };

/**
 * Entities of the `platform` schema; every subgraph's ORM knows them (one transaction for change
 * and audit). The outbox and the consumers' positions are read and written by position with SQL
 * of their own (shared/events/), never as entities.
 */
export const PLATFORM_ENTITIES: Function[] = [AuditRecord, BusinessClock, DueWorkFailure, Webhook, WebhookDelivery];

/** Versioned migrations of the `platform` schema, applied before any subgraph's own. */
export const PLATFORM_MIGRATIONS: MigrationEntry[] = [
  { name: 'Migration20261129000000_platform', class: Migration20261129000000_platform },
  { name: 'Migration20261220000000_due_work_failure', class: Migration20261220000000_due_work_failure },
  { name: 'Migration20261221000000_outbox_positions', class: Migration20261221000000_outbox_positions },
  { name: 'Migration20270206010000_replicated_outbox_wakeup', class: Migration20270206010000_replicated_outbox_wakeup },
  { name: 'Migration20270430000000_business_clock_notify', class: Migration20270430000000_business_clock_notify },
];
