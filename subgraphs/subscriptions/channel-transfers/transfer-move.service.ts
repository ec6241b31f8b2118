import { LockMode } from '@mikro-orm/core';
import { recordEvent } from '../../../shared/context';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import type { EventPayload } from '../../../shared/events/event-types';
import type { TransferCompleted, TransferredItem } from '../../../shared/events/payloads';
import { TransferMoveRecord } from '../entities/channel-transfer.entity';
import { RelationshipFact } from '../entities/relationship-fact.entity';
import { Subscription } from '../entities/subscription.entity';
import { batchesWithLicenses } from '../lifecycle/batch-facts';
import type { SubscriptionsContext } from '../context';
import { lockCustomer } from '../customer-lock';
import { provisionSubscription } from '../checkout/provisioning.service';
import { transition } from '../transitions/subscription-transitions';
import { applyOutcome, stateOf } from '../transitions/transition-effects';

/** TRANSFER_ACCEPTED as the transfers subgraph records it (shared/events/payloads.ts). */
export type TransferCommand = EventPayload<'TRANSFER_ACCEPTED'>;

type Item = TransferredItem;

/**
 * XFR-2: moves every chosen subscription from the source partner to the target in this one
 * transaction, or none. Each is re-checked under the customer's lock (an ACTIVE subscription of
 * the source for the customer; the target's relationship not removed meanwhile); then each is
 * transferred out (cancelled for the source, its remaining days credited) and transferred in
 * (created for the target with the same SKU, quantity, billing and term end, active at once:
 * no downtime, the same remaining days charged, daily proration, SUB-3). Both partners get
 * TRANSFER_COMPLETED; the transfers subgraph gets TRANSFER_MOVED, or TRANSFER_MOVE_FAILED with
 * the reason when nothing moved. Idempotent by transfer id.
 */
export async function moveSubscriptions(tx: SubscriptionsContext, command: TransferCommand): Promise<void> {
  const moved = await tx.em.findOne(TransferMoveRecord, { transferId: command.transferId });
  if (moved) return answerMoved(tx, command, moved.items, moved.movedAt);
  await lockCustomer(tx.em, command.customerId);
  const rows = await tx.em.find(Subscription, { id: { $in: command.subscriptionIds } }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const invalid = command.subscriptionIds.filter((id) => {
    const s = byId.get(id);
    return !s || s.partnerId !== command.sourceTenantId || s.customerId !== command.customerId || s.status !== SubscriptionStatus.ACTIVE;
  });
  if (invalid.length) return answerFailed(tx, command, `No longer ACTIVE subscriptions of the source for this customer: ${invalid.join(', ')}; nothing was moved`);
  const relationship = await tx.em.findOne(RelationshipFact, { partnerId: command.targetTenantId, customerId: command.customerId });
  if (relationship && !relationship.active) return answerFailed(tx, command, "The target partner's relationship with the customer was removed; nothing was moved");

  // XFR-3: add-ons move with their base (the chosen ones and the base's other active add-ons); an add-on never moves without it.
  const withBase = await tx.em.find(
    Subscription,
    {
      baseSubscriptionId: { $in: command.subscriptionIds },
      id: { $nin: command.subscriptionIds },
      partnerId: command.sourceTenantId,
      status: { $in: [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED] },
    },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { id: 'asc' } },
  );
  const suspended = withBase.filter((s) => s.status === SubscriptionStatus.SUSPENDED);
  if (suspended.length) {
    return answerFailed(tx, command, `Suspended add-ons cannot move with their base (XFR-3): reactivate or cancel ${suspended.map((s) => s.id).join(', ')} first; nothing was moved`);
  }
  const addOns = withBase;
  const chosen = [...command.subscriptionIds.map((id) => byId.get(id)!), ...addOns];
  const moving = new Set(chosen.map((s) => s.id));
  const orphaned = chosen.filter((s) => s.baseSubscriptionId && !moving.has(s.baseSubscriptionId));
  if (orphaned.length) {
    return answerFailed(tx, command, `Add-ons move only with their base subscription (XFR-3): include ${orphaned.map((s) => `${s.baseSubscriptionId} (base of ${s.id})`).join(', ')}; nothing was moved`);
  }

  const now = await tx.clock.now();
  // Bases first, so a moved add-on keeps its (moved) base (SUB-9).
  const sources = chosen.sort((a, b) => Number(Boolean(a.baseSubscriptionId)) - Number(Boolean(b.baseSubscriptionId)));
  // XFR-3: the licenses left in each batch move; spent batches have nothing to carry.
  const batches = await batchesWithLicenses(tx.em, sources.map((s) => s.id));
  const newIds = new Map<string, string>();
  const items: Item[] = [];
  for (const source of sources) {
    const transferredFrom = stateOf(source);
    await applyOutcome(tx, source, transition(stateOf(source), { kind: 'transferOut', transferId: command.transferId, targetPartnerId: command.targetPartnerId }, now), now);
    const target = await provisionSubscription(tx, {
      partnerId: command.targetTenantId,
      customerId: command.customerId,
      offerId: source.offerId,
      quantity: source.quantity,
      termDuration: source.termDuration,
      billingFrequency: source.billingFrequency,
      unitPrice: source.unitPrice,
      // BIL-5: the term keeps its promotion across partners.
      listUnitPrice: source.listUnitPrice,
      promotionId: source.promotionId,
      currency: source.currency,
      termStart: now,
      alignedTermEnd: source.termEnd,
      autoRenew: source.autoRenew,
      friendlyName: source.friendlyName,
      baseSubscriptionId: source.baseSubscriptionId ? newIds.get(source.baseSubscriptionId) : undefined,
      batchKind: 'TRANSFER',
      transferredFrom,
      // XFR-3: the same term end (above), cancellation deadline and per-batch reduction deadlines.
      transferredBatches: batches.filter((b) => b.subscriptionId === source.id).map((b) => ({ quantity: b.quantity - b.removed, addedAt: b.addedAt, reducibleUntil: b.reducibleUntil })),
      now,
    });
    newIds.set(source.id, target.id);
    items.push({ sourceSubscriptionId: source.id, targetSubscriptionId: target.id });
  }
  tx.em.create(TransferMoveRecord, { transferId: command.transferId, items, movedAt: now });
  await tx.em.flush();
  const completed: TransferCompleted = { v: 1, transferId: command.transferId, customerId: command.customerId, sourcePartnerId: command.sourcePartnerId, targetPartnerId: command.targetPartnerId, items };
  for (const tenantId of [command.sourceTenantId, command.targetTenantId]) {
    recordEvent(tx, { type: 'TRANSFER_COMPLETED', operation: 'completeTransfer', tenantId, resourceType: 'TransferRequest', resourceId: command.transferId, data: completed });
  }
  answerMoved(tx, command, items, now);
}

function answerMoved(tx: SubscriptionsContext, command: TransferCommand, items: Item[], movedAt: Date): void {
  recordEvent(tx, {
    type: 'TRANSFER_MOVED',
    tenantId: command.targetTenantId,
    resourceType: 'TransferRequest',
    resourceId: command.transferId,
    data: { v: 1, transferId: command.transferId, items, movedAt: movedAt.toISOString() },
  });
}

function answerFailed(tx: SubscriptionsContext, command: TransferCommand, reason: string): void {
  recordEvent(tx, { type: 'TRANSFER_MOVE_FAILED', tenantId: command.sourceTenantId, resourceType: 'TransferRequest', resourceId: command.transferId, data: { v: 1, transferId: command.transferId, reason } });
}
