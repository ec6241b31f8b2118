import { LockMode } from '@mikro-orm/core';
import type { EventConsumer } from '../../../shared/events/consumers';
import type { OutboxEvent } from '../../../shared/platform/entities/outbox-event.entity';
import { EaRenewalSchedule } from '../entities/ea-renewal-schedule.entity';
import { TransferItem, TransferRequest } from '../entities/transfer-request.entity';
import type { TransfersContext, TransfersLoaders } from '../context';
import { EaRenewalStatus } from '../types/ea.types';
import { TransferStatus } from '../types/transfer.types';

const text = (event: OutboxEvent, key: string): string => String((event.data as Record<string, unknown>)[key] ?? '');

async function processingSchedule(tx: TransfersContext, event: OutboxEvent): Promise<EaRenewalSchedule | null> {
  const schedule = await tx.em.findOne(EaRenewalSchedule, { id: text(event, 'scheduleId') }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  // Applying an answer again finds the schedule settled already and leaves it.
  return schedule?.status === EaRenewalStatus.PROCESSING ? schedule : null;
}

/** EA-8: the subscriptions subgraph created the CSP subscription: the schedule is COMPLETED (counted as `eaRenewed`). */
export const eaRenewalCompleted: EventConsumer<TransfersLoaders> = {
  name: 'transfers.ea-renewal-completed',
  types: ['EA_RENEWAL_COMPLETED'],
  counts: { eaRenewed: 1 },
  async handle(tx, event) {
    const schedule = await processingSchedule(tx, event);
    if (!schedule) return;
    schedule.status = EaRenewalStatus.COMPLETED;
    schedule.subscriptionId = text(event, 'subscriptionId');
    schedule.completedAt = new Date(text(event, 'completedAt'));
  },
};

/** EA-8: the renewal could not be made and nothing was created: the schedule is FAILED with the reason. */
export const eaRenewalFailed: EventConsumer<TransfersLoaders> = {
  name: 'transfers.ea-renewal-failed',
  types: ['EA_RENEWAL_FAILED'],
  async handle(tx, event) {
    const schedule = await processingSchedule(tx, event);
    if (!schedule) return;
    schedule.status = EaRenewalStatus.FAILED;
    schedule.statusReason = text(event, 'reason');
  },
};

async function acceptedTransfer(tx: TransfersContext, event: OutboxEvent): Promise<TransferRequest | null> {
  const transfer = await tx.em.findOne(TransferRequest, { id: text(event, 'transferId') }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  return transfer?.status === TransferStatus.ACCEPTED ? transfer : null;
}

/** XFR-2: every chosen subscription moved in one transaction: the request is COMPLETED with its items. */
export const transferMoved: EventConsumer<TransfersLoaders> = {
  name: 'transfers.transfer-moved',
  types: ['TRANSFER_MOVED'],
  async handle(tx, event) {
    const transfer = await acceptedTransfer(tx, event);
    if (!transfer) return;
    const items = (event.data as { items?: { sourceSubscriptionId: string; targetSubscriptionId: string }[] }).items ?? [];
    const rows = await tx.em.find(TransferItem, { transferId: transfer.id });
    for (const row of rows) row.targetSubscriptionId = items.find((item) => item.sourceSubscriptionId === row.sourceSubscriptionId)?.targetSubscriptionId ?? null;
    transfer.status = TransferStatus.COMPLETED;
    transfer.completedAt = new Date(text(event, 'movedAt'));
  },
};

/** XFR-2: nothing moved (a subscription changed meanwhile): the request is PENDING again, with the reason. */
export const transferMoveFailed: EventConsumer<TransfersLoaders> = {
  name: 'transfers.transfer-move-failed',
  types: ['TRANSFER_MOVE_FAILED'],
  async handle(tx, event) {
    const transfer = await acceptedTransfer(tx, event);
    if (!transfer) return;
    await tx.em.nativeDelete(TransferItem, { transferId: transfer.id });
    transfer.status = TransferStatus.PENDING;
    transfer.answeredAt = null;
    transfer.failureReason = text(event, 'reason');
  },
};
