import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { processDueWork, setClock } from '../subscriptions/support';
import { createWebhook, type CreatedWebhook } from '../platform/support';
import { startReceiver, type Receiver } from '../platform/receiver';

const E3 = 'offer-m365-e3-no-teams';

const LINE_FIELDS = `id chargeType customer { id } subscription { id } order { id } offer { id } quantity
  unitPrice { amount currency } effectiveUnitPrice { amount currency } amount { amount currency }
  chargeStart chargeEnd promotionId resellerPartnerId customerName customerDomain customerCountry productId skuId productName skuName`;
const INVOICE_FIELDS = `id number periodStart periodEnd status currency total { amount currency } closedAt reconciliationUrl
  lines(first: 100) { totalCount edges { node { ${LINE_FIELDS} } } }`;
const INVOICES = `query($filter: InvoiceFilter) { invoices(filter: $filter, first: 100) { totalCount edges { node { ${INVOICE_FIELDS} } } } }`;
const INVOICE = `query($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`;

/** The sum of an invoice's lines, to the cent. */
const sumOf = (invoice: any) => invoice.lines.edges.reduce((sum: Decimal, e: any) => sum.plus(e.node.amount.amount), new Decimal(0)).toFixed(2);

/** SPEC §9b BIL-3/BIL-8: monthly invoices through the gateway, on the business clock. */
describe('invoices', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;
  let customer: { id: string; domain: string };
  let receiver: Receiver;
  let hook: CreatedWebhook;

  beforeAll(async () => {
    await setClock(t, '2027-05-01T08:00:00Z');
    partner = await onboardPartner(t);
    token = await partner.token(['BILLING_ADMIN']);
    customer = await createCustomer(t, partner);
    receiver = await startReceiver();
    hook = await createWebhook(t, partner, receiver.url, ['INVOICE_READY']);
  });
  afterAll(() => receiver?.down());

  const invoicesOf = async (tok: string, filter?: Record<string, unknown>) => dataOf(await t.gql(tok, INVOICES, { filter })).invoices;

  it('BIL-3: one invoice per month and currency holds every charge and credit of the month; its total is the sum of its lines to the cent; it closes at month end with INVOICE_READY and never changes', async () => {
    await setClock(t, '2027-05-10T09:00:00Z');
    const { payload } = await buy(t, partner, customer.id, [{ offerId: E3, quantity: 5, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
    expect(payload.errors).toEqual([]);
    const subscriptionId = payload.order.lines[0].subscription.id;
    await setClock(t, '2027-05-12T09:00:00Z');
    const increased = dataOf(await t.gql(await partner.token(['ADMIN_AGENT']), 'mutation($i: UpdateSubscriptionQuantityInput!) { updateSubscriptionQuantity(input: $i) { errors { code } } }', { i: { subscriptionId, quantity: 7 } }));
    expect(increased.updateSubscriptionQuantity.errors).toEqual([]);
    await setClock(t, '2027-05-13T09:00:00Z');
    const decreased = dataOf(await t.gql(await partner.token(['ADMIN_AGENT']), 'mutation($i: UpdateSubscriptionQuantityInput!) { updateSubscriptionQuantity(input: $i) { errors { code } } }', { i: { subscriptionId, quantity: 6 } }));
    expect(decreased.updateSubscriptionQuantity.errors).toEqual([]);
    await processDueWork(t);

    const open = await invoicesOf(token);
    expect(open.totalCount).toBe(1);
    const may = open.edges[0].node;
    expect(may).toMatchObject({ number: 1, status: 'OPEN', currency: 'EUR', periodStart: '2027-05-01T00:00:00.000Z', periodEnd: '2027-05-31T23:59:59.999Z', closedAt: null });
    expect(may.reconciliationUrl).toBe(`/billing/invoices/${may.id}/reconciliation.csv`);
    const lines = may.lines.edges.map((e: any) => e.node);
    expect(lines.map((l: any) => [l.chargeType, l.quantity, Math.sign(Number(l.amount.amount))])).toEqual([
      ['NEW', 5, 1],
      ['ADD_QUANTITY', 2, 1],
      ['REMOVE_QUANTITY', 1, -1],
    ]);
    const ledger = dataOf(await t.gql(token, 'query($id: ID!) { subscription(id: $id) { ledger { kind amount { amount } } } }', { id: subscriptionId })).subscription.ledger;
    expect(lines.map((l: any) => new Decimal(l.amount.amount).abs().toFixed(2))).toEqual(ledger.map((l: any) => l.amount.amount));
    expect(lines[0]).toMatchObject({
      customer: { id: customer.id },
      subscription: { id: subscriptionId },
      order: { id: payload.order.id },
      offer: { id: E3 },
      chargeStart: '2027-05-10T00:00:00.000Z',
      chargeEnd: '2027-06-09T23:59:59.999Z',
      promotionId: null,
      customerDomain: customer.domain,
      productId: expect.any(String),
      skuId: expect.any(String),
      skuName: expect.any(String),
    });
    expect(lines[0].unitPrice).toEqual(lines[0].effectiveUnitPrice);
    expect(new Decimal(lines[0].unitPrice.amount).mul(5).toFixed(2)).toBe(lines[0].amount.amount);
    expect(may.total).toEqual({ amount: sumOf(may), currency: 'EUR' });

    // 00:00 UTC of the first day of the next month: the May invoice closes, once.
    await setClock(t, '2027-06-01T00:00:05Z');
    await Promise.all([processDueWork(t), processDueWork(t)]);
    const closed = dataOf(await t.gql(token, INVOICE, { id: may.id })).invoice;
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: '2027-06-01T00:00:00.000Z', total: may.total });
    const ready = receiver.delivered().filter((r) => JSON.parse(r.body).type === 'invoice.ready');
    expect(ready).toHaveLength(1);
    const body = new StandardWebhook(hook.secret).verify(ready[0].body, ready[0].headers) as any;
    expect(body.data).toMatchObject({ tenantId: partner.id, resourceType: 'Invoice', resourceId: may.id, v: 1, number: 1, total: may.total.amount, currency: 'EUR', lines: 3 });

    // The next period is charged on June 10: on the June invoice; May stays as it closed.
    await setClock(t, '2027-06-10T03:00:00Z');
    await processDueWork(t);
    const all = await invoicesOf(token);
    expect(all.edges.map((e: any) => [e.node.number, e.node.status, e.node.periodStart.slice(0, 7)])).toEqual([
      [1, 'CLOSED', '2027-05'],
      [2, 'OPEN', '2027-06'],
    ]);
    const june = all.edges[1].node;
    expect(june.lines.edges.map((e: any) => [e.node.chargeType, e.node.quantity, e.node.chargeStart])).toEqual([['CYCLE_CHARGE', 6, '2027-06-10T00:00:00.000Z']]);
    expect(june.total).toEqual({ amount: sumOf(june), currency: 'EUR' });
    expect(dataOf(await t.gql(token, INVOICE, { id: may.id })).invoice).toEqual(closed);
    expect((await invoicesOf(token, { status: 'CLOSED' })).edges.map((e: any) => e.node.id)).toEqual([may.id]);
    expect((await invoicesOf(token, { from: '2027-06-01T00:00:00Z' })).edges.map((e: any) => e.node.id)).toEqual([june.id]);
  });

  it('BIL-8/ACT-2: BILLING_ADMIN, ADMIN_AGENT and GLOBAL_ADMIN read invoices; other roles are FORBIDDEN; another partner sees none (NOT_FOUND)', async () => {
    const [first] = (await invoicesOf(token)).edges.map((e: any) => e.node);
    for (const role of ['ADMIN_AGENT', 'GLOBAL_ADMIN'] as const) {
      expect(dataOf(await t.gql(await partner.token([role]), INVOICE, { id: first.id })).invoice.id).toBe(first.id);
    }
    for (const role of ['SALES_AGENT', 'HELPDESK_AGENT', 'ACCOUNT_ADMIN'] as const) {
      expect(codeOf(await t.gql(await partner.token([role]), INVOICES))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(await partner.token([role]), INVOICE, { id: first.id }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await t.gql(undefined, INVOICES))).toBe('UNAUTHENTICATED');
    const other = await onboardPartner(t);
    const otherToken = await other.token(['BILLING_ADMIN']);
    expect(codeOf(await t.gql(otherToken, INVOICE, { id: first.id }))).toBe('NOT_FOUND');
    expect((await invoicesOf(otherToken)).totalCount).toBe(0);
    // Billing figures of a subscription are for the same readers only.
    const line = first.lines.edges[0].node;
    const helpdesk = dataOf(await t.gql(await partner.token(['HELPDESK_AGENT']), 'query($id: ID!) { subscription(id: $id) { billing { nextChargeAt } } }', { id: line.subscription.id }));
    expect(helpdesk.subscription.billing).toBeNull();
  });
  it('BIL-4: a line of an open invoice read before due work has run shows the names of its customer, product and SKU, in the API and in the reconciliation file, read in one batch per response; due work then keeps the same names on it', async () => {
    await setClock(t, '2027-06-15T09:00:00Z');
    const fresh = await onboardPartner(t);
    const freshToken = await fresh.token(['BILLING_ADMIN']);
    const LINES = [
      { offerId: E3, quantity: 3, termDuration: 'P1Y', billingFrequency: 'MONTHLY' },
      { offerId: 'offer-power-bi-pro', quantity: 2, termDuration: 'P1M', billingFrequency: 'MONTHLY' },
    ];
    const buyFor = async () => {
      const { payload } = await buy(t, fresh, (await createCustomer(t, fresh)).id, LINES);
      expect(payload.errors).toEqual([]);
    };
    const NAMED = `query { invoices(first: 10) { edges { node { status reconciliationUrl lines(first: 10) { edges { node {
      customerName customerDomain customerCountry productId skuId productName skuName
      customer { companyName domain country } offer { id name productFamily productId skuId } } } } } } } }`;
    const linesOf = async () => dataOf(await t.gql(freshToken, NAMED)).invoices.edges.flatMap((e: any) => e.node.lines.edges.map((l: any) => l.node));
    const statementsOf = async () => {
      await t.gql(freshToken, NAMED); // warm-up: tenant lookups, prepared statements
      const { body, statements } = await t.countedGql(freshToken, NAMED);
      expect(body.errors).toBeUndefined();
      return statements;
    };
    const fileOf = async () => {
      const [invoice] = dataOf(await t.gql(freshToken, NAMED)).invoices.edges.map((e: any) => e.node);
      const response = await fetch(new URL(invoice.reconciliationUrl, t.gatewayUrl), { headers: { authorization: `Bearer ${freshToken}` } });
      expect(response.status).toBe(200);
      return (parse(await response.text(), { columns: true }) as Record<string, string>[]).map((r) => [r.CustomerName, r.CustomerDomainName, r.CustomerCountry, r.MpnId, r.ProductId, r.SkuId, r.ProductName, r.SkuName]);
    };
    // No due work since the checkouts: the lines are not described yet. Twice the lines, of two
    // customers, cost the same statements: the names are read in one batch per owner.
    await buyFor();
    const fewer = await statementsOf();
    await buyFor();
    expect(await statementsOf()).toBe(fewer);
    // They show their names all the same.
    const before = await linesOf();
    const fileBefore = await fileOf();
    const partnerId = dataOf(await t.gql(freshToken, 'query($id: ID!) { partner(id: $id) { partnerId } }', { id: fresh.id })).partner.partnerId;
    expect(fileBefore).toEqual(before.map((l: any) => [l.customerName, l.customerDomain, l.customerCountry, partnerId, l.productId, l.skuId, l.productName, l.skuName]));
    expect(before.map((l: any) => l.offer.id).sort()).toEqual([E3, E3, 'offer-power-bi-pro', 'offer-power-bi-pro']);
    for (const line of before) {
      expect(line).toEqual({
        customerName: line.customer.companyName,
        customerDomain: line.customer.domain,
        customerCountry: line.customer.country,
        productId: line.offer.productId,
        skuId: line.offer.skuId,
        productName: line.offer.productFamily,
        skuName: line.offer.name,
        customer: line.customer,
        offer: line.offer,
      });
      expect([line.customerName, line.customerDomain, line.customerCountry, line.productId, line.skuId, line.productName, line.skuName].every((value) => typeof value === 'string' && value.length > 0)).toBe(true);
    }
    // Due work writes the same names onto the lines (and the file's PartnerID).
    await processDueWork(t);
    expect(await linesOf()).toEqual(before);
    expect(await fileOf()).toEqual(fileBefore);
  });
});
