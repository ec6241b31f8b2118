import { partneredReseller } from '../customers/helpers';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy, writtenRows } from './checkout.fixtures';

const E3 = 'offer-m365-e3-no-teams';

describe('checkoutCart: attestation and resellers (ORD-2, ORD-3)', () => {
  const t = useStack();

  it('ORD-2: checkout without the attestation gets ATTESTATION_REQUIRED and writes nothing', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const before = await writtenRows(t);
    const { payload } = await buy(t, partner, customer.id, [{ offerId: E3, quantity: 1 }], { attestationAccepted: false });
    expect(payload.errors).toEqual([expect.objectContaining({ code: 'ATTESTATION_REQUIRED', rule: 'ORD-2' })]);
    expect(await writtenRows(t)).toEqual(before);
  });

  it('ORD-2: an indirect provider must name the indirect reseller (RESELLER_REQUIRED)', async () => {
    const { provider } = await partneredReseller(t);
    const customer = await createCustomer(t, provider);
    const { payload } = await buy(t, provider, customer.id, [{ offerId: E3, quantity: 1 }]);
    expect(payload.errors).toEqual([expect.objectContaining({ code: 'RESELLER_REQUIRED', rule: 'ORD-2' })]);
  });

  it('ORD-2: the named reseller becomes reseller of record and sees the subscription read-only', async () => {
    const { provider, reseller } = await partneredReseller(t);
    const customer = await createCustomer(t, provider, { indirectResellerId: reseller.id });
    const { payload } = await buy(t, provider, customer.id, [{ offerId: E3, quantity: 4, resellerPartnerId: reseller.partnerId }]);
    expect(payload.errors).toEqual([]);
    const subscriptionId = payload.order.lines[0].subscription.id;
    const seen = dataOf(await t.gql(await reseller.token(), `query($id: ID!) { subscription(id: $id) { id resellerPartnerId } }`, { id: subscriptionId }));
    expect(seen.subscription).toEqual({ id: subscriptionId, resellerPartnerId: reseller.partnerId });
  });

  it('ORD-2/RES-2: a reseller that is not onboarded, has no signed MPA or is not partnered gets INVALID_RESELLER', async () => {
    const { provider } = await partneredReseller(t);
    const customer = await createCustomer(t, provider);
    const unknown = await buy(t, provider, customer.id, [{ offerId: E3, quantity: 1, resellerPartnerId: '9999999901' }]);
    expect(unknown.payload.errors).toEqual([expect.objectContaining({ code: 'INVALID_RESELLER', rule: 'RES-2' })]);
    const noMpa = await onboardPartner(t, 'INDIRECT_RESELLER', 'EUROPE', false);
    const unsigned = await buy(t, provider, customer.id, [{ offerId: E3, quantity: 1, resellerPartnerId: noMpa.partnerId }]);
    expect(unsigned.payload.errors).toEqual([expect.objectContaining({ code: 'INVALID_RESELLER', rule: 'RES-2' })]);
    const notPartnered = await onboardPartner(t, 'INDIRECT_RESELLER');
    const foreign = await buy(t, provider, customer.id, [{ offerId: E3, quantity: 1, resellerPartnerId: notPartnered.partnerId }]);
    expect(foreign.payload.errors).toEqual([expect.objectContaining({ code: 'INVALID_RESELLER', rule: 'RES-3' })]);
  });

  it('ORD-2: a direct-bill partner acts without a reseller (INVALID_RESELLER when one is named)', async () => {
    const partner = await onboardPartner(t);
    const reseller = await onboardPartner(t, 'INDIRECT_RESELLER');
    const customer = await createCustomer(t, partner);
    const { payload } = await buy(t, partner, customer.id, [{ offerId: E3, quantity: 1, resellerPartnerId: reseller.partnerId }]);
    expect(payload.errors).toEqual([expect.objectContaining({ code: 'INVALID_RESELLER', rule: 'ORD-2' })]);
  });

  it('ORD-3: an EU/EFTA order declares at most five additional resellers, each a verified PartnerID with signed MPA', async () => {
    const { provider, reseller } = await partneredReseller(t);
    const customer = await createCustomer(t, provider, { country: 'AT' });
    const others = await Promise.all([1, 2, 3, 4, 5, 6].map(() => onboardPartner(t, 'INDIRECT_RESELLER')));
    const line = { offerId: E3, quantity: 2, resellerPartnerId: reseller.partnerId };

    const six = await buy(t, provider, customer.id, [line], { additionalResellers: others.map((o) => o.partnerId) });
    expect(six.payload.errors).toEqual([expect.objectContaining({ code: 'TOO_MANY_RESELLERS', rule: 'ORD-3' })]);

    const unverified = await buy(t, provider, customer.id, [line], { additionalResellers: [others[0].partnerId, '9999999902'] });
    expect(unverified.payload.errors).toEqual([expect.objectContaining({ code: 'INVALID_RESELLER', rule: 'ORD-3' })]);

    const five = others.slice(0, 5).map((o) => o.partnerId);
    const ok = await buy(t, provider, customer.id, [line], { additionalResellers: five });
    expect(ok.payload.errors).toEqual([]);
    const order = dataOf(await t.gql(await provider.token(), `query($id: ID!) { order(id: $id) { additionalResellers } }`, { id: ok.payload.order.id }));
    expect(order.order.additionalResellers).toEqual(five);
  });

  it('ORD-3: additional resellers without an initial reseller, or for a customer outside EU/EFTA, are refused with the rule and write nothing', async () => {
    const others = await Promise.all([1, 2].map(() => onboardPartner(t, 'INDIRECT_RESELLER')));
    const additionalResellers = others.map((o) => o.partnerId);
    const european = await onboardPartner(t);
    const german = await createCustomer(t, european, { country: 'DE' });
    const before = await writtenRows(t);
    const noInitial = await buy(t, european, german.id, [{ offerId: E3, quantity: 1 }], { additionalResellers });
    expect(noInitial.payload.errors).toEqual([expect.objectContaining({ code: 'RESELLER_REQUIRED', rule: 'ORD-3', field: ['additionalResellers'] })]);

    const american = await onboardPartner(t, 'DIRECT_BILL', 'NORTH_AMERICA');
    const us = await createCustomer(t, american, { country: 'US' });
    const outside = await buy(t, american, us.id, [{ offerId: E3, quantity: 1 }], { additionalResellers });
    expect(outside.payload.errors).toEqual([expect.objectContaining({ code: 'INVALID_RESELLER', rule: 'ORD-3', field: ['additionalResellers'] })]);
    expect(outside.payload.order).toBeNull();
    const rows = await writtenRows(t);
    expect(rows.subscriptions - before.subscriptions).toBe(0);
  });
});
