import Decimal from 'decimal.js';
import { recordEvent, requireIdentity, type RequestContext } from '../../../shared/context';
import { conflict, ensure } from '../../../shared/errors';
import { Money } from '../../../shared/graphql/types';
import { newId } from '../../../shared/ids';
import { formatMoney, netCharged } from '../../../shared/money';
import type { Order } from '../entities/order.entity';
import { OrderLineStatus, type OrderLine } from '../entities/order-line.entity';
import { SoftwareDownloadLink, SoftwareKey } from '../entities/software-key.entity';
import { SoftwareLedgerEntry } from '../entities/software-ledger.entity';
import { recordPerpetual } from '../billing/invoices/perpetual-billing';
import type { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import type { CancelSoftwarePurchaseInput } from '../types/software.types';
import { cancelSubscription } from '../lifecycle/subscription-cancellation';
import { ownOrderLine, softwareOfferFacts, type SoftwareOfferFacts } from './software-facts';
import { perpetualCancellationDeadline } from './software-policy';

export interface SoftwareCancellation {
  order: Order;
  refund: Money;
  cancellationDeadline: Date;
  subscription?: Subscription;
}

/**
 * SW-4 and SW-5: an ADMIN_AGENT cancels a software purchase, one line of an order. A software
 * subscription goes through the state machine's cancellation (7 days of any term, prorated
 * refund; Red Hat and SUSE plans never); perpetual software within 30 calendar days of the
 * purchase, with a 100% credit. Either way its keys and download links are revoked.
 */
export class SoftwareCancellationService {
  /** Before the unit: the catalog facts of the line's offer (null when the caller has no such line). */
  async facts(ctx: RequestContext<unknown>, input: CancelSoftwarePurchaseInput): Promise<SoftwareOfferFacts | null> {
    const { line } = await ownOrderLine(ctx.em.fork(), requireIdentity(ctx), input.lineId, input.orderId);
    return softwareOfferFacts(ctx, line.offerId);
  }

  async cancel(tx: SubscriptionsContext, input: CancelSoftwarePurchaseInput, offer: SoftwareOfferFacts | null): Promise<SoftwareCancellation> {
    const identity = requireIdentity(tx);
    const { line, order } = await ownOrderLine(tx.em, identity, input.lineId, input.orderId, true);
    if (!offer || offer.offerId !== line.offerId) throw conflict('The order line changed while its catalog facts were read; retry');
    ensure(offer.isSoftware, 'INVALID_STATE', `${offer.provisioningId} is not software: cancel its subscription with cancelSubscription`, 'SW-4');
    const result = line.subscriptionId ? await this.cancelSubscription(tx, line, order, offer) : await this.cancelPerpetual(tx, line, order);
    await revoke(tx, line.subscriptionId ?? line.id, await tx.clock.now());
    return result;
  }

  /** SW-4: within 7 days (168 hours) of the current term, prorated refund; never for Red Hat and SUSE plans. */
  private async cancelSubscription(tx: SubscriptionsContext, line: OrderLine, order: Order, offer: SoftwareOfferFacts): Promise<SoftwareCancellation> {
    const cancelled = await cancelSubscription(tx, line.subscriptionId!, offer, { software: true });
    return { order, refund: cancelled.refund, cancellationDeadline: cancelled.cancellationDeadline, subscription: cancelled.subscription };
  }

  /** SW-5: within 30 calendar days of the purchase; the whole charge is credited back. */
  private async cancelPerpetual(tx: SubscriptionsContext, line: OrderLine, order: Order): Promise<SoftwareCancellation> {
    ensure(line.status !== OrderLineStatus.CANCELLED, 'INVALID_STATE', 'This purchase has already been cancelled', 'SW-5');
    const now = await tx.clock.now();
    const deadline = perpetualCancellationDeadline(order.createdAt);
    ensure(
      now.getTime() < deadline.getTime(),
      'CANCELLATION_WINDOW_CLOSED',
      `Perpetual software can be cancelled within 30 calendar days of its purchase, until ${deadline.toISOString()}`,
      'SW-5',
    );
    const entries = await tx.em.find(SoftwareLedgerEntry, { orderLineId: line.id });
    const charged = netCharged(entries);
    const currency = entries[0]?.currency ?? 'USD';
    const credit = formatMoney(Decimal.max(charged, 0), currency);
    tx.em.create(SoftwareLedgerEntry, { id: newId('sle'), orderLineId: line.id, kind: 'CREDIT', amountValue: credit, currency, quantity: line.quantity, description: 'Cancellation credit (100%)', at: now });
    await recordPerpetual(tx, { partnerId: order.partnerId, customerId: order.customerId, orderId: order.id, orderDate: order.createdAt, orderLineId: line.id, offerId: line.offerId, quantity: line.quantity, resellerPartnerId: line.resellerPartnerId, kind: 'CREDIT', amount: credit, currency, at: now }, now);
    // The line stays in the order history, without keys.
    line.status = OrderLineStatus.CANCELLED;
    await tx.em.flush();
    recordEvent(tx, { resourceType: 'OrderLine', resourceId: line.id, data: { orderId: order.id, credit, currency } });
    return { order, refund: Object.assign(new Money(), { amount: credit, currency }), cancellationDeadline: deadline };
  }
}

/** SW-5 (and SW-4): the keys and download links of a cancelled purchase stop working. */
async function revoke(tx: SubscriptionsContext, targetId: string, now: Date): Promise<void> {
  const keys = await tx.em.find(SoftwareKey, { targetId, revokedAt: null });
  const links = await tx.em.find(SoftwareDownloadLink, { targetId, revokedAt: null });
  for (const row of [...keys, ...links]) row.revokedAt = now;
  await tx.em.flush();
}

export const softwareCancellation = new SoftwareCancellationService();
