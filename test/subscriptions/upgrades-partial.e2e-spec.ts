import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { perTestEra } from '../support/eras';
import { dataOf, useStack } from '../support/stack';
import { setClock, subscribeAt, type Purchase } from './support';
import { auditsOf, eventsOf, priceOf, prorated, readSubscription, rowCounts, upgradeSubscription } from './upgrade.fixtures';

const E3 = 'offer-m365-e3-no-teams';
const E5 = 'offer-m365-e5-no-teams';

/** Partial upgrades and upgrades into an existing subscription (UPG-3, UPG-4, UPG-5, UPG-7). */
describe('partial upgrades and upgrades into existing subscriptions', () => {
  const t = useStack();
  // Each test buys on its own era's 2027-01-01 and upgrades on 2027-05-01: the business clock never moves back.
  const at = perTestEra();
  let partner: TestPartner;
  let token: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
  });

  /** A fresh customer: it holds no other subscription of these SKUs. */
  const customer = async () => (await createCustomer(t, partner)).id;
  /** An annual subscription bought on 2027-01-01 of the era (ends 2027-12-31), 10 licenses billed monthly at the catalog price. */
  const annual = (customerId: string, extra: Partial<Purchase> = {}) => subscribeAt(t, { partnerId: partner.id, customerId, offerId: E3, at: at('2027-01-01T00:00:00.000Z'), ...extra });
  /** The day of the upgrades: 2027-05-01 10:00 of the era. */
  const firstOfMay = () => setClock(t, at('2027-05-01T10:00:00Z'));

  it('UPG-4: a partial upgrade puts the licenses in a new subscription coterminous with the source, which keeps the rest; reassignment MANUAL; SUBSCRIPTION_CREATED for the new one', async () => {
    const customerId = await customer();
    const source = await annual(customerId);
    const [price, old] = [await priceOf(t, token, E5), await priceOf(t, token, E3)];
    await firstOfMay();
    const payload = dataOf(await upgradeSubscription(t, token, { subscriptionId: source, targetOfferId: E5, quantity: 4 })).upgradeSubscription;
    expect(payload.errors).toEqual([]);
    expect(payload).toMatchObject({ licenseReassignment: 'MANUAL', warnings: [expect.stringContaining('reassigned manually (UPG-4)')] });
    expect(payload.source).toMatchObject({ id: source, offer: { id: E3 }, quantity: 6, status: 'ACTIVE', termEnd: at('2027-12-31T23:59:59.999Z') });
    expect(payload.target.id).not.toBe(source);
    expect(payload.target).toMatchObject({ offer: { id: E5 }, quantity: 4, status: 'ACTIVE', termEnd: at('2027-12-31T23:59:59.999Z'), termDuration: 'P1Y', autoRenew: true });
    expect(payload.target.termStart.slice(0, 10)).toBe(at('2027-05-01'));
    // BIL-1: the source's monthly periods January to May were billed. BIL-2: the moved licenses are
    // credited at the old price and charged at the new one for the same 30 unused days of May's period.
    const month = prorated(old.amount, 10, 1, 1, 1);
    expect(payload.source.ledger.map((e: any) => [e.kind, e.amount.amount])).toEqual([...new Array(5).fill(['CHARGE', month]), ['CREDIT', prorated(old.amount, 4, 1, 30, 31)]]);
    expect(payload.target.ledger.map((e: any) => [e.kind, e.amount.amount])).toEqual([['CHARGE', prorated(price.amount, 4, 1, 30, 31)]]);
    expect(payload.source.licenseBatches.reduce((n: number, b: any) => n + b.quantity - b.removed, 0)).toBe(6);
    // No cancellation window and no reduction window on upgraded licenses (UPG-2).
    expect(payload.target.reducibleLicenses.quantity).toBe(0);
    expect(new Date(payload.target.cancellationDeadline).getTime()).toBeLessThanOrEqual(Date.parse(at('2027-05-01T10:01:00Z')));
    // After the purchase's SUBSCRIPTION_CREATED and createSubscription audit row.
    expect((await eventsOf(t, source)).map((e) => e.type)).toEqual(['SUBSCRIPTION_CREATED', 'SUBSCRIPTION_UPDATED']);
    expect(await eventsOf(t, payload.target.id)).toEqual([{ type: 'SUBSCRIPTION_CREATED', data: expect.objectContaining({ upgradedFrom: source, quantity: 4 }) }]);
    expect(await auditsOf(t, source)).toEqual(['createSubscription', 'upgradeSubscription']);
    expect(await auditsOf(t, payload.target.id)).toEqual(['createSubscription']);
  });

  it('UPG-4: a partial upgrade may not leave the source below the suite minimum (BELOW_MINIMUM), leaving nothing', async () => {
    const operator = await t.operatorToken();
    const suite = (provisioningId: string, listPriceUsd: string, upgradeTargets: unknown[] = []) => ({
      name: provisioningId.replace(/_/g, ' '), provisioningId, productFamily: 'Contoso Suite', publisher: 'MICROSOFT', billingType: 'LICENSE', category: 'ENTERPRISE',
      segments: ['COMMERCIAL'], lifecycle: 'AVAILABLE', termDurations: ['P1M', 'P1Y'], billingFrequencies: ['MONTHLY', 'ANNUAL'], markets: ['DE'], listPriceUsd, minQuantity: 5, upgradeTargets,
    });
    const imported = dataOf(
      await t.gql(operator, 'mutation($i: ImportOffersInput!) { importOffers(input: $i) { offers { id provisioningId } errors { message } } }', {
        i: { offers: [suite('Contoso_Suite_Premium', '30.00'), suite('Contoso_Suite_Standard', '20.00', [{ provisioningId: 'Contoso_Suite_Premium', kind: 'LINEAR' }])] },
      }),
    ).importOffers;
    expect(imported.errors).toEqual([]);
    const [premium, standard] = imported.offers.map((o: any) => o.id);
    const source = await annual(await customer(), { offerId: standard });
    await firstOfMay();
    const before = await rowCounts(t);
    const refused = dataOf(await upgradeSubscription(t, token, { subscriptionId: source, targetOfferId: premium, quantity: 7 })).upgradeSubscription;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'BELOW_MINIMUM', rule: 'UPG-4', field: ['quantity'] })]);
    const tooFew = dataOf(await upgradeSubscription(t, token, { subscriptionId: source, targetOfferId: premium, quantity: 3 })).upgradeSubscription;
    expect(tooFew.errors).toEqual([expect.objectContaining({ code: 'BELOW_MINIMUM', rule: 'UPG-4' })]);
    expect(await rowCounts(t)).toEqual(before);
    const fine = dataOf(await upgradeSubscription(t, token, { subscriptionId: source, targetOfferId: premium, quantity: 5 })).upgradeSubscription;
    expect(fine.errors).toEqual([]);
    expect([fine.source.quantity, fine.target.quantity]).toEqual([5, 5]);
  });

  it('UPG-3: into an existing subscription the licenses are added; it keeps its term and billing; the emptied source ends', async () => {
    const customerId = await customer();
    const source = await annual(customerId);
    const target = await annual(customerId, { offerId: E5, quantity: 20, billingFrequency: 'ANNUAL' });
    const [e3, e5] = [await priceOf(t, token, E3), await priceOf(t, token, E5)];
    await firstOfMay();
    const payload = dataOf(await upgradeSubscription(t, token, { subscriptionId: source, targetOfferId: E5, quantity: 10, targetSubscriptionId: target })).upgradeSubscription;
    expect(payload.errors).toEqual([]);
    expect(payload).toMatchObject({ licenseReassignment: 'AUTOMATIC', warnings: [] });
    expect(payload.target).toMatchObject({ id: target, quantity: 30, termEnd: at('2027-12-31T23:59:59.999Z'), billingFrequency: 'ANNUAL', termDuration: 'P1Y' });
    expect(payload.target.termStart.slice(0, 16)).toBe(at('2027-01-01T00:00'));
    expect(payload.source).toMatchObject({ id: source, status: 'CANCELLED' });
    // BIL-2: the monthly-billed source credits the 30 unused days of May's period (after its five monthly charges).
    expect(payload.source.ledger.slice(5).map((e: any) => [e.kind, e.amount.amount])).toEqual([['CREDIT', prorated(e3.amount, 10, 1, 30, 31)]]);
    // The annually billed target charges its own price for the rest of its yearly period (244 of 365 days).
    expect(payload.target.ledger.slice(1).map((e: any) => [e.kind, e.amount.amount])).toEqual([['CHARGE', prorated(e5.amount, 10, 12, 244, 365)]]);
    expect((await eventsOf(t, source)).map((e) => e.type)).toEqual(['SUBSCRIPTION_CREATED', 'SUBSCRIPTION_UPDATED']);
    expect(await eventsOf(t, target)).toEqual([
      expect.objectContaining({ type: 'SUBSCRIPTION_CREATED' }),
      { type: 'SUBSCRIPTION_UPDATED', data: expect.objectContaining({ upgradedFrom: source, quantity: 30, previousQuantity: 20 }) },
    ]);
    // A partial upgrade into an existing subscription: the source keeps the rest, reassignment is manual.
    // (Bought now, it ends with the target: the customer held one E3 subscription for the upgrade above.)
    const partialSource = await annual(customerId, { at: at('2027-05-01T10:00:00Z'), coterminousWithSubscriptionId: target });
    const partial = dataOf(await upgradeSubscription(t, token, { subscriptionId: partialSource, targetOfferId: E5, quantity: 3, targetSubscriptionId: target })).upgradeSubscription;
    expect(partial).toMatchObject({ errors: [], licenseReassignment: 'MANUAL', source: { quantity: 7 }, target: { id: target, quantity: 33 } });
    // The existing subscription keeps its own term and billing: another one is refused.
    const other = dataOf(await upgradeSubscription(t, token, { subscriptionId: partialSource, targetOfferId: E5, quantity: 1, targetSubscriptionId: target, billingFrequency: 'MONTHLY' })).upgradeSubscription;
    expect(other.errors).toEqual([expect.objectContaining({ code: 'TARGET_SUBSCRIPTION_INVALID', rule: 'UPG-3' })]);
  });

  it('UPG-5: an existing target must be active, outside its cancellation window, of the same term duration and end no earlier than the source (TARGET_SUBSCRIPTION_INVALID with the reason)', async () => {
    const customerId = await customer();
    // Bought in order of time: the clock never moves back.
    const endsEarlier = await annual(customerId, { offerId: E5, at: at('2026-12-15T00:00:00.000Z') });
    const source = await annual(customerId);
    const suspended = await annual(customerId, { offerId: E5, suspended: true });
    const otherOffer = await annual(customerId, { offerId: 'offer-o365-e5-no-teams' });
    const monthly = await annual(customerId, { offerId: E5, termDuration: 'P1M', at: at('2027-04-20T00:00:00.000Z') });
    const recent = await annual(customerId, { offerId: E5, at: at('2027-04-28T00:00:00.000Z'), coterminousWithSubscriptionId: source });
    await firstOfMay();
    const targets: [string, RegExp][] = [
      [recent, /cancellation window/],
      [monthly, /term P1M does not match P1Y/],
      [endsEarlier, new RegExp(`ends on ${at('2027-12-14')}, before ${at('2027-12-31')}`)],
      [suspended, /SUSPENDED, not ACTIVE/],
      [otherOffer, /not of offer-m365-e5-no-teams/],
    ];
    const before = await rowCounts(t);
    for (const [target, reason] of targets) {
      const refused = dataOf(await upgradeSubscription(t, token, { subscriptionId: source, targetOfferId: E5, quantity: 10, targetSubscriptionId: target })).upgradeSubscription;
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'TARGET_SUBSCRIPTION_INVALID', rule: 'UPG-5', message: expect.stringMatching(reason), field: ['targetSubscriptionId'] })]);
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('UPG-7: many-to-one: upgrade the first subscription, then move the second standalone SKU into the upgraded one', async () => {
    const customerId = await customer();
    const suite = await annual(customerId);
    const powerBi = await annual(customerId, { offerId: 'offer-power-bi-pro', quantity: 8 });
    await firstOfMay();
    const options = (await readSubscription(t, token, powerBi)).upgradeOptions;
    expect(options).toEqual([{ offer: { id: E5 }, kind: 'MANY_TO_ONE' }]);
    const first = dataOf(await upgradeSubscription(t, token, { subscriptionId: suite, targetOfferId: E5, quantity: 10 })).upgradeSubscription;
    expect(first.errors).toEqual([]);
    const second = dataOf(await upgradeSubscription(t, token, { subscriptionId: powerBi, targetOfferId: E5, quantity: 8, targetSubscriptionId: suite })).upgradeSubscription;
    expect(second.errors).toEqual([]);
    expect(second.target).toMatchObject({ id: suite, offer: { id: E5 }, quantity: 18, status: 'ACTIVE' });
    expect(second.source).toMatchObject({ id: powerBi, status: 'CANCELLED' });
    const consolidated = await readSubscription(t, token, suite);
    expect(consolidated.licenseBatches.map((b: any) => [b.kind, b.quantity])).toEqual([['PURCHASE', 10], ['UPGRADE', 8]]);
  });
});
