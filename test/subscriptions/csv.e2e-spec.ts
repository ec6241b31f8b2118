import { importPromotions, promotion } from '../catalog/promotions.support';
import { partneredReseller } from '../customers/helpers';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { subscribeAt } from './support';

const CSV = 'query($c: ID!) { subscriptionsCsv(customerId: $c) }';
const IMPORT_OFFER = 'mutation($i: ImportOffersInput!) { importOffers(input: $i) { offers { id } errors { code message rule } } }';

/** Parses RFC 4180 text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  return rows;
}

describe('subscriptionsCsv (SUB-10)', () => {
  const t = useStack();
  let partner: TestPartner;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    customerId = (await createCustomer(t, partner)).id;
  });

  it('SUB-10: exports id, offer name, quantity, status with autorenew and renewal date, billing cycle, promotion or None, reseller', async () => {
    // An offer whose name needs quoting in CSV (a comma and quotes; the API takes no control characters, so no line break),
    // with a promotion (BIL-5), bought by an indirect provider, which names its reseller (ORD-2). A direct-bill partner's subscription has none.
    const name = 'Widgets, "Pro" Edition';
    const imported = dataOf(await t.gql(await t.operatorToken(), IMPORT_OFFER, { i: { offers: [{
      id: 'offer-csv-widgets', name, provisioningId: 'Csv_Widgets', productFamily: 'Widgets', publisher: 'ISV', isvPublisher: 'Widgets Ltd', billingType: 'LICENSE',
      category: 'ENTERPRISE', segments: ['COMMERCIAL'], lifecycle: 'AVAILABLE', termDurations: ['P1M', 'P1Y'], billingFrequencies: ['MONTHLY', 'ANNUAL'], markets: ['DE'], listPriceUsd: '10.00',
    }] } })).importOffers;
    expect(imported.errors).toEqual([]);
    const promotionId = 'SPRING-EU';
    await importPromotions(t, [
      promotion({ id: promotionId, offerId: 'offer-csv-widgets', markets: ['DE'], billingFrequency: 'ANNUAL', startDate: '2027-01-01T00:00:00Z', endDate: '2027-12-31T23:59:59Z' }),
    ]);
    const { provider, reseller } = await partneredReseller(t);
    const providerCustomerId = (await createCustomer(t, provider)).id;
    const e3 = await subscribeAt(t, { partnerId: partner.id, customerId, offerId: 'offer-m365-e3-no-teams', quantity: 25, at: '2027-03-01T00:00:00.000Z' });
    const bi = await subscribeAt(t, {
      partnerId: provider.id, customerId: providerCustomerId, offerId: 'offer-csv-widgets', quantity: 3, at: '2027-03-01T00:00:00.000Z', autoRenew: false,
      billingFrequency: 'ANNUAL', resellerPartnerId: reseller.partnerId,
    });
    const header = ['Subscription ID', 'Name', 'Quantity', 'Status', 'Billing cycle', 'Promotion', 'Reseller'];
    const direct = dataOf(await t.gql(await partner.token(['SALES_AGENT']), CSV, { c: customerId })).subscriptionsCsv;
    expect(direct.startsWith('Subscription ID,Name,Quantity,Status,Billing cycle,Promotion,Reseller\r\n')).toBe(true);
    expect(parseCsv(direct)).toEqual([header, [e3, 'Microsoft 365 E3 (no Teams)', '25', 'Active; autorenew on; renews on 2028-03-01', 'MONTHLY', 'None', '']]);
    const text = dataOf(await t.gql(await provider.token(['SALES_AGENT']), CSV, { c: providerCustomerId })).subscriptionsCsv;
    expect(text).toContain('"Widgets, ""Pro"" Edition"');
    expect(parseCsv(text)).toEqual([header, [bi, name, '3', 'Active; autorenew off; expires on 2028-02-29', 'ANNUAL', promotionId, reseller.partnerId]]);
  });

  it('ACT-2: another partner exports nothing of this customer (NOT_FOUND), and roles outside the matrix are FORBIDDEN (ACT-3)', async () => {
    const other = await onboardPartner(t);
    expect(codeOf(await t.gql(await other.token(['ADMIN_AGENT']), CSV, { c: customerId }))).toBe('NOT_FOUND');
    for (const role of ['ACCOUNT_ADMIN', 'REFERRALS_ADMIN', 'MARKETING_CONTENT_ADMIN'] as const) {
      expect(codeOf(await t.gql(await partner.token([role]), CSV, { c: customerId }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await t.gql(await t.token(customerId, ['CUSTOMER_ADMIN']), CSV, { c: customerId }))).toBe('FORBIDDEN');
    for (const role of ['ADMIN_AGENT', 'HELPDESK_AGENT', 'BILLING_ADMIN', 'GLOBAL_ADMIN'] as const) {
      expect(dataOf(await t.gql(await partner.token([role]), CSV, { c: customerId })).subscriptionsCsv).toContain('Subscription ID');
    }
  });

  it('SUB-10: a visible customer without subscriptions exports only the header', async () => {
    const empty = await createCustomer(t, partner);
    expect(dataOf(await t.gql(await partner.token(), CSV, { c: empty.id })).subscriptionsCsv).toBe('Subscription ID,Name,Quantity,Status,Billing cycle,Promotion,Reseller\r\n');
  });
});
