import { createHash } from 'node:crypto';
import { requireIdentity } from '../../../shared/context';
import { conflict, ensure } from '../../../shared/errors';
import { Cart } from '../entities/cart.entity';
import { IdempotencyKey } from '../entities/idempotency-key.entity';
import { Order } from '../entities/order.entity';
import type { SubscriptionsContext } from '../context';
import type { CheckoutRequest } from './checkout-request';

/** ORD-7: the request fingerprint — the cart and its lines. */
export function fingerprintOf(cart: Cart): string {
  return createHash('sha256').update(JSON.stringify({ cartId: cart.id, lines: cart.lines })).digest('hex');
}

/**
 * ORD-7: the order an earlier request with the same key and the same cart placed, read before
 * any unit opens. A replay changes nothing, so it is answered as a read and leaves no audit
 * row. Null when there is none yet (or the key belongs to another cart: the unit refuses it).
 */
export async function replayedOrder(ctx: SubscriptionsContext, request: CheckoutRequest): Promise<Order | null> {
  const { idempotencyKey: key, cartId } = request;
  if (!key) return null;
  const partnerId = requireIdentity(ctx).tenantId;
  const em = ctx.em.fork();
  const claimed = await em.findOne(IdempotencyKey, { partnerId, key });
  if (!claimed?.orderId) return null;
  const cart = await em.findOne(Cart, { id: cartId });
  if (!cart || fingerprintOf(cart) !== claimed.fingerprint) return null;
  return em.findOne(Order, { id: claimed.orderId });
}

/**
 * ORD-7, inside the checkout unit: claims `key` for this request. A concurrent request with
 * the same key waits on the unique (partner_id, key) row until the first commits; it then
 * answers CONFLICT, and its retry gets the first order back as a replay (a unit never replays:
 * it would record a second checkout). A key first used for another cart is refused.
 */
export async function claimKey(tx: SubscriptionsContext, key: string, cart: Cart): Promise<void> {
  const partnerId = requireIdentity(tx).tenantId;
  const fingerprint = fingerprintOf(cart);
  const now = await tx.clock.now();
  // The unique (partner_id, key) row is the claim: a concurrent claimant waits on it (a lock, so SQL).
  const inserted = await tx.em.execute<{ key: string }[]>(
    `insert into subscriptions.idempotency_key (partner_id, key, fingerprint, operation, created_at)
     values (?, ?, ?, 'checkoutCart', ?) on conflict (partner_id, key) do nothing returning key`,
    [partnerId, key, fingerprint, now.toISOString()],
  );
  if (inserted.length) return;
  const row = await tx.em.findOne(IdempotencyKey, { partnerId, key }, { refresh: true });
  if (row) ensure(row.fingerprint === fingerprint, 'IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different cart', 'ORD-7', ['idempotencyKey']);
  throw conflict('This idempotency key was used by a concurrent request; retry to get its order');
}

/** ORD-7: the key now names the order it placed. */
export async function bindKey(tx: SubscriptionsContext, key: string, orderId: string): Promise<void> {
  await tx.em.nativeUpdate(IdempotencyKey, { partnerId: requireIdentity(tx).tenantId, key }, { orderId });
}
