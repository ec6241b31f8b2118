import Decimal from 'decimal.js';
import { recordEvent } from '../../../shared/context';
import { badInput } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { formatMoney } from '../../../shared/money';
import * as v from '../../../shared/validation';
import type { CartLineData } from '../entities/cart.entity';
import type { Order } from '../entities/order.entity';
import { OrderLine, OrderLineStatus } from '../entities/order-line.entity';
import { SoftwareLedgerEntry } from '../entities/software-ledger.entity';
import { recordPerpetual } from '../billing/invoices/perpetual-billing';
import type { SubscriptionsContext } from '../context';
import type { CartLineInput } from '../types/cart.types';
import type { CatalogOffer } from '../checkout/facts.service';

/**
 * SW-1: perpetual software is bought through a cart like everything else, as a line without
 * term or billing frequency; checkout turns it into an order line with its charge (no
 * subscription), which SW-5 may later cancel.
 */

/** The cart line of a perpetual offer: no term, no billing frequency, no coterminous end. */
export function perpetualCartLine(input: CartLineInput, offer: CatalogOffer, index: number): CartLineData {
  const field = (name: string) => ['lines', String(index), name];
  if (input.termDuration || input.billingFrequency) {
    throw badInput(`${offer.provisioningId} is perpetual software: its line has no term and no billing frequency`, field(input.termDuration ? 'termDuration' : 'billingFrequency'));
  }
  if (input.coterminousWithSubscriptionId) throw badInput(`${offer.provisioningId} is perpetual software: it has no term to align`, field('coterminousWithSubscriptionId'));
  const line: CartLineData = { offerId: offer.id, quantity: input.quantity };
  if (input.resellerPartnerId !== undefined && input.resellerPartnerId !== null) {
    line.resellerPartnerId = v.partnerIdFormat(input.resellerPartnerId, field('resellerPartnerId').join('.'));
  }
  return line;
}

/** In the checkout's unit: the order line of a perpetual purchase and its one-time charge (price × quantity). */
export async function placePerpetualLine(tx: SubscriptionsContext, order: Order, line: CartLineData, position: number, offer: CatalogOffer): Promise<OrderLine> {
  const now = await tx.clock.now();
  const orderLine = tx.em.create(OrderLine, {
    id: newId('ol'),
    orderId: order.id,
    position,
    offerId: offer.id,
    quantity: line.quantity,
    resellerPartnerId: line.resellerPartnerId,
    status: OrderLineStatus.PROVISIONED,
  });
  const price = offer.price!;
  const amount = formatMoney(new Decimal(price.amount).mul(line.quantity), price.currency);
  tx.em.create(SoftwareLedgerEntry, { id: newId('sle'), orderLineId: orderLine.id, kind: 'CHARGE', amountValue: amount, currency: price.currency, quantity: line.quantity, description: 'Perpetual license purchase', at: now });
  await recordPerpetual(tx, { partnerId: order.partnerId, customerId: order.customerId, orderId: order.id, orderDate: order.createdAt, orderLineId: orderLine.id, offerId: offer.id, quantity: line.quantity, resellerPartnerId: line.resellerPartnerId, kind: 'CHARGE', amount, currency: price.currency, at: now }, now);
  recordEvent(tx, { operation: 'purchasePerpetualSoftware', resourceType: 'OrderLine', resourceId: orderLine.id, data: { orderId: order.id, offerId: offer.id, quantity: line.quantity, amount, currency: price.currency } });
  return orderLine;
}
