import { LockMode } from '@mikro-orm/core';
import type { EventConsumer } from '../../../shared/events/consumers';
import { EaRenewalSchedule } from '../entities/ea-renewal-schedule.entity';
import { TransferItem, TransferRequest } from '../entities/transfer-request.entity';
import type { TransfersContext, TransfersLoaders } from '../context';
import { EaRenewalStatus } from '../types/ea.types';
import { TransferStatus } from '../types/transfer.types';

async function processingSchedule(tx: TransfersContext, scheduleId: string): Promise<EaRenewalSchedule | null> {
  const schedule = await tx.em.findOne(EaRenewalSchedule, { id: scheduleId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  // Applying an answer again finds the schedule settled already and leaves it.
  return schedule?.status === EaRenewalStatus.PROCESSING ? schedule : null;
}

/** EA-8: the subscriptions subgraph created the CSP subscription: the schedule is COMPLETED (counted as `eaRenewed`). */
export const eaRenewalCompleted: EventConsumer<TransfersLoaders, 'EA_RENEWAL_COMPLETED'> = {
  name: 'transfers.ea-renewal-completed',
  types: ['EA_RENEWAL_COMPLETED'],
  counts: { eaRenewed: 1 },
  async handle(tx, event) {
    const schedule = await processingSchedule(tx, event.data.scheduleId);
    if (!schedule) return;
    schedule.status = EaRenewalStatus.COMPLETED;
    schedule.subscriptionId = event.data.subscriptionId;
    schedule.completedAt = new Date(event.data.completedAt);
  },
};

/** EA-8: the renewal could not be made and nothing was created: the schedule is FAILED with the reason. */
export const eaRenewalFailed: EventConsumer<TransfersLoaders, 'EA_RENEWAL_FAILED'> = {
  name: 'transfers.ea-renewal-failed',
  types: ['EA_RENEWAL_FAILED'],
  async handle(tx, event) {
    const schedule = await processingSchedule(tx, event.data.scheduleId);
    if (!schedule) return;
    schedule.status = EaRenewalStatus.FAILED;
    schedule.statusReason = event.data.reason;
  },
};

async function acceptedTransfer(tx: TransfersContext, transferId: string): Promise<TransferRequest | null> {
  const transfer = await tx.em.findOne(TransferRequest, { id: transferId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  return transfer?.status === TransferStatus.ACCEPTED ? transfer : null;
}

/** XFR-2: every chosen subscription moved in one transaction: the request is COMPLETED with its items. */
export const transferMoved: EventConsumer<TransfersLoaders, 'TRANSFER_MOVED'> = {
  name: 'transfers.transfer-moved',
  types: ['TRANSFER_MOVED'],
  async handle(tx, event) {
    const transfer = await acceptedTransfer(tx, event.data.transferId);
    if (!transfer) return;
    const { items } = event.data;
    const rows = await tx.em.find(TransferItem, { transferId: transfer.id });
    for (const row of rows) row.targetSubscriptionId = items.find((item) => item.sourceSubscriptionId === row.sourceSubscriptionId)?.targetSubscriptionId ?? null;
    // XFR-3: add-ons moved with their base are items of the transfer too.
    const listed = new Set(rows.map((row) => row.sourceSubscriptionId));
    items
      .filter((item) => !listed.has(item.sourceSubscriptionId))
      .forEach((item, index) => tx.em.create(TransferItem, { transferId: transfer.id, sourceSubscriptionId: item.sourceSubscriptionId, targetSubscriptionId: item.targetSubscriptionId, position: rows.length + index }));
    transfer.status = TransferStatus.COMPLETED;
    transfer.completedAt = new Date(event.data.movedAt);
  },
};

/** XFR-2: nothing moved (a subscription changed meanwhile): the request is PENDING again, with the reason. */
export const transferMoveFailed: EventConsumer<TransfersLoaders, 'TRANSFER_MOVE_FAILED'> = {
  name: 'transfers.transfer-move-failed',
  types: ['TRANSFER_MOVE_FAILED'],
  async handle(tx, event) {
    const transfer = await acceptedTransfer(tx, event.data.transferId);
    if (!transfer) return;
    await tx.em.nativeDelete(TransferItem, { transferId: transfer.id });
    transfer.status = TransferStatus.PENDING;
    transfer.answeredAt = null;
    transfer.failureReason = event.data.reason;
  },
};
