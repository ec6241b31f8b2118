import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { recordEvent, requireIdentity } from '../../../shared/context';
import type { EventContent } from '../../../shared/events/event-log';
import { badInput, BusinessRuleError, ensure, notFound } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import * as v from '../../../shared/validation';
import { TransferItem, TransferRequest } from '../entities/transfer-request.entity';
import type { TransfersContext } from '../context';
import { TransferStatus, type AcceptTransferRequestInput, type CreateTransferRequestInput } from '../types/transfer.types';
import { readAccess, type CustomerAccess, type PartnerFacts } from './access';
import { callerSubscriptions, type SubscriptionFacts } from './subscription-facts';
import { customersPeer } from '../peers/customers';

/** XFR-1: an unanswered request expires after 30 days. */
export const TRANSFER_EXPIRY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_SUBSCRIPTIONS = 100;

export interface CreateTransferFacts {
  target: PartnerFacts | null;
  access: CustomerAccess;
  /** The partner the PartnerID names, if onboarded. */
  source: PartnerFacts | null;
}

/** Before the unit: the caller and the customer (REL-1, REL-3), and the source partner by its PartnerID. */
export async function readCreateFacts(ctx: TransfersContext, input: CreateTransferRequestInput): Promise<CreateTransferFacts> {
  const customerId = v.requiredText(input.customerId, 'customerId', 100);
  const sourcePartnerId = v.partnerIdFormat(input.sourcePartnerId, 'sourcePartnerId');
  const [{ partner, customers }, source] = await Promise.all([
    readAccess(ctx, [customerId]),
    customersPeer.partnerByPartnerId(ctx.graph, sourcePartnerId),
  ]);
  return { target: partner, access: customers[0], source };
}

/**
 * XFR-1: the target partner (the caller, with a relationship to the customer in its region)
 * asks the source partner, named by PartnerID, to hand over the customer's subscriptions. The
 * source is notified (TRANSFER_REQUESTED, its audit row); the target keeps its own audit row.
 */
export async function createTransfer(tx: TransfersContext, input: CreateTransferRequestInput, facts: CreateTransferFacts): Promise<{ transfer: TransferRequest }> {
  const identity = requireIdentity(tx);
  const customerId = v.requiredText(input.customerId, 'customerId', 100);
  const customerEmail = v.email(input.customerEmail, 'customerEmail');
  const sourcePartnerId = v.partnerIdFormat(input.sourcePartnerId, 'sourcePartnerId');
  // REL-1 (ACT-2): a customer without a relationship is not the caller's to see.
  if (!facts.target || !facts.access.relationship) throw notFound('Customer', customerId);
  ensure(facts.access.sameRegion, 'REGION_MISMATCH', "The customer's country is outside your CSP region", 'REL-3');
  const source = facts.source;
  ensure(source, 'TRANSFER_INVALID', `No partner with PartnerID ${sourcePartnerId} is onboarded`, 'XFR-1', ['sourcePartnerId']);
  ensure(source.id !== identity.tenantId, 'TRANSFER_INVALID', 'A partner cannot transfer subscriptions to itself', 'XFR-1', ['sourcePartnerId']);
  // ACT-1: an indirect reseller holds no subscriptions of its own, its provider does.
  ensure(source.type !== 'INDIRECT_RESELLER', 'TRANSFER_INVALID', 'An indirect reseller holds no subscriptions: name its indirect provider', 'XFR-1', ['sourcePartnerId']);
  const now = await tx.clock.now();
  const transfer = tx.em.create(TransferRequest, {
    id: newId('xfr'),
    customerId,
    sourceTenantId: source.id,
    sourcePartnerId: source.partnerId,
    targetTenantId: identity.tenantId,
    targetPartnerId: facts.target.partnerId,
    customerEmail,
    status: TransferStatus.PENDING,
    createdBy: identity.userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + TRANSFER_EXPIRY_DAYS * DAY_MS),
  });
  try {
    await tx.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new BusinessRuleError('TRANSFER_INVALID', 'An open transfer request for this customer and partner already exists', 'XFR-1');
    throw error;
  }
  recordForBoth(tx, transfer, { type: 'TRANSFER_REQUESTED', data: { v: 1, customerId, customerEmail, sourcePartnerId: transfer.sourcePartnerId, targetPartnerId: transfer.targetPartnerId, expiresAt: transfer.expiresAt.toISOString() } });
  return { transfer };
}

export interface AcceptFacts {
  /** The chosen subscriptions as the caller (the source) sees them, in input order. */
  subscriptions: (SubscriptionFacts | null)[];
}

export async function readAcceptFacts(ctx: TransfersContext, input: AcceptTransferRequestInput): Promise<AcceptFacts> {
  return { subscriptions: await callerSubscriptions(ctx.graph, chosenIds(input)) };
}

/**
 * XFR-1/XFR-2: the source accepts with the subscriptions it includes. Every one must be an
 * ACTIVE subscription of the source for the request's customer, else TRANSFER_INVALID and
 * nothing changes. The request becomes ACCEPTED (it cannot be answered twice) and the command
 * TRANSFER_ACCEPTED asks the subscriptions subgraph to move them all in one transaction.
 */
