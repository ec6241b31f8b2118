import { LockMode } from '@mikro-orm/core';
import { requireIdentity, type RequestContext } from '../../../shared/context';
import type { Identity } from '../../../shared/auth/roles';
import type { EntityManager } from '../../../shared/db/orm';
import { badInput, notFound } from '../../../shared/errors';
import { Order } from '../entities/order.entity';
import { OrderLine } from '../entities/order-line.entity';
import { Subscription } from '../entities/subscription.entity';
import type { SoftwareChoices } from './software-policy';
import { catalogPeer } from '../peers/catalog';
import { ownedOnly } from '../../../shared/db/tenant-filter';

/**
 * Software facts owned by the catalog (SW-2 choices, SW-4/SW-5 cancellability), read through
 * the graph before a unit opens, for the target the caller names — never inside the unit.
 */

/** The catalog's facts of a software offer. */
export interface SoftwareOfferFacts {
  offerId: string;
  provisioningId: string;
  publisher: 'MICROSOFT' | 'ISV';
  isSoftware: boolean;
  isPerpetual: boolean;
  cancellable: boolean;
  /** SW-2: null for SKUs that are not software. */
  software: SoftwareChoices | null;
}

/** The catalog's software facts of an offer; null for an offer it does not know. */
export async function softwareOfferFacts(ctx: RequestContext<unknown>, offerId: string): Promise<SoftwareOfferFacts | null> {
  const row = await catalogPeer.softwareOffer(ctx.graph, offerId);
  if (!row) return null;
  const { id, provisioningId, publisher, isSoftware, isPerpetual, cancellable, software } = row;
  return { offerId: id, provisioningId, publisher, isSoftware, isPerpetual, cancellable, software };
}

/** What a key request or a cancellation names: a software subscription or an order line. */
export type SoftwareTarget =
  | { kind: 'subscription'; subscription: Subscription; line?: undefined; order?: undefined }
  | { kind: 'orderLine'; line: OrderLine; order: Order; subscription?: undefined };

export function targetIdOf(target: SoftwareTarget): string {
  return target.kind === 'subscription' ? target.subscription.id : target.line.id;
}

export function offerIdOf(target: SoftwareTarget): string {
  return target.kind === 'subscription' ? target.subscription.offerId : target.line.offerId;
}

/** A line of the partner's own order (of `orderId` when given), else NOT_FOUND (ACT-2); `lock` takes its row lock. */
export async function ownOrderLine(em: EntityManager, identity: Identity, lineId: unknown, orderId?: unknown, lock = false): Promise<{ line: OrderLine; order: Order }> {
  const id = typeof lineId === 'string' && lineId.length <= 100 ? lineId : '';
  // A named order must be the line's own: any other answer is NOT_FOUND.
  const where = orderId === undefined ? { id } : { id, orderId: typeof orderId === 'string' ? orderId : '' };
  const line = id ? await em.findOne(OrderLine, where, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {}) : null;
  const order = line ? await em.findOne(Order, { id: line.orderId }, ownedOnly()) : null;
  if (!line || !order) throw notFound('OrderLine', String(lineId));
  return { line, order };
}

/**
 * SW-2: the software subscription or perpetual order line of the caller that a key request
 * names (exactly one of the two), else NOT_FOUND; an order line that provisioned a
 * subscription stands for that subscription. `lock` serialises key issuance per target.
 */
export async function ownSoftwareTarget(em: EntityManager, identity: Identity, ids: { subscriptionId?: string | null; orderLineId?: string | null }, lock = false): Promise<SoftwareTarget> {
  const { subscriptionId, orderLineId } = ids;
  if (Boolean(subscriptionId) === Boolean(orderLineId)) throw badInput('Name either subscriptionId (software subscription) or orderLineId (perpetual software)', ['input', 'subscriptionId']);
  const options = lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {};
  if (orderLineId) {
    const { line, order } = await ownOrderLine(em, identity, orderLineId, undefined, lock);
    if (!line.subscriptionId) return { kind: 'orderLine', line, order };
    return ownSoftwareTarget(em, identity, { subscriptionId: line.subscriptionId }, lock);
  }
  const id = typeof subscriptionId === 'string' && subscriptionId.length <= 100 ? subscriptionId : '';
  const subscription = id ? await em.findOne(Subscription, { id }, ownedOnly(options)) : null;
  if (!subscription) throw notFound('Subscription', String(subscriptionId));
  return { kind: 'subscription', subscription };
}

/** Before the unit: the named target as it stands (its own fork) and its offer's catalog facts. */
export async function readSoftwareTargetFacts(ctx: RequestContext<unknown>, ids: { subscriptionId?: string | null; orderLineId?: string | null }): Promise<SoftwareOfferFacts | null> {
  const target = await ownSoftwareTarget(ctx.em.fork(), requireIdentity(ctx), ids);
  return softwareOfferFacts(ctx, offerIdOf(target));
}
