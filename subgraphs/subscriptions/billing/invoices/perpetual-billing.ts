import { ChargeType } from '../../../../shared/graphql/enums';
import type { SubscriptionsContext } from '../../context';
import { bookPerpetualInvoiceLine, type PerpetualBooking } from './invoice-booking';
import { previewSinkOf } from '../previews/preview-sink';

/**
 * BIL-3/BIL-6: a perpetual software charge or credit (SW-5), booked beside its software ledger
 * line: onto the partner's open invoice, and into the preview being computed, if any.
 */
export async function recordPerpetual(tx: SubscriptionsContext, booking: PerpetualBooking, now: Date): Promise<void> {
  previewSinkOf(tx)?.records.push({
    subscriptionId: booking.orderLineId,
    kind: booking.kind,
    chargeType: booking.kind === 'CHARGE' ? ChargeType.PERPETUAL_PURCHASE : ChargeType.PERPETUAL_REFUND,
    amount: booking.amount,
    currency: booking.currency,
    chargeStart: booking.at,
    chargeEnd: null,
  });
  await bookPerpetualInvoiceLine(tx.em, booking, now);
}
