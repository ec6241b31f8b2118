import { PARTNER_ROLES, type Role } from '../../shared/auth/roles';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { CART_FIELDS, checkout, createCart, deleteCart, updateCart } from './checkout.fixtures';

const E3 = 'offer-m365-e3-no-teams';

describe('carts through the gateway (ORD-1)', () => {
  const t = useStack();
  let partner: TestPartner;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    customerId = (await createCustomer(t, partner)).id;
  });

  const cartRows = async () => (await t.db.query(`select count(*)::int as n from subscriptions.cart`)).rows[0].n as number;

  it('ORD-1: createCart keeps the lines with the offer defaults and records an audit entry (AUD-1)', async () => {
    const created = dataOf(await createCart(t, await partner.token(), customerId, [{ offerId: E3, quantity: 5 }])).createCart;
    expect(created.errors).toEqual([]);
    expect(created.cart).toMatchObject({
      status: 'OPEN',
      customer: { id: customerId },
      lines: [{ offer: { id: E3 }, quantity: 5, termDuration: 'P1Y', billingFrequency: 'MONTHLY', resellerPartnerId: null }],
      order: null,
    });
    const audit = await t.db.query(`select operation, resource_type, outcome from platform.audit_record where resource_id = $1`, [created.cart.id]);
    expect(audit.rows).toEqual([{ operation: 'createCart', resource_type: 'Cart', outcome: 'SUCCESS' }]);
    const read = dataOf(await t.gql(await partner.token(['HELPDESK_AGENT']), `query($id: ID!) { cart(id: $id) { ${CART_FIELDS} } }`, { id: created.cart.id }));
    expect(read.cart.id).toBe(created.cart.id);
  });

  it.each([
    ['a quantity of zero', { offerId: E3, quantity: 0 }],
    ['a negative quantity', { offerId: E3, quantity: -3 }],
    ['a term the offer does not allow', { offerId: 'offer-m365-copilot', quantity: 1, termDuration: 'P3Y' }],
    ['a billing frequency the offer does not allow', { offerId: 'offer-windows-server-2022-std', quantity: 1, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }],
    ['a malformed reseller PartnerID', { offerId: E3, quantity: 1, resellerPartnerId: 'abc' }],
  ])('ORD-1: createCart refuses %s with BAD_USER_INPUT and stores nothing', async (_name, line) => {
    const before = await cartRows();
    expect(codeOf(await createCart(t, await partner.token(), customerId, [line]))).toBe('BAD_USER_INPUT');
    expect(await cartRows()).toBe(before);
  });

  it('CAT-6: createCart refuses more than 300 small-business licenses as the payload code LICENSE_CAP_EXCEEDED, never a top-level error, and stores nothing', async () => {
    const before = await cartRows();
    for (const lines of [
      [{ offerId: 'offer-m365-business-basic', quantity: 301 }],
      [{ offerId: 'offer-m365-business-basic', quantity: 200 }, { offerId: 'offer-m365-business-basic', quantity: 101 }],
    ]) {
      const response = await createCart(t, await partner.token(), customerId, lines);
      expect(response.errors).toBeUndefined();
      expect(response.data.createCart).toEqual({ cart: null, errors: [expect.objectContaining({ code: 'LICENSE_CAP_EXCEEDED', rule: 'CAT-6' })] });
    }
    expect(await cartRows()).toBe(before);
  });

  it('ORD-1: createCart refuses an empty cart (BAD_USER_INPUT) and an unknown offer (NOT_FOUND)', async () => {
    expect(codeOf(await createCart(t, await partner.token(), customerId, []))).toBe('BAD_USER_INPUT');
    expect(codeOf(await createCart(t, await partner.token(), customerId, [{ offerId: 'offer-does-not-exist', quantity: 1 }]))).toBe('NOT_FOUND');
  });

  it('ORD-1: updateCart replaces the lines; a checked-out cart cannot be updated (INVALID_STATE)', async () => {
    const token = await partner.token();
    const cart = dataOf(await createCart(t, token, customerId, [{ offerId: E3, quantity: 5 }])).createCart.cart;
    const updated = dataOf(
      await updateCart(t, token, cart.id, [
        { offerId: 'offer-power-bi-pro', quantity: 2, termDuration: 'P1M' },
        { offerId: E3, quantity: 7, billingFrequency: 'ANNUAL' },
      ]),
    ).updateCart;
    expect(updated.errors).toEqual([]);
    expect(updated.cart.lines.map((l: any) => [l.offer.id, l.quantity, l.termDuration, l.billingFrequency])).toEqual([
      ['offer-power-bi-pro', 2, 'P1M', 'MONTHLY'],
      [E3, 7, 'P1Y', 'ANNUAL'],
    ]);
    expect(codeOf(await updateCart(t, token, cart.id, [{ offerId: E3, quantity: 0 }]))).toBe('BAD_USER_INPUT');
    const order = dataOf(await checkout(t, token, cart.id)).checkoutCart;
    expect(order.errors).toEqual([]);
    const late = dataOf(await updateCart(t, token, cart.id, [{ offerId: E3, quantity: 1 }])).updateCart;
    expect(late.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE' })]);
    const read = dataOf(await t.gql(token, `query($id: ID!) { cart(id: $id) { status order { id } lines { quantity } } }`, { id: cart.id }));
    expect(read.cart).toEqual({ status: 'CHECKED_OUT', order: { id: order.order.id }, lines: [{ quantity: 2 }, { quantity: 7 }] });
    // A checked-out cart is not checked out twice (ORD-1).
    expect(dataOf(await checkout(t, token, cart.id)).checkoutCart.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE' })]);
  });

  it('ORD-1: deleteCart discards an open cart (audited, AUD-1); a checked-out cart stays with its order (INVALID_STATE)', async () => {
    const token = await partner.token();
    const cart = dataOf(await createCart(t, token, customerId, [{ offerId: E3, quantity: 1 }])).createCart.cart;
    const before = await cartRows();
    expect(dataOf(await deleteCart(t, token, cart.id)).deleteCart).toEqual({ deleted: true, errors: [] });
    expect(await cartRows()).toBe(before - 1);
    expect(codeOf(await t.gql(token, `query($id: ID!) { cart(id: $id) { id } }`, { id: cart.id }))).toBe('NOT_FOUND');
    const audit = await t.db.query(`select operation, resource_type from platform.audit_record where resource_id = $1 and operation = 'deleteCart'`, [cart.id]);
    expect(audit.rows).toEqual([{ operation: 'deleteCart', resource_type: 'Cart' }]);
    expect(codeOf(await deleteCart(t, token, cart.id))).toBe('NOT_FOUND');

    const ordered = dataOf(await createCart(t, token, customerId, [{ offerId: E3, quantity: 1 }])).createCart.cart;
    expect(dataOf(await checkout(t, token, ordered.id)).checkoutCart.errors).toEqual([]);
    const refused = dataOf(await deleteCart(t, token, ordered.id)).deleteCart;
    expect(refused).toEqual({ deleted: null, errors: [expect.objectContaining({ code: 'INVALID_STATE', rule: 'ORD-1' })] });
    expect(dataOf(await t.gql(token, `query($id: ID!) { cart(id: $id) { status } }`, { id: ordered.id })).cart.status).toBe('CHECKED_OUT');
  });

  it("ACT-2/ACT-3: another partner's cart is NOT_FOUND for deleteCart; roles without carts are FORBIDDEN", async () => {
    const cart = dataOf(await createCart(t, await partner.token(), customerId, [{ offerId: E3, quantity: 1 }])).createCart.cart;
    const stranger = await onboardPartner(t);
    expect(codeOf(await deleteCart(t, await stranger.token(), cart.id))).toBe('NOT_FOUND');
    expect(codeOf(await deleteCart(t, await partner.token(['ACCOUNT_ADMIN']), cart.id))).toBe('FORBIDDEN');
    expect(dataOf(await t.gql(await partner.token(), `query($id: ID!) { cart(id: $id) { status } }`, { id: cart.id })).cart.status).toBe('OPEN');
  });

  it("ACT-2: another partner's cart is NOT_FOUND for reading, updating and checking out", async () => {
    const cart = dataOf(await createCart(t, await partner.token(), customerId, [{ offerId: E3, quantity: 1 }])).createCart.cart;
    const stranger = await onboardPartner(t);
    const token = await stranger.token();
    expect(codeOf(await t.gql(token, `query($id: ID!) { cart(id: $id) { id } }`, { id: cart.id }))).toBe('NOT_FOUND');
    expect(codeOf(await updateCart(t, token, cart.id, [{ offerId: E3, quantity: 2 }]))).toBe('NOT_FOUND');
    expect(codeOf(await checkout(t, token, cart.id))).toBe('NOT_FOUND');
    const customerToken = await t.token(customerId, ['CUSTOMER_ADMIN']);
    expect(codeOf(await t.gql(customerToken, `query($id: ID!) { cart(id: $id) { id } }`, { id: cart.id }))).toBe('NOT_FOUND');
    const read = dataOf(await t.gql(await partner.token(), `query($id: ID!) { cart(id: $id) { lines { quantity } } }`, { id: cart.id }));
    expect(read.cart.lines).toEqual([{ quantity: 1 }]);
  });

  describe('SPEC §10 role matrix for carts and checkout (ACT-3)', () => {
    const ALLOWED: Role[] = ['GLOBAL_ADMIN', 'ADMIN_AGENT', 'SALES_AGENT', 'HELPDESK_AGENT', 'BILLING_ADMIN'];

    it.each(PARTNER_ROLES.map((role) => [role, ALLOWED.includes(role)] as const))(
      'ACT-3: createCart, updateCart and checkoutCart for %s of a direct-bill partner: allowed=%s',
      async (role, allowed) => {
        const token = await t.token(partner.id, [role]);
        const created = await createCart(t, token, customerId, [{ offerId: E3, quantity: 1 }]);
        if (!allowed) {
          const cart = dataOf(await createCart(t, await partner.token(), customerId, [{ offerId: E3, quantity: 1 }])).createCart.cart;
          expect(codeOf(created)).toBe('FORBIDDEN');
          expect(codeOf(await updateCart(t, token, cart.id, [{ offerId: E3, quantity: 2 }]))).toBe('FORBIDDEN');
          expect(codeOf(await checkout(t, token, cart.id))).toBe('FORBIDDEN');
          const read = dataOf(await t.gql(await partner.token(), `query($id: ID!) { cart(id: $id) { status lines { quantity } } }`, { id: cart.id }));
          expect(read.cart).toEqual({ status: 'OPEN', lines: [{ quantity: 1 }] });
          return;
        }
        const cart = dataOf(created).createCart.cart;
        expect(dataOf(await updateCart(t, token, cart.id, [{ offerId: E3, quantity: 2 }])).updateCart.errors).toEqual([]);
        const order = dataOf(await checkout(t, token, cart.id)).checkoutCart;
        expect(order.errors).toEqual([]);
        expect(order.order.createdBy).toBe(`user-${partner.id}`);
      },
    );

    it('ACT-1/ACT-3: indirect resellers, customers and unauthenticated callers cannot use carts', async () => {
      const cart = dataOf(await createCart(t, await partner.token(), customerId, [{ offerId: E3, quantity: 1 }])).createCart.cart;
      const reseller = await onboardPartner(t, 'INDIRECT_RESELLER');
      for (const token of [await reseller.token(['ADMIN_AGENT', 'GLOBAL_ADMIN']), await t.token(customerId, ['CUSTOMER_ADMIN'])]) {
        expect(codeOf(await createCart(t, token, customerId, [{ offerId: E3, quantity: 1 }]))).toBe('FORBIDDEN');
        expect(codeOf(await updateCart(t, token, cart.id, [{ offerId: E3, quantity: 1 }]))).toBe('FORBIDDEN');
        expect(codeOf(await checkout(t, token, cart.id))).toBe('FORBIDDEN');
      }
      expect(codeOf(await createCart(t, undefined as unknown as string, customerId, [{ offerId: E3, quantity: 1 }]))).toBe('UNAUTHENTICATED');
      expect(codeOf(await checkout(t, undefined as unknown as string, cart.id))).toBe('UNAUTHENTICATED');
    });
  });
});
