import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy, createCart } from './checkout.fixtures';
import { setClock } from './support';

/** SPEC §8: software is bought through carts (SW-1) with its billing frequencies per SKU (SW-3). */
describe('software purchases', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
    await setClock(t, '2027-03-01T10:00:00Z');
  });

  it('SW-1: software subscriptions are bought through a cart and appear among subscriptions (autorenew on); perpetual software becomes an order line without subscription', async () => {
    const { payload } = await buy(t, partner, customerId, [
      { offerId: 'offer-windows-server-2022-std', quantity: 2 },
      { offerId: 'offer-sql-server-2022-std', quantity: 1, termDuration: 'P3Y', billingFrequency: 'TRIENNIAL' },
      { offerId: 'offer-windows-server-rds-cal', quantity: 10, billingFrequency: 'MONTHLY' },
      { offerId: 'offer-windows-server-2022-dc-perpetual', quantity: 2 },
    ]);
    expect(payload.errors).toEqual([]);
    const order = dataOf(
      await t.gql(token, `query($id: ID!) { order(id: $id) { lines { id offer { id } quantity status termDuration billingFrequency
        subscription { id status autoRenew termDuration billingFrequency } ledger { kind amount { amount currency } } cancellationDeadline } } }`, { id: payload.order.id }),
    ).order;
    const [server, sql, rds, perpetual] = order.lines;
    expect(server).toMatchObject({ status: 'PROVISIONED', subscription: { status: 'ACTIVE', autoRenew: true, termDuration: 'P1Y', billingFrequency: 'ANNUAL' }, ledger: [], cancellationDeadline: null });
    expect(sql.subscription).toMatchObject({ termDuration: 'P3Y', billingFrequency: 'TRIENNIAL' });
    expect(rds.subscription).toMatchObject({ termDuration: 'P1Y', billingFrequency: 'MONTHLY' });
    // 740.00 USD → 680.80 EUR per license, once.
    expect(perpetual).toEqual({
      id: expect.any(String),
      offer: { id: 'offer-windows-server-2022-dc-perpetual' },
      quantity: 2,
      status: 'PROVISIONED',
      termDuration: null,
      billingFrequency: null,
      subscription: null,
      ledger: [{ kind: 'CHARGE', amount: { amount: '1361.60', currency: 'EUR' } }],
      cancellationDeadline: '2027-04-01T00:00:00.000Z',
    });

    const listed = dataOf(
      await t.gql(token, `query($id: ID!) { customer(id: $id) { subscriptions(first: 100) { edges { node { id offer { id } } } } } }`, { id: customerId }),
    ).customer.subscriptions.edges.map((e: any) => e.node);
    expect(listed.map((s: any) => s.id).sort()).toEqual([server.subscription.id, sql.subscription.id, rds.subscription.id].sort());
    expect(listed.map((s: any) => s.offer.id)).not.toContain('offer-windows-server-2022-dc-perpetual');
    const { rows } = await t.db.query('select count(*)::int as n from subscriptions.subscription where order_id = $1', [payload.order.id]);
    expect(rows[0].n).toBe(3);
  });

  it('SW-1: createCart takes a perpetual offer as a line without term or billing frequency, and refuses a term for it', async () => {
    const created = dataOf(await createCart(t, token, customerId, [{ offerId: 'offer-windows-server-2022-dc-perpetual', quantity: 1 }])).createCart;
    expect(created.errors).toEqual([]);
    expect(created.cart.lines).toEqual([{ offer: { id: 'offer-windows-server-2022-dc-perpetual' }, quantity: 1, termDuration: null, billingFrequency: null, resellerPartnerId: null }]);
    const withTerm = await createCart(t, token, customerId, [{ offerId: 'offer-windows-server-2022-dc-perpetual', quantity: 1, termDuration: 'P1Y' }]);
    expect(codeOf(withTerm)).toBe('BAD_USER_INPUT');
    expect(withTerm.errors![0].message).toContain('perpetual');
  });

  it('SW-3: three-year software SKUs bill annually or triennially, one-year ones annually; RDS CAL also monthly', async () => {
    const line = async (offerId: string, termDuration?: string, billingFrequency?: string) => {
      const response = await createCart(t, token, customerId, [{ offerId, quantity: 1, termDuration, billingFrequency }]);
      return response.errors ? codeOf(response) : response.data!.createCart.cart.lines[0].billingFrequency;
    };
    expect(await line('offer-windows-server-2022-std', 'P3Y', 'ANNUAL')).toBe('ANNUAL');
    expect(await line('offer-windows-server-2022-std', 'P3Y', 'TRIENNIAL')).toBe('TRIENNIAL');
    expect(await line('offer-windows-server-2022-std', 'P3Y')).toBe('ANNUAL');
    expect(await line('offer-windows-server-2022-std', 'P1Y')).toBe('ANNUAL');
    expect(await line('offer-windows-server-2022-std', 'P1Y', 'TRIENNIAL')).toBe('BAD_USER_INPUT');
    expect(await line('offer-windows-server-2022-std', 'P3Y', 'MONTHLY')).toBe('BAD_USER_INPUT');
    expect(await line('offer-windows-server-rds-cal', 'P3Y', 'MONTHLY')).toBe('MONTHLY');
    expect(await line('offer-windows-server-rds-cal', 'P1Y')).toBe('MONTHLY');
    expect(await line('offer-windows-server-rds-cal', 'P1Y', 'TRIENNIAL')).toBe('BAD_USER_INPUT');
  });
});
