import type { BillingFrequency } from '../../../shared/graphql/enums';
import { newId } from '../../../shared/ids';
import type { BatchKind } from '../entities/license-batch.entity';
import type { Subscription } from '../entities/subscription.entity';
import { transition, type SubscriptionState } from '../transitions/subscription-transitions';
import type { CarriedBatch } from '../transitions/model';
import { termEndFor } from '../transitions/term';
import { applyOutcome, type TransitionTx } from '../transitions/transition-effects';

export interface ProvisionRequest {
  partnerId: string;
  customerId: string;
  offerId: string;
  quantity: number;
  termDuration: string;
  billingFrequency: BillingFrequency;
  /** Monthly unit price and currency of the customer's market (catalog price). */
  unitPrice?: string | null;
  /** BIL-5: the monthly list price when `promotionId` discounts `unitPrice`. */
  listUnitPrice?: string | null;
  currency?: string | null;
  resellerPartnerId?: string;
  resellerTenantId?: string;
  baseSubscriptionId?: string;
  /** SUB-9/ORD-1/EA-5: a coterminous end (an add-on's base, a chosen subscription, the term of a transfer). */
  alignedTermEnd?: Date;
  /** Default: `now`. EA-8: an EA renewal starts where the EA ends, whenever processing runs. */
  termStart?: Date;
  isTrial?: boolean;
  /** ORD-6: a marketplace free trial term is not charged; the paid term after it is. */
  freeOfCharge?: boolean;
  /** XFR-2: the source partner's subscription as it stood; the new one is charged its remaining days. */
  transferredFrom?: SubscriptionState;
  /** XFR-3: the source's license batches, each with its own reduction deadline. */
  transferredBatches?: readonly CarriedBatch[];
  autoRenew?: boolean;
  orderId?: string;
  friendlyName?: string;
  promotionId?: string | null;
  /** How the licenses arrived: PURCHASE (default), RENEWAL (EA-8), TRANSFER (XFR-2), UPGRADE, CONVERSION. */
  batchKind?: BatchKind;
  /** A fixed id (demo data); default a new one. */
  id?: string;
  /**
   * The moment provisioning completes: the first batch's 168-hour window and the cancellation
   * window (SUB-5, EA-8) count from it. Default: the business clock of `tx`.
   */
  now?: Date;
}

/** Where a subscription is provisioned: any transaction's EntityManager; a unit's event log and clock when there is one. */
export interface ProvisioningTx extends TransitionTx {
  clock?: { now(): Promise<Date> };
}

/**
 * The one way a subscription comes into being — checkout, EA renewals, transfers and the demo
 * seed — needing no request context: the state machine's `create` transition with
 * its first license batch (SUB-2), its first charge (SUB-3) and, inside a unit of work, its
 * SUBSCRIPTION_CREATED event (AUD-2; audit operation `createSubscription`, so the operation that
 * caused it, say `checkoutCart`, keeps its own single row).
 */
export async function provisionSubscription(tx: ProvisioningTx, request: ProvisionRequest): Promise<Subscription> {
  const now = request.now ?? (await tx.clock?.now());
  if (!now) throw new Error('provisionSubscription needs `now` outside a unit of work');
  const termStart = request.termStart ?? now;
  const outcome = transition(
    null,
    {
      kind: 'create',
      origin: request.batchKind ?? 'PURCHASE',
      freeOfCharge: request.freeOfCharge,
      transferredFrom: request.transferredFrom,
      transferredBatches: request.transferredBatches,
      subscription: {
        id: request.id ?? newId('sub'),
        partnerId: request.partnerId,
        customerId: request.customerId,
        offerId: request.offerId,
        quantity: request.quantity,
        termStart,
        termEnd: request.alignedTermEnd ?? termEndFor(termStart, request.termDuration),
        termDuration: request.termDuration,
        billingFrequency: request.billingFrequency,
        unitPrice: request.unitPrice,
        listUnitPrice: request.listUnitPrice,
        currency: request.currency,
        isTrial: request.isTrial,
        autoRenew: request.autoRenew,
        friendlyName: request.friendlyName,
        promotionId: request.promotionId,
        resellerPartnerId: request.resellerPartnerId,
        resellerTenantId: request.resellerTenantId,
        baseSubscriptionId: request.baseSubscriptionId,
        orderId: request.orderId,
      },
    },
    now,
  );
  return applyOutcome(tx, null, outcome, now);
}
