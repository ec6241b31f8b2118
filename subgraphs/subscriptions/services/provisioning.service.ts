import { newId } from '../../../shared/ids';
import type { BillingFrequency } from '../../../shared/graphql/enums';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { LedgerEntry } from '../entities/ledger-entry.entity';
import { LicenseBatch, type BatchKind } from '../entities/license-batch.entity';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../loaders';
import { recordSubscriptionEvent } from './subscription-events';
import { HOURS_168_MS, proratedCharge, termEndFor } from './term';

export interface ProvisionRequest {
  partnerId: string;
  customerId: string;
  offerId: string;
  quantity: number;
  termDuration: string;
  billingFrequency: BillingFrequency;
  /** Monthly unit price and currency of the customer's market (catalog price). */
  unitPrice: string;
  currency: string;
  resellerPartnerId?: string;
  resellerTenantId?: string;
  baseSubscriptionId?: string;
  /** SUB-9: an add-on's term aligns with its base: pass the base term's end. */
  alignedTermEnd?: Date;
  termStart?: Date;
  isTrial?: boolean;
  /** ORD-6: a marketplace free trial term is not charged; the paid term after it is. */
  freeOfCharge?: boolean;
  autoRenew?: boolean;
  orderId?: string;
  friendlyName?: string;
  batchKind?: BatchKind;
}

/**
 * Creates a subscription with its first license batch (SUB-2: 168-hour window from now) and
 * its first ledger charge (SUB-3), inside the caller's unit of work. Every path that brings a
 * subscription into being (checkout, upgrade, trial conversion, EA renewal, transfer) uses it,
 * so every new subscription reaches the owning partner's webhooks (AUD-2). Its audit rows are
 * named `createSubscription`: the operation that caused them (say `checkoutCart`) keeps its
 * own single row.
 */
export async function provisionSubscription(tx: SubscriptionsContext, request: ProvisionRequest): Promise<Subscription> {
  const now = await tx.clock.now();
  const termStart = request.termStart ?? now;
  const termEnd = request.alignedTermEnd ?? termEndFor(termStart, request.termDuration);
  const subscription = tx.em.create(Subscription, {
    id: newId('sub'),
    partnerId: request.partnerId,
    customerId: request.customerId,
    offerId: request.offerId,
    quantity: request.quantity,
    status: SubscriptionStatus.ACTIVE,
    autoRenew: request.autoRenew ?? true,
    isTrial: request.isTrial ?? false,
    termStart,
    termEnd,
    termDuration: request.termDuration,
    billingFrequency: request.billingFrequency,
    friendlyName: request.friendlyName,
    resellerPartnerId: request.resellerPartnerId,
    resellerTenantId: request.resellerTenantId,
    baseSubscriptionId: request.baseSubscriptionId,
    currency: request.currency,
    unitPrice: request.unitPrice,
    orderId: request.orderId,
    createdAt: now,
  });
  addBatch(tx, subscription, request.quantity, request.batchKind ?? 'PURCHASE', now);
  const amount = request.freeOfCharge ? undefined : chargeFor(subscription, request.quantity, now);
  if (amount) addLedger(tx, subscription, 'CHARGE', amount, request.quantity, 'Initial term charge', now);
  const origin = { orderId: request.orderId ?? null, resellerPartnerId: request.resellerPartnerId ?? null, isTrial: subscription.isTrial };
  recordSubscriptionEvent(tx, 'SUBSCRIPTION_CREATED', subscription, origin, 'createSubscription');
  return subscription;
}

/** What the helpers below need: the transaction's EntityManager (requests and jobs alike). */
export type TxLike = Pick<SubscriptionsContext, 'em'>;

export function addBatch(tx: TxLike, subscription: Subscription, quantity: number, kind: BatchKind, now: Date): LicenseBatch {
  return tx.em.create(LicenseBatch, {
    id: newId('lb'),
    subscriptionId: subscription.id,
    kind,
    quantity,
    addedAt: now,
    reducibleUntil: new Date(now.getTime() + HOURS_168_MS),
  });
}

export function addLedger(
  tx: TxLike,
  subscription: Subscription,
  kind: 'CHARGE' | 'REFUND' | 'CREDIT',
  amount: string,
  quantity: number | undefined,
  description: string,
  at: Date,
): LedgerEntry {
  return tx.em.create(LedgerEntry, {
    id: newId('led'),
    subscriptionId: subscription.id,
    kind,
    amountValue: amount,
    currency: subscription.currency ?? 'USD',
    quantity,
    description,
    at,
  });
}

/**
 * The charge for `quantity` licenses from `from` to the term end: a full term at the start,
 * daily-prorated (SUB-3) for licenses added mid-term and for add-ons aligned to their base (SUB-9).
 */
export function chargeFor(subscription: Subscription, quantity: number, from: Date): string | undefined {
  if (!subscription.unitPrice) return undefined;
  return proratedCharge(subscription.unitPrice, quantity, subscription.termDuration, subscription.termStart, subscription.termEnd, from).toFixed(4);
}
