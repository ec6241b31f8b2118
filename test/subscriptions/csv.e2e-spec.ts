import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { insertSubscription } from './support';

const CSV = 'query($c: ID!) { subscriptionsCsv(customerId: $c) }';

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
    const e3 = await insertSubscription(t, { partnerId: partner.id, customerId, offerId: 'offer-m365-e3-no-teams', quantity: 25, termStart: '2027-03-01T00:00:00.000Z' });
    const bi = await insertSubscription(t, {
      partnerId: partner.id, customerId, offerId: 'offer-power-bi-pro', quantity: 3, termStart: '2027-03-01T00:00:00.000Z', autoRenew: false,
      billingFrequency: 'ANNUAL', promotionId: 'PROMO,"SPRING"\nEU', resellerPartnerId: '7654321',
    });
    const text = dataOf(await t.gql(await partner.token(['SALES_AGENT']), CSV, { c: customerId })).subscriptionsCsv;
    expect(text.startsWith('Subscription ID,Name,Quantity,Status,Billing cycle,Promotion,Reseller\r\n')).toBe(true);
    expect(text).toContain('"PROMO,""SPRING""\nEU"');
    expect(parseCsv(text)).toEqual([
      ['Subscription ID', 'Name', 'Quantity', 'Status', 'Billing cycle', 'Promotion', 'Reseller'],
      [e3, 'Microsoft 365 E3 (no Teams)', '25', 'Active; autorenew on; renews on 2028-03-01', 'MONTHLY', 'None', ''],
      [bi, 'Power BI Pro', '3', 'Active; autorenew off; expires on 2028-02-29', 'ANNUAL', 'PROMO,"SPRING"\nEU', '7654321'],
    ]);
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
