import Decimal from 'decimal.js';
import { partneredReseller } from '../customers/helpers';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy, createCart, existingSubscription, writtenRows } from './checkout.fixtures';
import { relate } from '../transfers/support';
import { businessNow, mutate, setClock } from './support';

const E3 = 'offer-m365-e3-no-teams';
const BI = 'offer-power-bi-pro';

/** Rules that live in one place and answer the same way wherever they are asked (ORD-1, CAT-6, RES-3, API.md Money). */
describe('checkout rules, each in one place', () => {
  const t = useStack();

  const price = async (token: string, offerId: string, market: string) =>
    dataOf(await t.gql(token, `query($id: ID!, $m: String!) { offer(id: $id) { price(market: $m) { amount currency } } }`, { id: offerId, m: market })).offer.price;

  it('ORD-1: checkout reports every violation found, not only the first, and writes nothing', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner, { agreementAcceptance: null });
    const before = await writtenRows(t);
    const { payload } = await buy(
      t,
      partner,
      customer.id,
      [
        { offerId: 'offer-m365-e3-unattended', quantity: 1 }, // end-of-sale (CAT-3)
        { offerId: 'offer-m365-copilot', quantity: 2 }, // no base licenses (CAT-7)
      ],
      { attestationAccepted: false },
    );
    expect(payload.order).toBeNull();
    expect(payload.errors.map((e) => `${e.rule}:${e.code}`)).toEqual([
      'REL-6:CUSTOMER_AGREEMENT_REQUIRED',
      'ORD-2:ATTESTATION_REQUIRED',
      'CAT-3:OFFER_END_OF_SALE',
      'CAT-7:ADDON_PREREQUISITE_MISSING',
    ]);
    expect(await writtenRows(t)).toEqual(before);
  });

  it('CAT-6: a cart within the cap but over it with the existing licenses is refused at checkout as LICENSE_CAP_EXCEEDED', async () => {
    const partner = await onboardPartner(t);
    const other = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    await relate(t, other, customer.id);
    expect((await buy(t, other, customer.id, [{ offerId: 'offer-m365-business-basic', quantity: 280 }])).payload.errors).toEqual([]);
    const cart = dataOf(await createCart(t, await partner.token(), customer.id, [{ offerId: 'offer-m365-business-basic', quantity: 21 }])).createCart;
    expect(cart.errors).toEqual([]);
    const { payload } = await buy(t, partner, customer.id, [{ offerId: 'offer-m365-business-basic', quantity: 21 }]);
    expect(payload.errors).toEqual([expect.objectContaining({ code: 'LICENSE_CAP_EXCEEDED', rule: 'CAT-6' })]);
  });

  it('CAT-6: a quantity increase counts the same live statuses as checkout (a subscription of another partner still being provisioned holds its licenses)', async () => {
    const partner = await onboardPartner(t);
    const other = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    await relate(t, other, customer.id);
    await existingSubscription(t, other.id, customer.id, 'offer-m365-business-basic', 100, 'PENDING');
    const bought = await buy(t, partner, customer.id, [{ offerId: 'offer-m365-business-basic', quantity: 150 }]);
    expect(bought.payload.errors).toEqual([]);
    const id = bought.payload.order.lines[0].subscription.id;
    const token = await partner.token();
    const refused = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 201 })).updateSubscriptionQuantity;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'LICENSE_CAP_EXCEEDED', rule: 'CAT-6' })]);
    expect(dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 200 })).updateSubscriptionQuantity.errors).toEqual([]);
  });

  it('RES-3: a provider with more than 100 partnered resellers checks out with any of them (the list is read page by page)', async () => {
    const { provider, reseller } = await partneredReseller(t);
    // 100 partnerships whose resellers sort before the real one: it is on the second page.
    // SQL on purpose: partner ids are generated, so only rows written here are sure to sort first.
    await t.db.query(
      `insert into customers.partner (id, name, type, partner_id, region, mpa_signed, created_at)
       select 'ptn_000000000000_filler_' || lpad(g::text, 3, '0'), 'Filler ' || g, 'INDIRECT_RESELLER', (8800000 + g)::text, 'EUROPE', true, now()
         from generate_series(1, 100) g`,
    );
    await t.db.query(
      `insert into customers.reseller_partnership (id, provider_id, reseller_id, status, created_at)
       select 'rp_filler_' || g, $1, 'ptn_000000000000_filler_' || lpad(g::text, 3, '0'), 'ACTIVE', now() from generate_series(1, 100) g`,
      [provider.id],
    );
    const customer = await createCustomer(t, provider, { indirectResellerId: reseller.id });
    const { payload } = await buy(t, provider, customer.id, [{ offerId: E3, quantity: 2, resellerPartnerId: reseller.partnerId }]);
    expect(payload.errors).toEqual([]);
    const subscriptionId = payload.order.lines[0].subscription.id;
    const reset = dataOf(
      await t.gql(await provider.token(), `mutation($input: SetSubscriptionResellerInput!) { setSubscriptionReseller(input: $input) { errors { code } } }`, {
        input: { subscriptionId, resellerPartnerId: reseller.partnerId },
      }),
    ).setSubscriptionReseller;
    expect(reset.errors).toEqual([]);
  });

  it("API.md Money: ledger lines and refunds are formatted to the currency's digits, like prices (EUR 2, JPY 0)", async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner, { country: 'DE' });
    const token = await partner.token();
    const eur = await price(token, BI, 'DE');
    expect(eur.amount).toMatch(/^\d+\.\d{2}$/);
    const { payload } = await buy(t, partner, customer.id, [{ offerId: BI, quantity: 3, termDuration: 'P1Y' }]);
    const id = payload.order.lines[0].subscription.id;
    const ledger = dataOf(await t.gql(token, `query($id: ID!) { subscription(id: $id) { ledger { kind amount { amount currency } } } }`, { id })).subscription.ledger;
    // BIL-1: billed monthly, the first month of the term.
    expect(ledger).toEqual([{ kind: 'CHARGE', amount: { amount: new Decimal(eur.amount).mul(3).toFixed(2), currency: 'EUR' } }]);
    const cancelled = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id }, 'refund { amount currency }')).cancelSubscription;
    expect(cancelled.refund.amount).toMatch(/^\d+\.\d{2}$/);

    const japan = await onboardPartner(t, 'DIRECT_BILL', 'ASIA_PACIFIC');
    const tokyo = await createCustomer(t, japan, { country: 'JP' });
    const yen = await price(await japan.token(), BI, 'JP');
    expect(yen).toEqual({ amount: expect.stringMatching(/^\d+$/), currency: 'JPY' });
    const bought = await buy(t, japan, tokyo.id, [{ offerId: BI, quantity: 3, termDuration: 'P1Y' }]);
    const yenId = bought.payload.order.lines[0].subscription.id;
    const yenLedger = dataOf(await t.gql(await japan.token(), `query($id: ID!) { subscription(id: $id) { ledger { amount { amount currency } } } }`, { id: yenId })).subscription.ledger;
    expect(yenLedger).toEqual([{ amount: { amount: new Decimal(yen.amount).mul(3).toFixed(0), currency: 'JPY' } }]);
    await setClock(t, new Date((await businessNow(t)).getTime() + 2 * 24 * 3600 * 1000).toISOString());
    const yenRefund = dataOf(await mutate(t, await japan.token(), 'cancelSubscription', { subscriptionId: yenId }, 'refund { amount currency }')).cancelSubscription;
    expect(yenRefund.refund).toEqual({ amount: expect.stringMatching(/^\d+$/), currency: 'JPY' });
  });
});
