import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { importPromotions } from '../catalog/promotions.support';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy, checkout, createCart } from '../subscriptions/checkout.fixtures';
import { processDueWork, setClock } from '../subscriptions/support';
import { agreement, agreementNumber, schedule, scheduleById, transferMutation, twoPartnersOneCustomer } from '../transfers/support';

const E3 = 'offer-m365-e3-no-teams';
const E3_PROVISIONING = 'Microsoft_365_E3_(no_Teams)';
const E5 = 'offer-m365-e5-no-teams';
const TRIAL = 'offer-m365-e5-no-teams-trial';

/** Promotions of this file (DE, commercial), each for one kind of purchase. */
const PROMOTIONS = [
  { id: 'promo-e3-new', offerId: E3, termDuration: 'P1Y', billingFrequency: 'MONTHLY', discountPercent: 20, startDate: '2040-01-01T00:00:00Z', endDate: '2040-01-31T23:59:59Z', appliesTo: ['NEW_PURCHASE'] },
  { id: 'promo-e3-renewal', offerId: E3, termDuration: 'P1M', billingFrequency: 'MONTHLY', discountPercent: 10, startDate: '2040-01-01T00:00:00Z', endDate: '2040-03-31T23:59:59Z', appliesTo: ['RENEWAL'] },
  { id: 'promo-e3-ea', offerId: E3, termDuration: 'P1Y', billingFrequency: 'ANNUAL', discountPercent: 25, startDate: '2040-01-01T00:00:00Z', endDate: '2040-12-31T23:59:59Z', appliesTo: ['EA_RENEWAL'] },
  { id: 'promo-e5-all', offerId: E5, termDuration: 'P1Y', billingFrequency: 'MONTHLY', discountPercent: 30, startDate: '2040-01-01T00:00:00Z', endDate: '2040-12-31T23:59:59Z', appliesTo: ['NEW_PURCHASE', 'RENEWAL', 'EA_RENEWAL'] },
].map((p) => ({ markets: ['DE'], segment: 'COMMERCIAL', ...p }));

const LINES = `{ invoices(first: 100) { edges { node { id number reconciliationUrl lines(first: 100) { edges { node {
  id chargeType quantity amount { amount } unitPrice { amount } effectiveUnitPrice { amount } promotionId subscription { id } chargeStart } } } } } } }`;
const BILLING = `query($id: ID!) { subscription(id: $id) { id promotionId termStart termEnd
  billing { promotionId nextChargeAt nextChargeAmount { amount } commitment { total { amount } } } } }`;
const CART_PRICES = 'lines { offer { id } listPrice { amount currency } effectivePrice { amount currency } promotionId }';
const PREVIEW = 'lines { subscriptionId chargeType amount { amount } } charge { amount } refund { amount } nextChargeAt nextChargeAmount { amount } errors { code rule }';

interface Line {
  id: string;
  invoiceId: string;
  reconciliationUrl: string;
  chargeType: string;
  quantity: number;
  amount: string;
  unitPrice: string;
  effectiveUnitPrice: string;
  promotionId: string | null;
  subscriptionId: string | null;
}

const four = (amount: Decimal.Value) => new Decimal(amount).toFixed(4);
const two = (amount: Decimal.Value) => new Decimal(amount).toFixed(2);
/** A price less a promotion's percentage, in cents (half up), as the catalog discounts it. */
const off = (price: Decimal, percent: number) => price.mul(100 - percent).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const QUOTE = `query($id: ID!, $term: String!, $billing: BillingFrequency!) { offer(id: $id) { priceQuote(market: "DE", termDuration: $term, billingFrequency: $billing) { listPrice { amount } } } }`;

