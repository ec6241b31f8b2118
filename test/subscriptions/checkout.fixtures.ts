import type { TestPartner } from '../support/fixtures';
import type { GraphQLResponse, TestStack } from '../support/stack';
import { subscribeAt } from './support';

export interface LineInput {
  offerId: string;
  quantity: number;
  termDuration?: string;
  billingFrequency?: string;
  resellerPartnerId?: string;
  coterminousWithSubscriptionId?: string;
}

export const CART_FIELDS = 'id status customer { id } lines { offer { id } quantity termDuration billingFrequency resellerPartnerId } order { id }';
export const ORDER_FIELDS = 'id createdAt createdBy customer { id } lines { id offer { id } quantity status setupUrl subscription { id quantity status isTrial termStart termEnd } }';

export function createCart(t: TestStack, token: string, customerId: string, lines: LineInput[]): Promise<GraphQLResponse> {
  return t.gql(token, `mutation($input: CreateCartInput!) { createCart(input: $input) { cart { ${CART_FIELDS} } errors { code message rule } } }`, {
    input: { customerId, lines },
  });
}

export function updateCart(t: TestStack, token: string, cartId: string, lines: LineInput[]): Promise<GraphQLResponse> {
  return t.gql(token, `mutation($input: UpdateCartInput!) { updateCart(input: $input) { cart { ${CART_FIELDS} } errors { code message rule } } }`, {
    input: { cartId, lines },
  });
}

export function deleteCart(t: TestStack, token: string, cartId: string): Promise<GraphQLResponse> {
  return t.gql(token, `mutation($input: DeleteCartInput!) { deleteCart(input: $input) { deleted errors { code message rule } } }`, { input: { cartId } });
}

export interface CheckoutOptions {
  attestationAccepted?: boolean;
  additionalResellers?: string[];
  idempotencyKey?: string;
}

export function checkout(t: TestStack, token: string, cartId: string, options: CheckoutOptions = {}): Promise<GraphQLResponse> {
  return t.gql(token, `mutation($input: CheckoutCartInput!) { checkoutCart(input: $input) { order { ${ORDER_FIELDS} } errors { code message rule field } } }`, {
    input: { cartId, attestationAccepted: options.attestationAccepted ?? true, additionalResellers: options.additionalResellers, idempotencyKey: options.idempotencyKey },
  });
}

/** Creates a cart and checks it out; returns the checkout payload. */
export async function buy(t: TestStack, partner: TestPartner, customerId: string, lines: LineInput[], options: CheckoutOptions = {}) {
  const token = await partner.token(['ADMIN_AGENT']);
  const created = await createCart(t, token, customerId, lines);
  const cart = created.data?.createCart?.cart;
  if (!cart) throw new Error(`createCart failed: ${JSON.stringify(created)}`);
  const response = await checkout(t, token, cart.id, options);
  if (!response.data) throw new Error(`checkoutCart failed: ${JSON.stringify(response)}`);
  return { cartId: cart.id as string, payload: response.data.checkoutCart as { order: any; errors: { code: string; rule: string; message: string }[] } };
}

/** Rows of everything a checkout writes, for all-or-nothing assertions (ORD-1). */
export async function writtenRows(t: TestStack): Promise<Record<string, number>> {
  const { rows } = await t.db.query(`select
      (select count(*) from subscriptions.subscription)::int as subscriptions,
      (select count(*) from subscriptions.license_batch)::int as batches,
      (select count(*) from subscriptions.ledger_entry)::int as ledger,
      (select count(*) from subscriptions.customer_order)::int as orders,
      (select count(*) from subscriptions.order_line)::int as order_lines,
      (select count(*) from subscriptions.idempotency_key)::int as idempotency_keys,
      (select count(*) from platform.audit_record where operation = 'checkoutCart')::int as checkout_audits`);
  return rows[0];
}

/**
 * A live subscription of a partner with a relationship with the customer, bought through checkout now.
 * `status` PENDING: provisioning completes within checkout, so no mutation leaves a subscription PENDING;
 * that one state is then set by SQL, on purpose (a subscription still being provisioned).
 */
export async function existingSubscription(t: TestStack, partnerId: string, customerId: string, offerId: string, quantity: number, status: 'ACTIVE' | 'PENDING' = 'ACTIVE'): Promise<string> {
  const id = await subscribeAt(t, { partnerId, customerId, offerId, quantity });
  if (status === 'PENDING') await t.db.query(`update subscriptions.subscription set status = 'PENDING' where id = $1`, [id]);
  return id;
}