export async function acceptTransfer(tx: TransfersContext, input: AcceptTransferRequestInput, facts: AcceptFacts): Promise<{ transfer: TransferRequest }> {
  const ids = chosenIds(input);
  const transfer = await answerable(tx, input.transferId, 'source');
  const invalid = ids.flatMap((id, index) => {
    const subscription = facts.subscriptions[index];
    return subscription && subscription.id === id && subscription.status === 'ACTIVE' && subscription.customerId === transfer.customerId ? [] : [id];
  });
  ensure(!invalid.length, 'TRANSFER_INVALID', `Not ACTIVE subscriptions of yours for this customer: ${invalid.join(', ')}`, 'XFR-2', ['subscriptionIds']);
  // XFR-3: an add-on moves with its base (a chosen base takes its add-ons along), never without it.
  const orphaned = facts.subscriptions.filter((s) => s?.baseSubscriptionId && !ids.includes(s.baseSubscriptionId));
  ensure(
    !orphaned.length,
    'TRANSFER_INVALID',
    `Add-ons move only with their base subscription: include ${orphaned.map((s) => `${s!.baseSubscriptionId} (base of ${s!.id})`).join(', ')}`,
    'XFR-3',
    ['subscriptionIds'],
  );
  const now = await tx.clock.now();
  transfer.status = TransferStatus.ACCEPTED;
  transfer.answeredAt = now;
  transfer.failureReason = null;
  await tx.em.nativeDelete(TransferItem, { transferId: transfer.id });
  ids.forEach((id, position) => tx.em.create(TransferItem, { transferId: transfer.id, sourceSubscriptionId: id, position }));
  recordForBoth(tx, transfer, {
    type: 'TRANSFER_ACCEPTED',
    data: {
      v: 1,
      transferId: transfer.id,
      customerId: transfer.customerId,
      sourceTenantId: transfer.sourceTenantId,
      sourcePartnerId: transfer.sourcePartnerId,
      targetTenantId: transfer.targetTenantId,
      targetPartnerId: transfer.targetPartnerId,
      subscriptionIds: ids,
    },
  });
  return { transfer };
}

/** XFR-1: the source declines; nothing moves. */
export async function rejectTransfer(tx: TransfersContext, transferId: string): Promise<{ transfer: TransferRequest }> {
  const transfer = await answerable(tx, transferId, 'source');
  transfer.status = TransferStatus.REJECTED;
  transfer.answeredAt = await tx.clock.now();
  recordForBoth(tx, transfer, { data: { status: transfer.status } });
  return { transfer };
}

/** XFR-1: the target withdraws its request while it is pending. */
export async function cancelTransfer(tx: TransfersContext, transferId: string): Promise<{ transfer: TransferRequest }> {
  const transfer = await answerable(tx, transferId, 'target');
  transfer.status = TransferStatus.CANCELLED;
  transfer.answeredAt = await tx.clock.now();
  recordForBoth(tx, transfer, { data: { status: transfer.status } });
  return { transfer };
}

/** The request locked for the unit: visible to the caller (else NOT_FOUND), on the given side, PENDING and not expired. */
async function answerable(tx: TransfersContext, rawId: string, side: 'source' | 'target'): Promise<TransferRequest> {
  const caller = requireIdentity(tx).tenantId;
  const id = v.requiredText(rawId, 'transferId', 100);
  const transfer = await tx.em.findOne(TransferRequest, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!transfer) throw notFound('TransferRequest', id);
  const mine = side === 'source' ? transfer.sourceTenantId === caller : transfer.targetTenantId === caller;
  ensure(mine, 'TRANSFER_INVALID', side === 'source' ? 'Only the source partner answers a transfer request' : 'Only the partner that made the request can cancel it', 'XFR-1');
  const now = await tx.clock.now();
  const expired = transfer.status === TransferStatus.PENDING && now.getTime() >= transfer.expiresAt.getTime();
  ensure(transfer.status === TransferStatus.PENDING && !expired, 'INVALID_STATE', `The transfer request is ${expired ? TransferStatus.EXPIRED : transfer.status}`, 'XFR-1');
  return transfer;
}

function chosenIds(input: AcceptTransferRequestInput): string[] {
  const ids = (input.subscriptionIds ?? []).map((id, index) => v.requiredText(id, `subscriptionIds.${index}`, 100));
  if (!ids.length) throw badInput('Choose at least one subscription to transfer', ['subscriptionIds']);
  if (ids.length > MAX_SUBSCRIPTIONS) throw badInput(`At most ${MAX_SUBSCRIPTIONS} subscriptions per transfer`, ['subscriptionIds']);
  if (new Set(ids).size !== ids.length) throw badInput('A subscription is listed twice', ['subscriptionIds']);
  return ids;
}

/**
 * ACT-2/AUD-1: a transfer concerns two tenants; each gets its audit row. The typed event (if
 * any) belongs to the source, which is notified of requests and answers for its subscriptions.
 */
export function recordForBoth(tx: TransfersContext, transfer: TransferRequest, event: EventContent): void {
  const base = { resourceType: 'TransferRequest', resourceId: transfer.id };
  recordEvent(tx, { ...base, ...event, tenantId: transfer.sourceTenantId }, { ...base, operation: event.operation, tenantId: transfer.targetTenantId, data: event.data });
}