/** SPEC §9b BIL-5 and TRI-3: promotions granted to purchases, renewals and EA renewals, never to conversions; billed for the whole term. */
describe('promotions applied to subscriptions', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;
  const seen = new Set<string>();
  const subject: Record<string, string> = {};

  beforeAll(async () => {
    await setClock(t, '2040-01-10T08:00:00Z');
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    await importPromotions(t, PROMOTIONS);
  });

  /** Invoice lines booked since the last call, oldest first. */
  async function booked(): Promise<Line[]> {
    const invoices = dataOf(await t.gql(await partner.token(['BILLING_ADMIN']), LINES)).invoices.edges.map((e: any) => e.node);
    const lines: Line[] = invoices.flatMap((invoice: any) =>
      invoice.lines.edges.map(({ node: l }: any) => ({
        id: l.id,
        invoiceId: invoice.id,
        reconciliationUrl: invoice.reconciliationUrl,
        chargeType: l.chargeType,
        quantity: l.quantity,
        amount: l.amount.amount,
        unitPrice: four(l.unitPrice.amount),
        effectiveUnitPrice: four(l.effectiveUnitPrice.amount),
        promotionId: l.promotionId,
        subscriptionId: l.subscription?.id ?? null,
        chargeStart: l.chargeStart,
      })),
    );
    const fresh = lines.filter((l) => !seen.has(l.id)).sort((a: any, b: any) => a.chargeStart.localeCompare(b.chargeStart));
    for (const line of fresh) seen.add(line.id);
    return fresh;
  }

  /** The list price per licence and billing period in DE on the business clock now (the price list's, BIL-7). */
  const listPrice = async (offerId: string, term: string, billing: string) =>
    new Decimal(dataOf(await t.gql(token, QUOTE, { id: offerId, term, billing })).offer.priceQuote.listPrice.amount);

  const billingOf = async (id: string) => dataOf(await t.gql(token, BILLING, { id })).subscription;

  async function preview(name: string, input: Record<string, unknown>) {
    const type = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    return Object.values(dataOf(await t.gql(token, `query($input: ${type}Input!) { preview${type}(input: $input) { ${PREVIEW} } }`, { input })))[0] as any;
  }

  it('BIL-5: a new purchase gets the promotion for new purchases: effective price on the subscription, its billing, the invoice line and the reconciliation file; the preview equals the checkout', async () => {
    const customerId = (await createCustomer(t, partner)).id;
    const cart = dataOf(await createCart(t, token, customerId, [{ offerId: E3, quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }])).createCart.cart;
    const previewed = await preview('checkoutCart', { cartId: cart.id, attestationAccepted: true });
    expect(previewed.errors).toEqual([]);
    const list = await listPrice(E3, 'P1Y', 'MONTHLY');
    // The cart line shows what the checkout then grants.
    const shown = dataOf(await t.gql(token, `query($id: ID!) { cart(id: $id) { ${CART_PRICES} } }`, { id: cart.id })).cart.lines;
    expect(shown).toEqual([{ offer: { id: E3 }, listPrice: { amount: two(list), currency: 'EUR' }, effectivePrice: { amount: two(off(list, 20)), currency: 'EUR' }, promotionId: 'promo-e3-new' }]);
    const placed = dataOf(await checkout(t, token, cart.id)).checkoutCart;
    expect(placed.errors).toEqual([]);
    subject.purchase = placed.order.lines[0].subscription.id;

    // 20% off the list price per licence and month; ten licences, one month.
    const month = off(list, 20).mul(10);
    const lines = await booked();
    expect(lines.map((l) => [l.subscriptionId, l.chargeType, l.quantity, l.unitPrice, l.effectiveUnitPrice, l.amount, l.promotionId])).toEqual([
      [subject.purchase, 'NEW', 10, four(list), four(off(list, 20)), two(month), 'promo-e3-new'],
    ]);
    expect(previewed.lines.map((l: any) => [l.chargeType, l.amount.amount])).toEqual([['NEW', two(month)]]);
    expect(previewed.charge.amount).toBe(two(month));

    const subscription = await billingOf(subject.purchase);
    expect(subscription).toMatchObject({ promotionId: 'promo-e3-new', billing: { promotionId: 'promo-e3-new', nextChargeAmount: { amount: two(month) }, commitment: { total: { amount: two(month.mul(12)) } } } });
    expect({ nextChargeAt: previewed.nextChargeAt, nextChargeAmount: previewed.nextChargeAmount }).toEqual({ nextChargeAt: subscription.billing.nextChargeAt, nextChargeAmount: subscription.billing.nextChargeAmount });

    // BIL-4: the reconciliation row carries the list price, the effective price and the promotion.
    const response = await fetch(new URL(lines[0].reconciliationUrl, t.gatewayUrl), { headers: { authorization: `Bearer ${await partner.token(['BILLING_ADMIN'])}` } });
    expect(response.status).toBe(200);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.SubscriptionId === subject.purchase).map((r) => [r.ChargeType, r.UnitPrice, r.EffectiveUnitPrice, r.PromotionId, r.Total, r.BillableQuantity])).toEqual([
      ['NEW', four(list), four(off(list, 20)), 'promo-e3-new', two(month), '10'],
    ]);

    // A monthly term of the same SKU is a new purchase too, but the renewal promotion is for renewals only.
    const monthly = await buy(t, partner, customerId, [{ offerId: E3, quantity: 5, termDuration: 'P1M', billingFrequency: 'MONTHLY' }]);
    expect(monthly.payload.errors).toEqual([]);
    subject.renewing = monthly.payload.order.lines[0].subscription.id;
    const monthlyList = await listPrice(E3, 'P1M', 'MONTHLY');
    expect((await booked()).map((l) => [l.subscriptionId, l.chargeType, l.effectiveUnitPrice, l.amount, l.promotionId])).toEqual([[subject.renewing, 'NEW', four(monthlyList), two(monthlyList.mul(5)), null]]);
    expect((await billingOf(subject.renewing)).promotionId).toBeNull();
  });

  it('BIL-5: a promotion holds for the whole term after it ends; a purchase after its end pays the list price', async () => {
    await setClock(t, '2040-02-12T08:00:00Z');
    const list = await listPrice(E3, 'P1Y', 'MONTHLY');
    const month = off(list, 20).mul(10);
    await processDueWork(t);
    const lines = await booked();
    // The February period of the annual term keeps the January promotion.
    expect(lines.filter((l) => l.subscriptionId === subject.purchase).map((l) => [l.chargeType, l.unitPrice, l.effectiveUnitPrice, l.amount, l.promotionId])).toEqual([
      ['CYCLE_CHARGE', four(list), four(off(list, 20)), two(month), 'promo-e3-new'],
    ]);
    expect((await billingOf(subject.purchase)).billing).toMatchObject({ promotionId: 'promo-e3-new', nextChargeAmount: { amount: two(month) } });

    const later = (await createCustomer(t, partner)).id;
    const cart = dataOf(await createCart(t, token, later, [{ offerId: E3, quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }])).createCart.cart;
    const shown = dataOf(await t.gql(token, `query($id: ID!) { cart(id: $id) { ${CART_PRICES} } }`, { id: cart.id })).cart.lines;
    expect(shown.map((l: any) => [l.listPrice.amount, l.effectivePrice.amount, l.promotionId])).toEqual([[two(list), two(list), null]]);
    const previewed = await preview('checkoutCart', { cartId: cart.id, attestationAccepted: true });
    const placed = dataOf(await checkout(t, token, cart.id)).checkoutCart;
    const id = placed.order.lines[0].subscription.id;
    const bought = (await booked()).filter((l) => l.subscriptionId === id);
    expect(bought.map((l) => [l.chargeType, l.unitPrice, l.effectiveUnitPrice, l.amount, l.promotionId])).toEqual([['NEW', four(list), four(list), two(list.mul(10)), null]]);
    expect(previewed.charge.amount).toBe(two(list.mul(10)));
    expect(await billingOf(id)).toMatchObject({ promotionId: null, billing: { promotionId: null, nextChargeAmount: { amount: two(list.mul(10)) } } });
  });

  it('BIL-5: a renewal asks again: it gets the promotion for renewals while it runs, and the list price after it ends', async () => {
    // The monthly term bought on 2040-01-10 renewed on 2040-02-10 (by the due work of the previous test).
    const first = await billingOf(subject.renewing);
    expect(first).toMatchObject({ promotionId: 'promo-e3-renewal', termStart: '2040-02-10T00:00:00.000Z', billing: { promotionId: 'promo-e3-renewal' } });
    const seenLines = dataOf(await t.gql(await partner.token(['BILLING_ADMIN']), LINES)).invoices.edges.flatMap((e: any) => e.node.lines.edges.map((l: any) => l.node));
    // 10% off the monthly term's list price (half up); five licences.
    const list = await listPrice(E3, 'P1M', 'MONTHLY');
    expect(seenLines.filter((l: any) => l.subscription?.id === subject.renewing && l.chargeType === 'RENEW').map((l: any) => [four(l.unitPrice.amount), four(l.effectiveUnitPrice.amount), l.amount.amount, l.promotionId])).toEqual([
      [four(list), four(off(list, 10)), two(off(list, 10).mul(5)), 'promo-e3-renewal'],
    ]);

    // Renewed on 2040-03-10 (promotion running) and on 2040-04-10 (promotion over): discounted, then the list price.
    await setClock(t, '2040-04-12T08:00:00Z');
    await processDueWork(t);
    const lines = (await booked()).filter((l) => l.subscriptionId === subject.renewing);
    expect(lines.map((l) => [l.chargeType, l.effectiveUnitPrice, l.amount, l.promotionId])).toEqual([
      ['RENEW', four(off(list, 10)), two(off(list, 10).mul(5)), 'promo-e3-renewal'],
      ['RENEW', four(list), two(list.mul(5)), null],
    ]);
    expect(await billingOf(subject.renewing)).toMatchObject({ promotionId: null, termStart: '2040-04-10T00:00:00.000Z', billing: { promotionId: null } });
  });

  it('BIL-5/EA-8: an EA renewal gets the promotion for EA renewals, which a new purchase of the same terms does not', async () => {
    const customerId = (await createCustomer(t, partner)).id;
    const ea = await agreement(t, { customerId, number: agreementNumber(), endDate: '2040-05-31', subscriptions: [{ offerProvisioningId: E3_PROVISIONING, quantity: 20, endDate: '2040-05-31' }] });
    const made = await schedule(t, token, { eaSubscriptionId: ea.sub[E3_PROVISIONING], termDuration: 'P1Y', billingFrequency: 'ANNUAL', quantity: 10 });
    expect(made.errors).toEqual([]);

    await setClock(t, '2040-06-01T13:00:00Z');
    const year = await listPrice(E3, 'P1Y', 'ANNUAL');
    await processDueWork(t);
    const processed = await scheduleById(t, token, made.schedule.id);
    expect(processed.subscription).not.toBeNull();
    const id = processed.subscription.id;
    // 25% off the annual list price per licence; ten licences, one year.
    expect((await booked()).filter((l) => l.subscriptionId === id).map((l) => [l.chargeType, l.unitPrice, l.effectiveUnitPrice, l.amount, l.promotionId])).toEqual([
      ['NEW', four(year), four(off(year, 25)), two(off(year, 25).mul(10)), 'promo-e3-ea'],
    ]);
    expect(await billingOf(id)).toMatchObject({ promotionId: 'promo-e3-ea', billing: { promotionId: 'promo-e3-ea', commitment: { total: { amount: two(off(year, 25).mul(10)) } } } });

    const other = (await createCustomer(t, partner)).id;
    const bought = await buy(t, partner, other, [{ offerId: E3, quantity: 10, termDuration: 'P1Y', billingFrequency: 'ANNUAL' }]);
    expect(bought.payload.errors).toEqual([]);
    expect((await booked()).map((l) => [l.chargeType, l.effectiveUnitPrice, l.amount, l.promotionId])).toEqual([['NEW', four(year), two(year.mul(10)), null]]);
  });

  it('TRI-3: a trial conversion never gets a promotion, mid-term or at the end of the trial, though one applies to every kind of purchase of the paid SKU', async () => {
    await setClock(t, '2040-06-02T08:00:00Z');
    // The promotion is in force: a purchase of the paid SKU gets it (30% off).
    const list = await listPrice(E5, 'P1Y', 'MONTHLY');
    const buyer = (await createCustomer(t, partner)).id;
    const paid = await buy(t, partner, buyer, [{ offerId: E5, quantity: 3, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
    expect(paid.payload.errors).toEqual([]);
    expect((await booked()).map((l) => [l.chargeType, l.effectiveUnitPrice, l.promotionId])).toEqual([['NEW', four(off(list, 30)), 'promo-e5-all']]);

    const customerId = (await createCustomer(t, partner)).id;
    const trials = await buy(t, partner, customerId, [{ offerId: TRIAL, quantity: 25 }]);
    expect(trials.payload.errors).toEqual([]);
    const trial = trials.payload.order.lines[0].subscription.id;
    await booked();
    const input = { subscriptionId: trial, targetOfferId: E5 };
    const previewed = await preview('convertTrial', input);
    expect(previewed.errors).toEqual([]);
    const converted = dataOf(await t.gql(token, 'mutation($input: ConvertTrialInput!) { convertTrial(input: $input) { subscription { id } errors { code rule } } }', { input })).convertTrial;
    expect(converted.errors).toEqual([]);
    const lines = await booked();
    expect(lines.map((l) => [l.chargeType, l.unitPrice, l.effectiveUnitPrice, l.amount, l.promotionId])).toEqual([['CONVERSION', four(list), four(list), previewed.lines[0].amount.amount, null]]);
    expect((await billingOf(converted.subscription.id)).promotionId).toBeNull();

    // TRI-2: a trial left to run converts at the end of its month, at the list price too.
    const other = (await createCustomer(t, partner)).id;
    const running = await buy(t, partner, other, [{ offerId: TRIAL, quantity: 25 }]);
    const runningId = running.payload.order.lines[0].subscription.id;
    await booked();
    await setClock(t, '2040-07-03T08:00:00Z');
    const listThen = await listPrice(E5, 'P1Y', 'MONTHLY');
    await processDueWork(t);
    const atEnd = (await booked()).filter((l) => l.subscriptionId === runningId);
    expect(atEnd.map((l) => [l.chargeType, l.effectiveUnitPrice, l.promotionId])).toEqual([['CONVERSION', four(listThen), null]]);
    expect((await billingOf(runningId)).promotionId).toBeNull();
  });

  it('BIL-5/XFR-2: a promoted term moved to another partner keeps its promotion: the target is billed the effective price', async () => {
    await setClock(t, '2040-07-04T08:00:00Z');
    await importPromotions(t, [{ ...PROMOTIONS[0], id: 'promo-e3-summer', discountPercent: 15, startDate: '2040-07-01T00:00:00Z', endDate: '2040-12-31T23:59:59Z' }]);
    const list = await listPrice(E3, 'P1Y', 'MONTHLY');
    const { a: source, b: target, customerId } = await twoPartnersOneCustomer(t);
    const bought = await buy(t, source, customerId, [{ offerId: E3, quantity: 4, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
    expect(bought.payload.errors).toEqual([]);
    const moved = bought.payload.order.lines[0].subscription.id;

    await setClock(t, '2040-07-20T08:00:00Z');
    const transfer = (await transferMutation(t, await target.token(), 'createTransferRequest', { customerId, sourcePartnerId: source.partnerId, customerEmail: 'it@customer.example' })).transfer;
    expect((await transferMutation(t, await source.token(['ADMIN_AGENT']), 'acceptTransferRequest', { transferId: transfer.id, subscriptionIds: [moved] })).errors).toEqual([]);
    await processDueWork(t);
    const invoices = dataOf(await t.gql(await target.token(['BILLING_ADMIN']), LINES)).invoices.edges;
    const lines = invoices.flatMap((i: any) => i.node.lines.edges.map((e: any) => e.node));
    expect(lines.map((l: any) => [l.chargeType, four(l.unitPrice.amount), four(l.effectiveUnitPrice.amount), l.promotionId])).toEqual([['TRANSFER_IN', four(list), four(off(list, 15)), 'promo-e3-summer']]);
    const targetToken = await target.token(['ADMIN_AGENT']);
    const moved2 = dataOf(await t.gql(targetToken, BILLING, { id: lines[0].subscription.id })).subscription;
    expect(moved2).toMatchObject({ promotionId: 'promo-e3-summer', billing: { promotionId: 'promo-e3-summer', nextChargeAmount: { amount: two(off(list, 15).mul(4)) } } });
  });
});
