import { recordEvent } from '../../../shared/context';
import { BillingFrequency, SubscriptionStatus } from '../../../shared/graphql/enums';
import { newId } from '../../../shared/ids';
import type { EventPayload } from '../../../shared/events/event-types';
import { EaRenewalRecord } from '../entities/channel-transfer.entity';
import { Order } from '../entities/order.entity';
import { OrderLine, OrderLineStatus } from '../entities/order-line.entity';
import { RelationshipFact } from '../entities/relationship-fact.entity';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { lockCustomer } from '../customer-lock';
import { provisionSubscription } from '../checkout/provisioning.service';
import { directoryRefusal } from '../lifecycle/subscription-limits';

/** EA_RENEWAL_REQUESTED as the transfers subgraph records it: everything provisioning needs (shared/events/payloads.ts). */
export type EaRenewalCommand = EventPayload<'EA_RENEWAL_REQUESTED'>;

/**
 * EA-8: provisions the CSP subscription of a due EA renewal, at most once per schedule (the
 * ea_renewal row is keyed by it): an ACTIVE subscription of the same SKU (EA-4: even end-of-sale)
 * whose term starts where the EA ends (for an expired agreement, now), its 168-hour windows
 * counting from now, the moment processing completes; an order marked as an EA renewal in the
 * partner's history (ORD-5); an audit record of operation `migration` with the EA_MIGRATION
 * webhook event; and the answer EA_RENEWAL_COMPLETED. When it cannot be made — the relationship
 * was removed meanwhile (REL-1), the customer's directory is full (ORD-4), the coterminous subscription is gone — it creates nothing and
 * answers EA_RENEWAL_FAILED with the reason. Runs in the consumer's unit of work, under the
 * customer's lock that checkouts take too.
 */
export async function provisionEaRenewal(tx: SubscriptionsContext, command: EaRenewalCommand): Promise<void> {
  const done = await tx.em.findOne(EaRenewalRecord, { scheduleId: command.scheduleId });
  if (done) return answerCompleted(tx, command, done);
  await lockCustomer(tx.em, command.customerId);
  const relationship = await tx.em.findOne(RelationshipFact, { partnerId: command.partnerId, customerId: command.customerId });
  if (relationship && !relationship.active) return answerFailed(tx, command, 'The relationship with the customer was removed before processing (REL-1)');
  // ORD-4: a renewal creates a subscription, so it needs a place in the customer's directory like a purchase.
  const full = await directoryRefusal(tx, command.customerId);
  if (full) return answerFailed(tx, command, `${full} (ORD-4)`);
  const now = await tx.clock.now();
  const termStart = command.termStart ? new Date(command.termStart) : now;
  let alignedTermEnd: Date | undefined;
  if (command.coterminousWithSubscriptionId) {
    const base = await tx.em.findOne(Subscription, { id: command.coterminousWithSubscriptionId, partnerId: command.partnerId, customerId: command.customerId });
    if (!base || base.status !== SubscriptionStatus.ACTIVE || base.termEnd.getTime() <= termStart.getTime()) {
      return answerFailed(tx, command, `The subscription ${command.coterminousWithSubscriptionId} to end with is no longer active past the new term's start (EA-5)`);
    }
    alignedTermEnd = base.termEnd;
  }
  const order = tx.em.create(Order, { id: newId('ord'), partnerId: command.partnerId, customerId: command.customerId, createdBy: command.userId, createdAt: now });
  const subscription = await provisionSubscription(tx, {
    partnerId: command.partnerId,
    customerId: command.customerId,
    offerId: command.offerId,
    quantity: command.quantity,
    termDuration: command.termDuration,
    billingFrequency: command.billingFrequency,
    unitPrice: command.unitPrice,
    // BIL-5: the promotion the transfers subgraph's quote granted to this EA renewal.
    listUnitPrice: command.listUnitPrice ?? null,
    promotionId: command.promotionId ?? null,
    currency: command.currency,
    termStart,
    alignedTermEnd,
    orderId: order.id,
    batchKind: 'RENEWAL',
    now,
  });
  tx.em.create(OrderLine, {
    id: newId('ol'),
    orderId: order.id,
    position: 0,
    offerId: command.offerId,
    quantity: command.quantity,
    termDuration: command.termDuration,
    billingFrequency: command.billingFrequency,
    status: OrderLineStatus.PROVISIONED,
    subscriptionId: subscription.id,
  });
  const record = tx.em.create(EaRenewalRecord, {
    scheduleId: command.scheduleId,
    orderId: order.id,
    subscriptionId: subscription.id,
    partnerId: command.partnerId,
    customerId: command.customerId,
    agreementNumber: command.agreementNumber,
    completedAt: now,
  });
  await tx.em.flush();
  recordEvent(tx, {
    type: 'EA_MIGRATION',
    operation: 'migration',
    tenantId: command.partnerId,
    resourceType: 'Subscription',
    resourceId: subscription.id,
    data: {
      v: 1,
      customerId: command.customerId,
      agreementNumber: command.agreementNumber,
      eaSubscriptionId: command.eaSubscriptionId,
      scheduleId: command.scheduleId,
      provisioningId: command.provisioningId,
      offerId: command.offerId,
      orderId: order.id,
      quantity: command.quantity,
      termStart: subscription.termStart.toISOString(),
      termEnd: subscription.termEnd.toISOString(),
    },
  });
  answerCompleted(tx, command, record);
}

function answerCompleted(tx: SubscriptionsContext, command: EaRenewalCommand, record: EaRenewalRecord): void {
  recordEvent(tx, {
    type: 'EA_RENEWAL_COMPLETED',
    tenantId: command.partnerId,
    resourceType: 'EaRenewalSchedule',
    resourceId: command.scheduleId,
    data: { v: 1, scheduleId: command.scheduleId, subscriptionId: record.subscriptionId, orderId: record.orderId, completedAt: record.completedAt.toISOString() },
  });
}

function answerFailed(tx: SubscriptionsContext, command: EaRenewalCommand, reason: string): void {
  recordEvent(tx, {
    type: 'EA_RENEWAL_FAILED',
    tenantId: command.partnerId,
    resourceType: 'EaRenewalSchedule',
    resourceId: command.scheduleId,
    data: { v: 1, scheduleId: command.scheduleId, reason },
  });
}
