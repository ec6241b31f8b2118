import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { processDueWork, setClock } from '../subscriptions/support';

const E3 = 'offer-m365-e3-no-teams';
const INVOICES = `{ invoices(first: 100) { edges { node { id number currency status total { amount } reconciliationUrl
  lines(first: 100) { edges { node { id chargeType quantity amount { amount } unitPrice { amount } customer { id } subscription { id } customerName customerDomain productId skuId chargeStart chargeEnd } } } } } } }`;

/** SPEC §9b BIL-4/BIL-8: the reconciliation file of an invoice, through the gateway. */
describe('invoice reconciliation file', () => {
  const t = useStack();
  let partner: TestPartner;

  beforeAll(async () => {
    await setClock(t, '2027-08-01T08:00:00Z');
    partner = await onboardPartner(t);
  });

  const file = (url: string, token?: string) => fetch(new URL(url, t.gatewayUrl), { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('BIL-4: the CSV of a month equals its invoice line by line, in Partner Center’s column layout, RFC 4180 quoted and guarded against formula injection', async () => {
    const token = await partner.token(['BILLING_ADMIN']);
    const quoted = await createCustomer(t, partner, { companyName: 'Müller, "Quoted" & Sons' });
    const formula = await createCustomer(t, partner, { companyName: '=HYPERLINK("http://evil.example","x")' });
    await setClock(t, '2027-08-05T10:00:00Z');
    for (const customer of [quoted, formula]) {
      const { payload } = await buy(t, partner, customer.id, [{ offerId: E3, quantity: 3, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
      expect(payload.errors).toEqual([]);
    }
    await processDueWork(t);
    const invoice = dataOf(await t.gql(token, INVOICES)).invoices.edges[0].node;
    const lines = invoice.lines.edges.map((e: any) => e.node);
    expect(lines).toHaveLength(2);

    const response = await file(invoice.reconciliationUrl, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    expect(text.split('\r\n')[0].split(',').slice(0, 6)).toEqual(['PartnerId', 'CustomerId', 'CustomerName', 'CustomerDomainName', 'CustomerCountry', 'InvoiceNumber']);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.AlternateId, r.CustomerId, r.SubscriptionId, r.ChargeType, r.Quantity, r.Total, r.UnitPrice, r.ProductId, r.SkuId, r.ChargeStartDate, r.ChargeEndDate])).toEqual(
      lines.map((l: any) => [l.id, l.customer.id, l.subscription.id, l.chargeType, String(l.quantity), l.amount.amount, new Decimal(l.unitPrice.amount).toFixed(4), l.productId, l.skuId, l.chargeStart.slice(0, 10), l.chargeEnd.slice(0, 10)]),
    );
    expect(rows.every((r) => r.InvoiceNumber === String(invoice.number) && r.Currency === invoice.currency && r.TaxTotal === '0.00' && r.TermAndBillingCycle === '1 Year Subscription - Monthly')).toBe(true);
    expect(rows.reduce((sum, r) => sum.plus(r.Total), new Decimal(0)).toFixed(2)).toBe(invoice.total.amount);
    // RFC 4180: a comma and quotes in a name survive the round trip; a formula is made inert.
    expect(rows.find((r) => r.CustomerId === quoted.id)!.CustomerName).toBe('Müller, "Quoted" & Sons');
    expect(text).toContain('"Müller, ""Quoted"" & Sons"');
    expect(rows.find((r) => r.CustomerId === formula.id)!.CustomerName).toBe(`'=HYPERLINK("http://evil.example","x")`);
  });

  it('BIL-8/ACT-2: the file is for BILLING_ADMIN, ADMIN_AGENT and GLOBAL_ADMIN of the invoice’s partner; others get 401, 403 or 404; the id is validated', async () => {
    const invoice = dataOf(await t.gql(await partner.token(['BILLING_ADMIN']), INVOICES)).invoices.edges[0].node;
    for (const role of ['ADMIN_AGENT', 'GLOBAL_ADMIN'] as const) expect((await file(invoice.reconciliationUrl, await partner.token([role]))).status).toBe(200);
    expect((await file(invoice.reconciliationUrl, await partner.token(['SALES_AGENT']))).status).toBe(403);
    expect((await file(invoice.reconciliationUrl)).status).toBe(401);
    const other = await onboardPartner(t);
    expect((await file(invoice.reconciliationUrl, await other.token(['BILLING_ADMIN']))).status).toBe(404);
    const token = await partner.token(['BILLING_ADMIN']);
    expect((await file('/billing/invoices/..%2F..%2Fgraphql/reconciliation.csv', token)).status).toBe(404);
    expect((await file(`${invoice.reconciliationUrl}?x=1`, token)).status).toBe(200);
  });
});
