import { SECRET_HEADER } from '../../shared/auth/forwarding';
import { gatewaySecret } from '../../shared/config';
import { onboardPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { priceListCsv, priceRow, putPriceList } from './pricing.support';

/** PUT /catalog/price-list: Partner Center's license-based price list, streamed into the catalog (BIL-7). */
describe('price list import (BIL-7)', () => {
  const t = useStack();
  const entries = async () => (await t.db.query(`select count(*)::int as n from catalog.price_list_entry`)).rows[0].n as number;

  it('BIL-7: the operator imports the price list: prices are created, the same file again changes nothing, a changed price is updated', async () => {
    const operator = await t.operatorToken();
    const file = priceListCsv([
      priceRow(),
      priceRow({ BillingPlan: 'Annual', UnitPrice: '404.40' }),
      priceRow({ TermDuration: 'P1M', UnitPrice: '40.80' }),
      priceRow({ Market: 'US', Currency: 'USD', UnitPrice: '37.80' }),
    ]);
    const first = await putPriceList(t, operator, file);
    expect(first).toEqual({ status: 200, body: { rows: 4, created: 4, updated: 0, unchanged: 0, errors: [], errorCount: 0 } });
    const again = await putPriceList(t, operator, file);
    expect(again.body).toEqual({ rows: 4, created: 0, updated: 0, unchanged: 4, errors: [], errorCount: 0 });
    const changed = await putPriceList(t, operator, priceListCsv([priceRow({ UnitPrice: '36.00' }), priceRow({ BillingPlan: 'Annual', UnitPrice: '404.40' })]));
    expect(changed.body).toMatchObject({ rows: 2, created: 0, updated: 1, unchanged: 1 });
    const { rows } = await t.db.query(`select unit_price::text as price from catalog.price_list_entry where offer_id = 'offer-m365-e3-no-teams' and market = 'DE' and term_duration = 'P1Y' and billing_plan = 'MONTHLY'`);
    expect(rows).toEqual([{ price: '36.000000' }]);
    const audit = await t.db.query(`select resource_type, outcome from platform.audit_record where operation = 'importPriceList'`);
    expect(audit.rows).toHaveLength(3);
  });

  it('BIL-7: bad rows are refused line by line (non-numeric price, unknown market, end before start, formula-like value, duplicate) and change nothing; the good rows are imported', async () => {
    const before = await entries();
    const file = priceListCsv([
      priceRow({ Market: 'AT', UnitPrice: 'twelve' }),
      priceRow({ Market: 'QQ' }),
      priceRow({ Market: 'FR', EffectiveStartDate: '2027-03-01T00:00:00Z', EffectiveEndDate: '2/1/2027 0:00' }),
      priceRow({ Market: 'IT', SkuTitle: '=HYPERLINK("https://evil.example","Click")' }),
      priceRow({ Market: 'ES', Currency: 'EUR', UnitPrice: '35.10' }),
      priceRow({ Market: 'ES', Currency: 'EUR', UnitPrice: '35.20' }),
      priceRow({ ProductId: 'CFQ7TTC0ZZZZ' }),
    ]);
    const { status, body } = await putPriceList(t, await t.operatorToken(), file);
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 7, created: 1, updated: 0, unchanged: 0, errorCount: 6 });
    expect(body.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4, 5, 7, 8]);
    const [price, market, dates, formula, duplicate, product] = body.errors.map((e: { message: string }) => e.message);
    expect(price).toMatch(/UnitPrice: "twelve" is not a price/);
    expect(market).toMatch(/unknown market "QQ"/);
    expect(dates).toMatch(/EffectiveEndDate is not after EffectiveStartDate/);
    expect(formula).toMatch(/SkuTitle: a formula-like value is refused/);
    expect(duplicate).toMatch(/already on line 6/);
    expect(product).toMatch(/CFQ7TTC0ZZZZ\/0002: no offer of the catalog/);
    expect(await entries()).toBe(before + 1);
    const { rows } = await t.db.query(`select market from catalog.price_list_entry where market in ('AT', 'QQ', 'FR', 'IT', 'ES')`);
    expect(rows).toEqual([{ market: 'ES' }]);
  });

  it('BIL-7: a file without the layout’s columns, or an empty one, is refused whole (400) and changes nothing', async () => {
    const before = await entries();
    const operator = await t.operatorToken();
    const missing = await putPriceList(t, operator, priceListCsv([priceRow().slice(0, 5)], ['ProductTitle', 'ProductId', 'SkuId', 'SkuTitle', 'Publisher']));
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/lacks the columns TermDuration, BillingPlan, Market, Currency, UnitPrice, EffectiveStartDate, EffectiveEndDate/);
    expect((await putPriceList(t, operator, '')).status).toBe(400);
    expect(await entries()).toBe(before);
    // A row with the wrong number of cells is one refused row.
    const ragged = await putPriceList(t, operator, priceListCsv([priceRow({ Market: 'PL' })]) + '"only","three","cells"\r\n');
    expect(ragged.body).toMatchObject({ rows: 2, created: 1, errorCount: 1, errors: [{ line: 3 }] });
  });

  it('BIL-7, ACT-3: only the operator imports, with a bearer token and text/csv; other methods get 405', async () => {
    const before = await entries();
    const file = priceListCsv([priceRow({ Market: 'NL' })]);
    const partner = await onboardPartner(t);
    expect((await putPriceList(t, undefined, file)).status).toBe(401);
    expect((await putPriceList(t, 'not-a-token', file)).status).toBe(401);
    expect((await putPriceList(t, await partner.token(['ADMIN_AGENT', 'GLOBAL_ADMIN', 'BILLING_ADMIN']), file)).status).toBe(403);
    expect((await putPriceList(t, await t.operatorToken(), file, { contentType: 'application/json' })).status).toBe(415);
    expect((await putPriceList(t, await t.operatorToken(), file, { method: 'POST' })).status).toBe(405);
    expect((await putPriceList(t, await t.operatorToken(), file, { method: 'GET' })).status).toBe(405);
    expect(await entries()).toBe(before);
  });

  it('BIL-7: the catalog serves the import on its one internal path and method only, behind the gateway secret', async () => {
    const catalog = t.stack.subgraphs.catalog.url.replace(/\/graphql$/, '');
    const file = priceListCsv([priceRow({ Market: 'BE' })]);
    const send = (path: string, method = 'PUT', secret = gatewaySecret()) =>
      fetch(`${catalog}${path}`, { method, headers: { 'content-type': 'text/csv', [SECRET_HEADER]: secret }, body: file });
    expect((await send('/internal/catalog/price-list', 'PUT', 'wrong')).status).toBe(401);
    // Without an identity the gateway would have forwarded: refused.
    expect((await send('/internal/catalog/price-list')).status).toBe(401);
    expect((await send('/internal/catalog/price-list', 'POST')).status).toBe(405);
    for (const path of ['/internal/catalog/price-list?x=1', '/internal/catalog/price-list/', '/internal/catalog/price-list/../price-list', '/catalog/price-list']) {
      const response = await send(path);
      expect([path, response.status === 200 && 'rows' in ((await response.json()) as object)]).toEqual([path, false]);
    }
    const { rows } = await t.db.query(`select count(*)::int as n from catalog.price_list_entry where market = 'BE'`);
    expect(rows[0].n).toBe(0);
  });
});
