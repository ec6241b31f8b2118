import Decimal from 'decimal.js';
import type { EntityManager } from '../../../../shared/db/orm';
import { ChargeType } from '../../../../shared/graphql/enums';
import { newId } from '../../../../shared/ids';
import type { LedgerEntry } from '../../entities/ledger-entry.entity';
import type { Subscription } from '../../entities/subscription.entity';
import type { LedgerBilling } from '../../transitions/model';
import { InvoiceLine } from './invoice-line.entity';
import { InvoiceStatus } from './invoice-status';

/** BIL-3: the calendar month (UTC) of an instant: its first instant and its last. */
export function monthOf(at: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const next = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { start, end: new Date(next.getTime() - 1) };
}

/**
 * The partner's invoice of one month and currency, taken `for share` (closing takes it `for update`, so it waits for this line).
 * Raw SQL is not filtered: it scopes itself to the one partner (`partner_id = ?`).
 */
async function openInvoice(em: EntityManager, partnerId: string, currency: string, month: Date): Promise<{ id: string; status: string } | null> {
  const [row] = await em.execute<{ id: string; status: string }[]>(
    `select id, status from subscriptions.invoice where partner_id = ? and currency = ? and period_start = ? for share`,
    [partnerId, currency, month.toISOString()],
  );
  return row ?? null;
}

/**
 * The invoices a transaction has taken `for share` or opened, by partner, currency, month of the
 * line and month of booking: a unit that books many lines (a group of renewals) reads each
 * invoice once. Kept per transaction's entity manager: its share lock (or its own insert) holds
 * until that transaction ends, so closing cannot change the invoice meanwhile.
 */
const taken = new WeakMap<EntityManager, Map<string, string>>();

/**
 * BIL-3: the open invoice a line dated `at` and booked at `now` goes on: the invoice of its month,
 * or — when that month is over and its invoice closed or never opened — the current month's (a
 * late line is a correction on the next invoice). Created on first use, numbered after the
 * partner's last invoice under a per-partner lock, so numbers are unique and increase.
 */
export async function invoiceFor(em: EntityManager, partnerId: string, currency: string, at: Date, now: Date): Promise<string> {
  // Outside a transaction the share lock ends with the statement: nothing is kept.
  if (!em.isInTransaction()) return findOrOpenInvoice(em, partnerId, currency, at, now);
  const key = `${partnerId}\u0000${currency}\u0000${monthOf(at).start.getTime()}\u0000${monthOf(now).start.getTime()}`;
  let known = taken.get(em);
  const hit = known?.get(key);
  if (hit) return hit;
  const id = await findOrOpenInvoice(em, partnerId, currency, at, now);
  if (!known) taken.set(em, (known = new Map()));
  known.set(key, id);
  return id;
}

async function findOrOpenInvoice(em: EntityManager, partnerId: string, currency: string, at: Date, now: Date): Promise<string> {
  const current = monthOf(now);
  const own = monthOf(at);
  if (own.start.getTime() < current.start.getTime()) {
    const existing = await openInvoice(em, partnerId, currency, own.start);
    if (existing?.status === InvoiceStatus.OPEN) return existing.id;
  }
  const month = own.start.getTime() > current.start.getTime() ? own : current;
  const existing = await openInvoice(em, partnerId, currency, month.start);
  if (existing) return existing.id;
  await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`invoice:${partnerId}`]);
  const again = await openInvoice(em, partnerId, currency, month.start);
  if (again) return again.id;
  const id = newId('inv');
  await em.execute(
    `insert into subscriptions.invoice (id, partner_id, number, period_start, period_end, status, currency)
     select ?, ?, coalesce(max(number), 0) + 1, ?, ?, 'OPEN', ? from subscriptions.invoice where partner_id = ?`,
    [id, partnerId, month.start.toISOString(), month.end.toISOString(), currency, partnerId],
  );
  return id;
}

/**
 * BIL-3: a ledger line of a subscription goes onto the partner's open invoice in the same
 * transaction, signed (credits negative), with the figures of the moment it was booked.
 */
export async function bookInvoiceLine(em: EntityManager, entry: LedgerEntry, subscription: Subscription, billing: LedgerBilling | undefined, now: Date): Promise<void> {
  const currency = entry.currency.trim();
  const invoiceId = await invoiceFor(em, subscription.partnerId, currency, entry.at, now);
  const amount = entry.kind === 'CHARGE' ? new Decimal(entry.amountValue) : new Decimal(entry.amountValue).neg();
  const chargeType = billing?.chargeType ?? (entry.kind === 'CHARGE' ? ChargeType.NEW : ChargeType.CANCEL);
  em.create(InvoiceLine, {
    id: newId('invl'),
    invoiceId,
    ledgerEntryId: entry.id,
    partnerId: subscription.partnerId,
    customerId: subscription.customerId,
    subscriptionId: subscription.id,
    orderId: subscription.orderId,
    orderDate: subscription.createdAt,
    offerId: billing?.offerId ?? subscription.offerId,
    chargeType,
    quantity: entry.quantity,
    // BIL-5: UnitPrice is the list price, EffectiveUnitPrice what the line is billed at.
    unitPrice: billing?.listUnitPrice ?? billing?.unitPrice,
    effectiveUnitPrice: billing?.unitPrice,
    amountValue: amount.toFixed(4),
    currency,
    chargeStart: billing?.chargeStart,
    chargeEnd: billing?.chargeEnd,
    at: entry.at,
    promotionId: billing ? (billing.promotionId ?? undefined) : subscription.promotionId,
    resellerPartnerId: subscription.resellerPartnerId,
    termDuration: billing?.termDuration ?? subscription.termDuration,
    billingFrequency: billing?.billingFrequency ?? subscription.billingFrequency,
  });
}

/** What a perpetual software charge or credit (SW-5) puts on an invoice line. */
export interface PerpetualBooking {
  partnerId: string;
  customerId: string;
  orderId: string;
  orderDate: Date;
  orderLineId: string;
  offerId: string;
  quantity: number;
  resellerPartnerId?: string | null;
  kind: 'CHARGE' | 'CREDIT';
  /** Positive, in the currency's digits. */
  amount: string;
  currency: string;
  at: Date;
}

/** BIL-3: perpetual software bought (PERPETUAL_PURCHASE) or cancelled (PERPETUAL_REFUND) goes onto the open invoice too. */
export async function bookPerpetualInvoiceLine(em: EntityManager, booking: PerpetualBooking, now: Date): Promise<void> {
  const currency = booking.currency.trim();
  const invoiceId = await invoiceFor(em, booking.partnerId, currency, booking.at, now);
  const amount = booking.kind === 'CHARGE' ? new Decimal(booking.amount) : new Decimal(booking.amount).neg();
  const unitPrice = booking.quantity ? new Decimal(booking.amount).div(booking.quantity).toFixed(4) : undefined;
  em.create(InvoiceLine, {
    id: newId('invl'),
    invoiceId,
    partnerId: booking.partnerId,
    customerId: booking.customerId,
    orderLineId: booking.orderLineId,
    orderId: booking.orderId,
    orderDate: booking.orderDate,
    offerId: booking.offerId,
    chargeType: booking.kind === 'CHARGE' ? ChargeType.PERPETUAL_PURCHASE : ChargeType.PERPETUAL_REFUND,
    quantity: booking.quantity,
    unitPrice,
    effectiveUnitPrice: unitPrice,
    amountValue: amount.toFixed(4),
    currency,
    chargeStart: booking.at,
    at: booking.at,
    resellerPartnerId: booking.resellerPartnerId ?? undefined,
  });
}
