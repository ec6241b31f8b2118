import { createCustomer, onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { checkout, createCart, writtenRows } from './checkout.fixtures';

const E3 = 'offer-m365-e3-no-teams';

describe('checkoutCart is idempotent (ORD-7)', () => {
  const t = useStack();

  async function newCart(partner: Awaited<ReturnType<typeof onboardPartner>>, customerId: string, quantity = 3): Promise<string> {
    return dataOf(await createCart(t, await partner.token(), customerId, [{ offerId: E3, quantity }])).createCart.cart.id;
  }

  it('ORD-7: the same key and cart returns the first order and creates nothing twice', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const cartId = await newCart(partner, customer.id);
    const token = await partner.token();
    const first = dataOf(await checkout(t, token, cartId, { idempotencyKey: 'order-42' })).checkoutCart;
    expect(first.errors).toEqual([]);
    const rows = await writtenRows(t);
    const again = dataOf(await checkout(t, token, cartId, { idempotencyKey: 'order-42' })).checkoutCart;
    expect(again.errors).toEqual([]);
    expect(again.order.id).toBe(first.order.id);
    expect(again.order.lines.map((l: any) => l.subscription.id)).toEqual(first.order.lines.map((l: any) => l.subscription.id));
    expect(await writtenRows(t)).toEqual(rows);
  });

  it('ORD-7: the same key with a different cart is rejected with IDEMPOTENCY_KEY_REUSED', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const token = await partner.token();
    const firstCart = await newCart(partner, customer.id);
    expect(dataOf(await checkout(t, token, firstCart, { idempotencyKey: 'key-reuse' })).checkoutCart.errors).toEqual([]);
    const rows = await writtenRows(t);
    const otherCart = await newCart(partner, customer.id, 7);
    const reused = dataOf(await checkout(t, token, otherCart, { idempotencyKey: 'key-reuse' })).checkoutCart;
    expect(reused.order).toBeNull();
    expect(reused.errors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', rule: 'ORD-7' })]);
    expect(await writtenRows(t)).toEqual(rows);
  });

  it('ORD-7: two concurrent checkouts with the same key create one order; the other gets the same order or CONFLICT', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const cartId = await newCart(partner, customer.id);
    const token = await partner.token();
    const before = await writtenRows(t);
    const responses = await Promise.all([checkout(t, token, cartId, { idempotencyKey: 'concurrent-1' }), checkout(t, token, cartId, { idempotencyKey: 'concurrent-1' })]);
    const orders = responses.filter((r) => r.data?.checkoutCart?.order).map((r) => r.data!.checkoutCart.order.id);
    expect(orders.length).toBeGreaterThanOrEqual(1);
    expect(new Set(orders).size).toBe(1);
    for (const response of responses) if (!response.data?.checkoutCart?.order) expect(codeOf(response)).toBe('CONFLICT');
    const after = await writtenRows(t);
    expect(after.orders - before.orders).toBe(1);
    expect(after.subscriptions - before.subscriptions).toBe(1);
    expect(after.checkout_audits - before.checkout_audits).toBe(1);
  });

  it('ORD-1: two concurrent checkouts of one cart without a key create one order; the other is refused', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const cartId = await newCart(partner, customer.id);
    const token = await partner.token();
    const before = await writtenRows(t);
    const responses = await Promise.all([checkout(t, token, cartId), checkout(t, token, cartId)]);
    const succeeded = responses.filter((r) => r.data?.checkoutCart?.order);
    expect(succeeded).toHaveLength(1);
    const refused = responses.find((r) => !r.data?.checkoutCart?.order)!;
    expect(refused.data?.checkoutCart?.errors?.[0]?.code ?? codeOf(refused)).toMatch(/INVALID_STATE|CONFLICT/);
    expect((await writtenRows(t)).orders - before.orders).toBe(1);
  });

  it('ORD-7: keys are scoped by partner', async () => {
    const a = await onboardPartner(t);
    const b = await onboardPartner(t);
    const customerA = await createCustomer(t, a);
    const customerB = await createCustomer(t, b);
    const orderA = dataOf(await checkout(t, await a.token(), await newCart(a, customerA.id), { idempotencyKey: 'shared-key' })).checkoutCart;
    const orderB = dataOf(await checkout(t, await b.token(), await newCart(b, customerB.id), { idempotencyKey: 'shared-key' })).checkoutCart;
    expect(orderA.errors).toEqual([]);
    expect(orderB.errors).toEqual([]);
    expect(orderB.order.id).not.toBe(orderA.order.id);
  });

  it('ORD-7: a refused checkout does not consume its key', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const cartId = await newCart(partner, customer.id);
    const token = await partner.token();
    const refused = dataOf(await checkout(t, token, cartId, { idempotencyKey: 'retry-me', attestationAccepted: false })).checkoutCart;
    expect(refused.errors[0].code).toBe('ATTESTATION_REQUIRED');
    const retried = dataOf(await checkout(t, token, cartId, { idempotencyKey: 'retry-me' })).checkoutCart;
    expect(retried.errors).toEqual([]);
    expect(retried.order.id).toBeTruthy();
  });

  it('ORD-7: the Idempotency-Key HTTP header works like the idempotencyKey input field', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const token = await partner.token();
    const send = async (cartId: string) => {
      const response = await fetch(t.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'Idempotency-Key': 'header-key-1' },
        body: JSON.stringify({
          query: `mutation($input: CheckoutCartInput!) { checkoutCart(input: $input) { order { id } errors { code rule } } }`,
          variables: { input: { cartId, attestationAccepted: true } },
        }),
      });
      return dataOf<any>((await response.json()) as any).checkoutCart;
    };
    const cartId = await newCart(partner, customer.id);
    const first = await send(cartId);
    expect(first.errors).toEqual([]);
    const rows = await writtenRows(t);
    expect((await send(cartId)).order.id).toBe(first.order.id);
    expect(await writtenRows(t)).toEqual(rows);
    const other = await send(await newCart(partner, customer.id, 9));
    expect(other.errors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', rule: 'ORD-7' })]);
  });

  it('ORD-7: a key is kept at least 24 hours of business time', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const cartId = await newCart(partner, customer.id);
    const token = await partner.token();
    const first = dataOf(await checkout(t, token, cartId, { idempotencyKey: 'day-old' })).checkoutCart;
    const { rows } = await t.db.query(`select created_at from subscriptions.idempotency_key where partner_id = $1 and key = 'day-old'`, [partner.id]);
    const later = new Date(new Date(rows[0].created_at).getTime() + 25 * 3600 * 1000).toISOString();
    dataOf(await t.gql(await t.operatorToken(), `mutation($input: SetSandboxClockInput!) { setSandboxClock(input: $input) { now } }`, { input: { now: later } }));
    const replay = dataOf(await checkout(t, token, cartId, { idempotencyKey: 'day-old' })).checkoutCart;
    expect(replay.order.id).toBe(first.order.id);
  });
});
