import { onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';

const IMPORT = `mutation($i: ImportOffersInput!) { importOffers(input: $i) {
  offers { id provisioningId name lifecycle markets price(market: "DE") { amount currency } priceDetails(market: "BR") { amount currency taxIncluded }
           upgradeTargets { kind offer { id } } suite { persona } }
  errors { code message rule } } }`;

function sku(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Contoso Widgets Pro',
    provisioningId: 'Contoso_Widgets_Pro',
    productFamily: 'Contoso Widgets',
    publisher: 'ISV',
    isvPublisher: 'Contoso Widgets Ltd',
    billingType: 'LICENSE',
    category: 'ENTERPRISE',
    segments: ['COMMERCIAL', 'NONPROFIT'],
    lifecycle: 'AVAILABLE',
    termDurations: ['P1M', 'P1Y'],
    billingFrequencies: ['MONTHLY', 'ANNUAL'],
    markets: ['DE', 'BR', 'US'],
    listPriceUsd: '10.00',
    setupUrl: 'https://widgets.contoso.example/setup',
    marketplaceTrialDays: 30,
    ...overrides,
  };
}

describe('importOffers (CAT-1, operator import)', () => {
  const t = useStack();

  it('CAT-1: the operator loads an offer with converted and explicit prices; it is in the catalog at once', async () => {
    const response = await t.gql(await t.operatorToken(), IMPORT, {
      i: { offers: [sku({ prices: [{ market: 'DE', currency: 'EUR', amount: '9.5' }] })] },
    });
    const [offer] = dataOf(response).importOffers.offers;
    expect(dataOf(response).importOffers.errors).toEqual([]);
    expect(offer).toMatchObject({
      provisioningId: 'Contoso_Widgets_Pro',
      price: { amount: '9.50', currency: 'EUR' },
      priceDetails: { amount: '62.10', currency: 'BRL', taxIncluded: true },
    });
    const { rows } = await t.db.query(`select operation, resource_type from platform.audit_record where operation = 'importOffers'`);
    expect(rows).toEqual([{ operation: 'importOffers', resource_type: 'Offer' }]);
    const partner = await onboardPartner(t);
    const found = await t.gql(await partner.token(), `{ offers(filter: { search: "Widgets Pro" }) { totalCount edges { node { id setupUrl marketplaceTrialDays } } } }`);
    expect(dataOf(found).offers.edges).toEqual([{ node: { id: offer.id, setupUrl: 'https://widgets.contoso.example/setup', marketplaceTrialDays: 30 } }]);
  });

  it('CAT-1: importing again is idempotent by provisioning id: same id, updated facts, no duplicate, stale market prices removed', async () => {
    const operator = await t.operatorToken();
    const first = dataOf(await t.gql(operator, IMPORT, { i: { offers: [sku({ provisioningId: 'Contoso_Widgets_Lite', name: 'Lite' })] } })).importOffers.offers[0];
    const again = dataOf(
      await t.gql(operator, IMPORT, {
        i: { offers: [sku({ provisioningId: 'Contoso_Widgets_Lite', name: 'Lite 2', markets: ['DE', 'US'], listPriceUsd: '20', lifecycle: 'END_OF_SALE' })] },
      }),
    ).importOffers.offers[0];
    expect(again).toMatchObject({ id: first.id, name: 'Lite 2', lifecycle: 'END_OF_SALE', markets: ['DE', 'US'], price: { amount: '18.40' }, priceDetails: null });
    const { rows } = await t.db.query(`select count(*)::int as n from catalog.offer where provisioning_id = 'Contoso_Widgets_Lite'`);
    expect(rows[0].n).toBe(1);
    const prices = await t.db.query(`select market from catalog.offer_price where offer_id = $1 order by market`, [first.id]);
    expect(prices.rows.map((r) => r.market)).toEqual(['DE', 'US']);
    // The seeded catalog can be updated the same way; its ids stay stable.
    const seeded = dataOf(
      await t.gql(operator, IMPORT, {
        i: {
          offers: [
            sku({
              provisioningId: 'Microsoft_365_E3_(no_Teams)',
              name: 'Microsoft 365 E3 (no Teams)',
              publisher: 'MICROSOFT',
              isvPublisher: null,
              listPriceUsd: '33.75',
              markets: ['DE'],
              setupUrl: null,
              marketplaceTrialDays: null,
              upgradeTargets: [{ provisioningId: 'Microsoft_365_E5_(no_Teams)', kind: 'LINEAR' }],
            }),
          ],
        },
      }),
    ).importOffers.offers[0];
    expect(seeded).toMatchObject({ id: 'offer-m365-e3-no-teams', price: { amount: '31.05' }, upgradeTargets: [{ kind: 'LINEAR', offer: { id: 'offer-m365-e5-no-teams' } }] });
  });

  it('CAT-10: an import may restate upgrade paths of a SKU', async () => {
    const operator = await t.operatorToken();
    const base = sku({ provisioningId: 'Contoso_Widgets_Basic', publisher: 'MICROSOFT', isvPublisher: null, listPriceUsd: '3' });
    const top = sku({ provisioningId: 'Contoso_Widgets_Max', publisher: 'MICROSOFT', isvPublisher: null, listPriceUsd: '30' });
    const imported = dataOf(
      await t.gql(operator, IMPORT, { i: { offers: [top, { ...base, upgradeTargets: [{ provisioningId: 'Contoso_Widgets_Max', kind: 'CATEGORY_SWITCH' }] }] } }),
    ).importOffers.offers;
    expect(imported[1].upgradeTargets).toEqual([{ kind: 'CATEGORY_SWITCH', offer: { id: imported[0].id } }]);
    const back = await t.gql(operator, `{ offer(id: "${imported[0].id}") { upgradeEligibility(targetOfferId: "${imported[1].id}") { eligible detail } } }`);
    expect(dataOf(back).offer.upgradeEligibility).toEqual({ eligible: false, detail: 'DOWNGRADE' });
    const cleared = dataOf(await t.gql(operator, IMPORT, { i: { offers: [{ ...base, upgradeTargets: [] }] } })).importOffers.offers;
    expect(cleared[0].upgradeTargets).toEqual([]);
  });

  it('SW-2 / SW-3: software choices, key type and per-term billing are imported as data; KMS is no key type', async () => {
    const server = sku({
      name: 'Contoso Server 2025',
      provisioningId: 'Contoso_Server_2025',
      publisher: 'MICROSOFT',
      isvPublisher: undefined,
      setupUrl: undefined,
      marketplaceTrialDays: undefined,
      termDurations: ['P1Y', 'P3Y'],
      billingFrequencies: ['ANNUAL', 'TRIENNIAL'],
      isSoftware: true,
      commercialOnly: true,
      software: { versions: ['2025'], languages: ['English'], fileTypes: ['ISO'], keyType: 'MULTIPLE_ACTIVATION' },
      termBilling: [{ termDuration: 'P1Y', billingFrequencies: ['ANNUAL'] }, { termDuration: 'P3Y', billingFrequencies: ['ANNUAL', 'TRIENNIAL'] }],
    });
    const query = `mutation($i: ImportOffersInput!) { importOffers(input: $i) { offers { commercialOnly software { versions languages fileTypes keyType } termBilling { termDuration billingFrequencies } } errors { code } } }`;
    const [offer] = dataOf(await t.gql(await t.operatorToken(), query, { i: { offers: [server] } })).importOffers.offers;
    expect(offer).toEqual({
      commercialOnly: true,
      software: { versions: ['2025'], languages: ['English'], fileTypes: ['ISO'], keyType: 'MULTIPLE_ACTIVATION' },
      termBilling: [{ termDuration: 'P1Y', billingFrequencies: ['ANNUAL'] }, { termDuration: 'P3Y', billingFrequencies: ['ANNUAL', 'TRIENNIAL'] }],
    });
    const kms = await t.gql(await t.operatorToken(), query, { i: { offers: [{ ...server, software: { versions: ['2025'], keyType: 'KMS' } }] } });
    expect(codeOf(kms)).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    const badTerm = await t.gql(await t.operatorToken(), query, { i: { offers: [{ ...server, termBilling: [{ termDuration: 'P1M', billingFrequencies: ['MONTHLY'] }] }] } });
    expect(codeOf(badTerm)).toBe('BAD_USER_INPUT');
  });

  it('ACT-3: only the platform operator may import offers', async () => {
    const partner = await onboardPartner(t);
    const response = await t.gql(await partner.token(['ADMIN_AGENT', 'GLOBAL_ADMIN']), IMPORT, { i: { offers: [sku({ provisioningId: 'Nope' })] } });
    expect(codeOf(response)).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(undefined, IMPORT, { i: { offers: [sku()] } }))).toBe('UNAUTHENTICATED');
    const { rows } = await t.db.query(`select 1 from catalog.offer where provisioning_id = 'Nope'`);
    expect(rows).toEqual([]);
  });

  it('invalid imports are BAD_USER_INPUT and change nothing', async () => {
    const operator = await t.operatorToken();
    const cases = [
      sku({ provisioningId: 'Bad_1', markets: ['Germany'] }),
      sku({ provisioningId: 'Bad_2', listPriceUsd: '1e3' }),
      sku({ provisioningId: 'Bad_3', termDurations: ['P2Y'] }),
      sku({ provisioningId: 'Bad_4', minQuantity: 10, maxQuantity: 5 }),
      sku({ provisioningId: 'Bad_5', prices: [{ market: 'FR', currency: 'EUR', amount: '1' }] }),
      sku({ provisioningId: 'Bad_6', id: 'offer-m365-e3-no-teams' }),
    ];
    for (const bad of cases) {
      const response = await t.gql(operator, IMPORT, { i: { offers: [sku({ provisioningId: 'Good_Before_Bad' }), bad] } });
      expect([bad.provisioningId, codeOf(response)]).toEqual([bad.provisioningId, 'BAD_USER_INPUT']);
    }
    expect(codeOf(await t.gql(operator, IMPORT, { i: { offers: [sku({ provisioningId: 'Dup' }), sku({ provisioningId: 'Dup' })] } }))).toBe('BAD_USER_INPUT');
    const { rows } = await t.db.query(`select provisioning_id from catalog.offer where provisioning_id in ('Good_Before_Bad', 'Dup') or provisioning_id like 'Bad_%'`);
    expect(rows).toEqual([]);
  });

  it("BIL-7: offers carry Partner Center's ProductId and SkuId: seeded, imported, kept when an import names none, one offer per pair", async () => {
    const operator = await t.operatorToken();
    const ids = `{ productId skuId }`;
    expect(dataOf(await t.gql(operator, `{ offer(id: "offer-o365-e3") ${ids} }`)).offer).toEqual({ productId: 'CFQ7TTC0LF8Q', skuId: '0001' });
    const imported = dataOf(await t.gql(operator, `mutation($i: ImportOffersInput!) { importOffers(input: $i) { offers { id productId skuId } errors { code } } }`, {
      i: { offers: [sku({ provisioningId: 'Contoso_Widgets_Ids', productId: 'DZH318Z0W1DG', skuId: '0001' })] },
    })).importOffers.offers[0];
    expect(imported).toMatchObject({ productId: 'DZH318Z0W1DG', skuId: '0001' });
    const again = dataOf(await t.gql(operator, `mutation($i: ImportOffersInput!) { importOffers(input: $i) { offers { productId skuId } } }`, { i: { offers: [sku({ provisioningId: 'Contoso_Widgets_Ids', name: 'Renamed' })] } }));
    expect(again.importOffers.offers[0]).toEqual({ productId: 'DZH318Z0W1DG', skuId: '0001' });
    const bad = [
      sku({ provisioningId: 'Ids_Taken', productId: 'CFQ7TTC0LF8Q', skuId: '0001' }),
      sku({ provisioningId: 'Ids_Half', productId: 'DZH318Z0W1DH' }),
      sku({ provisioningId: 'Ids_Shape', productId: 'cfq7', skuId: '0001' }),
    ];
    for (const offer of bad) {
      const response = await t.gql(operator, IMPORT, { i: { offers: [offer] } });
      expect([offer.provisioningId, codeOf(response), response.errors?.[0].extensions?.field]).toEqual([offer.provisioningId, 'BAD_USER_INPUT', ['input', 'offers', '0', 'productId']]);
    }
    const { rows } = await t.db.query(`select provisioning_id from catalog.offer where provisioning_id like 'Ids_%'`);
    expect(rows).toEqual([]);
  });
});
