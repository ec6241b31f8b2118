import { RESERVATION_EXCLUDED_MARKETS } from '../../subgraphs/catalog/seed/markets';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';

const OFFER_FIELDS = `id name provisioningId productFamily publisher billingType category segments lifecycle markets
  termDurations billingFrequencies minQuantity maxQuantity onePerCustomer prerequisites`;

describe('catalog (SPEC §4)', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token();
  });

  async function offer(id: string, fields: string) {
    return dataOf(await t.gql(token, `query($id: ID!) { offer(id: $id) { ${fields} } }`, { id })).offer;
  }

  async function ids(filter: Record<string, unknown>, first = 100): Promise<string[]> {
    const data = dataOf(await t.gql(token, `query($f: OfferFilter) { offers(first: ${first}, filter: $f) { totalCount edges { node { id } } } }`, { f: filter }));
    expect(data.offers.totalCount).toBe(data.offers.edges.length);
    return data.offers.edges.map((e: { node: { id: string } }) => e.node.id);
  }

  it('CAT-1: a SKU has provisioning id, publisher, billing type, category, segments, markets, terms, billing frequencies, prices and lifecycle', async () => {
    const e3 = await offer('offer-m365-e3-no-teams', `${OFFER_FIELDS} price(market: "DE") { amount currency } us: price(market: "US") { amount currency }`);
    expect(e3).toMatchObject({
      provisioningId: 'Microsoft_365_E3_(no_Teams)',
      publisher: 'MICROSOFT',
      billingType: 'LICENSE',
      category: 'ENTERPRISE',
      lifecycle: 'AVAILABLE',
      termDurations: ['P1M', 'P1Y', 'P3Y'],
      billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'],
      price: { amount: '31.05', currency: 'EUR' },
      us: { amount: '33.75', currency: 'USD' },
    });
    expect(e3.segments).toContain('COMMERCIAL');
    expect(e3.markets).toEqual(expect.arrayContaining(['DE', 'US', 'JP', 'AU', 'BR']));
    // Exact decimals in the store, formatted to the currency digits (JPY has none).
    expect(await offer('offer-m365-e3-no-teams', 'price(market: "JP") { amount currency }')).toEqual({ price: { amount: '5063', currency: 'JPY' } });
    const { rows } = await t.db.query(`select amount::text from catalog.offer_price where offer_id = 'offer-m365-e3-no-teams' and market = 'DE'`);
    expect(rows[0].amount).toBe('31.0500');
    // An ISV SaaS offer names its publisher; a market where it is not sold has no price.
    expect(await offer('offer-isv-contoso-backup', 'publisher isvPublisher price(market: "BR") { amount }')).toEqual({
      publisher: 'ISV',
      isvPublisher: 'Contoso Software',
      price: null,
    });
    const missing = await t.gql(token, `{ offer(id: "offer-does-not-exist") { id } }`);
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(token, `{ offer(id: "offer-m365-e3-no-teams") { price(market: "Germany") { amount } } }`))).toBe('BAD_USER_INPUT');
  });

  it('CAT-2: filters by publisher, billing type, category, segment, market and text; taxes included only in AU and BR', async () => {
    const isv = await ids({ publisher: 'ISV' });
    expect(isv).toEqual(expect.arrayContaining(['offer-isv-contoso-backup', 'offer-isv-fabrikam-securemail', 'offer-isv-adatum-projecthub']));
    expect(isv.every((id) => id.startsWith('offer-isv-'))).toBe(true);
    expect(await ids({ billingType: 'USAGE' })).toEqual(['offer-azure-ri-d2s-v5', 'offer-isv-litware-containers']);
    const smb = await ids({ category: 'SMALL_BUSINESS' });
    expect(smb.sort()).toEqual(['offer-m365-apps-business', 'offer-m365-business-basic', 'offer-m365-business-premium', 'offer-m365-business-standard']);
    expect(await ids({ category: 'TRIAL' })).toEqual(['offer-m365-business-premium-trial', 'offer-m365-e5-no-teams-trial']);
    expect((await ids({ segment: 'EDUCATION' })).sort()).toEqual(['offer-m365-a3', 'offer-m365-a5', 'offer-power-bi-pro']);
    expect(await ids({ segment: 'GOVERNMENT', search: 'G' })).toEqual(expect.arrayContaining(['offer-m365-g5', 'offer-o365-g3']));
    const e3 = await ids({ search: 'e3 (no teams' });
    expect(e3.sort()).toEqual(['offer-m365-e3-no-teams', 'offer-o365-e3-no-teams']);
    expect(await ids({ search: 'Microsoft_365_E5_(no_Teams)_Trial' })).toEqual(['offer-m365-e5-no-teams-trial']);
    expect(await ids({ search: 'contoso software' })).toEqual(['offer-isv-contoso-backup']);
    // LIKE wildcards in the text are taken literally
    expect(await ids({ search: '%' })).toEqual([]);
    expect(await ids({ market: 'BR', publisher: 'ISV' })).not.toContain('offer-isv-contoso-backup');
    expect(await ids({ market: 'br', publisher: 'ISV' })).not.toContain('offer-isv-contoso-backup');
    expect(codeOf(await t.gql(token, `{ offers(filter: { market: "BRA" }) { totalCount } }`))).toBe('BAD_USER_INPUT');

    const taxes = await offer(
      'offer-power-bi-pro',
      `au: priceDetails(market: "AU") { amount currency taxIncluded } br: priceDetails(market: "BR") { currency taxIncluded }
       de: priceDetails(market: "DE") { amount currency taxIncluded } us: priceDetails(market: "US") { taxIncluded }`,
    );
    expect(taxes).toEqual({
      au: { amount: '23.87', currency: 'AUD', taxIncluded: true },
      br: { currency: 'BRL', taxIncluded: true },
      de: { amount: '12.88', currency: 'EUR', taxIncluded: false },
      us: { taxIncluded: false },
    });
  });

  it("CAT-2: filter.customerId restricts the catalog to the customer's segment and country", async () => {
    const school = await createCustomer(t, partner, { country: 'AT', segment: 'EDUCATION' });
    expect((await ids({ customerId: school.id })).sort()).toEqual(['offer-m365-a3', 'offer-m365-a5', 'offer-power-bi-pro']);
    const business = await createCustomer(t, partner, { country: 'AD', segment: 'COMMERCIAL' });
    const offered = await ids({ customerId: business.id });
    expect(offered).toContain('offer-m365-e3-no-teams');
    expect(offered).not.toContain('offer-m365-a3');
    expect(offered).not.toContain('offer-azure-ri-d2s-v5'); // Andorra: CAT-8 (reservations only)
    expect(offered).toContain('offer-windows-server-2022-std');
    // Combined with other filters
    expect(await ids({ customerId: business.id, category: 'TRIAL' })).toEqual(['offer-m365-business-premium-trial', 'offer-m365-e5-no-teams-trial']);
    // A customer the caller may not see is not found (ACT-2)
    const stranger = await onboardPartner(t);
    const other = await t.gql(await stranger.token(), `query($f: OfferFilter) { offers(filter: $f) { totalCount } }`, { f: { customerId: business.id } });
    expect(codeOf(other)).toBe('NOT_FOUND');
  });

  it('CAT-3: end-of-sale SKUs are hidden unless asked for and cannot be bought; end-of-sale-with-conversions stays an upgrade target', async () => {
    const visible = await ids({ search: 'Office 365 E' });
    expect(visible.sort()).toEqual(['offer-o365-e1-no-teams', 'offer-o365-e3-no-teams', 'offer-o365-e5-no-teams']);
    const all = await ids({ search: 'Office 365 E', includeEndOfSale: true });
    expect(all.sort()).toEqual(['offer-o365-e1', 'offer-o365-e1-no-teams', 'offer-o365-e3', 'offer-o365-e3-no-teams', 'offer-o365-e5', 'offer-o365-e5-no-teams']);
    expect(await offer('offer-o365-e3', 'lifecycle')).toEqual({ lifecycle: 'END_OF_SALE_WITH_CONVERSIONS' });
    expect(await offer('offer-m365-e5', 'lifecycle')).toEqual({ lifecycle: 'END_OF_SALE' });

    const customer = await createCustomer(t, partner);
    const q = `query($c: ID!) { offer(id: "offer-m365-e3") { purchasable(customerId: $c) { allowed reason detail rule message } } }`;
    expect(dataOf(await t.gql(token, q, { c: customer.id })).offer.purchasable).toMatchObject({
      allowed: false,
      reason: 'OFFER_END_OF_SALE',
      detail: 'END_OF_SALE',
      rule: 'CAT-3',
    });
    const toConversion = await offer('offer-o365-e1', 'upgradeEligibility(targetOfferId: "offer-o365-e3") { eligible kind }');
    expect(toConversion.upgradeEligibility).toEqual({ eligible: true, kind: 'LINEAR' });
    const toEndOfSale = await offer('offer-m365-e3', 'upgradeEligibility(targetOfferId: "offer-m365-e5") { eligible reason detail rule }');
    expect(toEndOfSale.upgradeEligibility).toEqual({ eligible: false, reason: 'UPGRADE_NOT_ELIGIBLE', detail: 'TARGET_END_OF_SALE', rule: 'CAT-3' });
  });

  it('CAT-4: some offers are limited to one subscription per customer', async () => {
    expect(await offer('offer-m365-e5-no-teams-trial', 'onePerCustomer')).toEqual({ onePerCustomer: true });
    expect(await offer('offer-m365-e5-no-teams', 'onePerCustomer')).toEqual({ onePerCustomer: false });
  });

  it('CAT-5: an ISV offer reports why it is unavailable; setup link and free trial of marketplace SaaS', async () => {
    const latam = await onboardPartner(t, 'DIRECT_BILL', 'LATIN_AMERICA');
    const brazil = await createCustomer(t, latam, { country: 'BR' });
    const q = `query($c: ID!) { offers(first: 100, filter: { publisher: ISV }) { edges { node { id exclusive setupUrl marketplaceTrialDays
      purchasable(customerId: $c) { allowed reason detail rule message } } } } }`;
    const nodes = dataOf(await t.gql(await latam.token(), q, { c: brazil.id })).offers.edges.map((e: any) => e.node);
    const byId = Object.fromEntries(nodes.map((n: any) => [n.id, n]));
    expect(byId['offer-isv-contoso-backup'].purchasable).toMatchObject({ allowed: false, reason: 'OFFER_NOT_AVAILABLE', detail: 'ISV_COUNTRY_NOT_SUPPORTED', rule: 'CAT-5' });
    expect(byId['offer-isv-contoso-backup'].purchasable.message).toContain('BR');
    expect(byId['offer-isv-proseware-analytics'].purchasable).toMatchObject({ allowed: false, detail: 'ISV_OPTED_OUT', rule: 'CAT-5' });
    expect(byId['offer-isv-litware-containers'].purchasable).toMatchObject({ allowed: false, detail: 'NOT_TRANSACTABLE', rule: 'CAT-5' });
    expect(byId['offer-isv-fabrikam-securemail']).toMatchObject({ exclusive: true, purchasable: { allowed: false, detail: 'ISV_EXCLUSIVE', rule: 'CAT-5' } });
    expect(byId['offer-isv-adatum-projecthub']).toMatchObject({
      exclusive: false,
      marketplaceTrialDays: 30,
      setupUrl: 'https://projecthub.adatum.example/landing',
      purchasable: { allowed: true, reason: null, detail: null },
    });
    // The same ISV offer is available to a German customer.
    const german = await createCustomer(t, partner);
    const backup = await t.gql(token, `query($c: ID!) { offer(id: "offer-isv-contoso-backup") { purchasable(customerId: $c) { allowed } } }`, { c: german.id });
    expect(dataOf(backup).offer.purchasable).toEqual({ allowed: true });
  });

  it('CAT-6: small-business suites are capped at 300 licenses per customer', async () => {
    const smb = dataOf(await t.gql(token, `{ offers(first: 100, filter: { category: SMALL_BUSINESS }) { edges { node { provisioningId maxQuantity } } } }`));
    expect(smb.offers.edges.map((e: any) => e.node).sort((a: any, b: any) => a.provisioningId.localeCompare(b.provisioningId))).toEqual([
      { provisioningId: 'Microsoft_365_Apps_for_business', maxQuantity: 300 },
      { provisioningId: 'Microsoft_365_Business_Basic', maxQuantity: 300 },
      { provisioningId: 'Microsoft_365_Business_Premium', maxQuantity: 300 },
      { provisioningId: 'Microsoft_365_Business_Standard', maxQuantity: 300 },
    ]);
    expect((await offer('offer-m365-e3-no-teams', 'maxQuantity')).maxQuantity).toBeGreaterThan(300);
  });

  it('CAT-7: add-ons name their prerequisite base SKUs and their quantity rule', async () => {
    const copilot = await offer('offer-m365-copilot', 'prerequisites addOnRule { kind percent }');
    expect(copilot.prerequisites).toEqual(expect.arrayContaining(['Microsoft_365_E3_(no_Teams)', 'Microsoft_365_E5_(no_Teams)', 'Microsoft_365_Business_Premium']));
    expect(copilot.addOnRule).toEqual({ kind: 'COPILOT_MAX_BASE', percent: null });
    const geo = await offer('offer-multi-geo', 'prerequisites addOnRule { kind percent }');
    expect(geo.prerequisites).toContain('Microsoft_365_E5_(no_Teams)');
    expect(geo.addOnRule).toEqual({ kind: 'MULTI_GEO_MIN_PERCENT', percent: 5 });
    expect(await offer('offer-m365-e3-no-teams', 'prerequisites addOnRule { kind }')).toEqual({ prerequisites: [], addOnRule: null });
  });

  it('CAT-8: only Azure reservations are not sold in the markets of seed 003 (106 distinct ISO codes); server subscriptions are', async () => {
    const { markets } = await offer('offer-azure-ri-d2s-v5', 'markets');
    expect(markets.filter((m: string) => RESERVATION_EXCLUDED_MARKETS.includes(m))).toEqual([]);
    expect(markets).toEqual(expect.arrayContaining(['DE', 'US']));
    expect(RESERVATION_EXCLUDED_MARKETS).toHaveLength(106);
    expect(new Set(RESERVATION_EXCLUDED_MARKETS).size).toBe(106);
    expect(RESERVATION_EXCLUDED_MARKETS).toEqual(expect.arrayContaining(['AX', 'YE', 'CN', 'XK', 'BQ', 'SJ']));
    for (const id of ['offer-windows-server-2022-std', 'offer-sql-server-2022-std', 'offer-windows-server-2022-dc-perpetual', 'offer-rhel-server']) {
      expect([id, (await offer(id, 'markets')).markets]).toEqual([id, expect.arrayContaining(['AD', 'YE', 'CN', 'DE'])]);
    }
    expect(await ids({ market: 'YE', billingType: 'USAGE', publisher: 'MICROSOFT' })).toEqual([]);
    expect(await ids({ market: 'DE', billingType: 'USAGE', publisher: 'MICROSOFT' })).toEqual(['offer-azure-ri-d2s-v5']);
    const andorra = await createCustomer(t, partner, { country: 'AD' });
    const q = `query($c: ID!) { reservation: offer(id: "offer-azure-ri-d2s-v5") { azureReservation price(market: "AD") { amount } purchasable(customerId: $c) { allowed reason detail rule } }
      server: offer(id: "offer-windows-server-2022-std") { azureReservation price(market: "AD") { currency } purchasable(customerId: $c) { allowed } } }`;
    expect(dataOf(await t.gql(token, q, { c: andorra.id }))).toEqual({
      reservation: { azureReservation: true, price: null, purchasable: { allowed: false, reason: 'OFFER_NOT_AVAILABLE', detail: 'MARKET_NOT_SOLD', rule: 'CAT-8' } },
      server: { azureReservation: false, price: { currency: 'EUR' }, purchasable: { allowed: true } },
    });
  });

  it('CAT-8: Azure reservations and server subscriptions are for commercial customers only, and purchasable says why', async () => {
    const nonprofit = await createCustomer(t, partner, { segment: 'NONPROFIT' });
    const q = `query($c: ID!) { reservation: offer(id: "offer-azure-ri-d2s-v5") { commercialOnly purchasable(customerId: $c) { allowed reason detail rule message } }
      server: offer(id: "offer-sql-server-2022-std") { commercialOnly purchasable(customerId: $c) { allowed reason detail rule message } }
      m365: offer(id: "offer-m365-e3-no-teams") { commercialOnly purchasable(customerId: $c) { allowed } } }`;
    const data = dataOf(await t.gql(token, q, { c: nonprofit.id }));
    for (const refused of [data.reservation, data.server]) {
      expect(refused).toMatchObject({ commercialOnly: true, purchasable: { allowed: false, reason: 'OFFER_NOT_AVAILABLE', detail: 'COMMERCIAL_ONLY', rule: 'CAT-8' } });
      expect(refused.purchasable.message).toContain('commercial customers only');
    }
    expect(data.m365).toEqual({ commercialOnly: false, purchasable: { allowed: true } });
    const business = await createCustomer(t, partner, { segment: 'COMMERCIAL' });
    expect(dataOf(await t.gql(token, q, { c: business.id })).server.purchasable).toMatchObject({ allowed: true });
  });

  it('CAT-3: Office 365 F3 is not available for new purchase (end of sale)', async () => {
    expect(await offer('offer-o365-f3', 'provisioningId lifecycle')).toEqual({ provisioningId: 'Office_365_F3', lifecycle: 'END_OF_SALE' });
    expect(await ids({ search: 'Office 365 F3' })).toEqual([]);
    const customer = await createCustomer(t, partner);
    const q = `query($c: ID!) { offer(id: "offer-o365-f3") { purchasable(customerId: $c) { allowed reason detail rule } } }`;
    expect(dataOf(await t.gql(token, q, { c: customer.id })).offer.purchasable).toEqual({ allowed: false, reason: 'OFFER_END_OF_SALE', detail: 'END_OF_SALE', rule: 'CAT-3' });
  });

  it('CAT-9: trial SKUs have 25 licenses, a one-month term, and name their paid equivalent', async () => {
    const trial = await offer('offer-m365-e5-no-teams-trial', 'isTrial category minQuantity maxQuantity termDurations billingFrequencies paidOfferId onePerCustomer');
    expect(trial).toEqual({
      isTrial: true,
      category: 'TRIAL',
      minQuantity: 25,
      maxQuantity: 25,
      termDurations: ['P1M'],
      billingFrequencies: ['MONTHLY'],
      paidOfferId: 'offer-m365-e5-no-teams',
      onePerCustomer: true,
    });
    expect(await offer('offer-m365-e5-no-teams', 'isTrial trialOfferId paidOfferId')).toEqual({
      isTrial: false,
      trialOfferId: 'offer-m365-e5-no-teams-trial',
      paidOfferId: null,
    });
    expect(await offer('offer-m365-business-premium-trial', 'paidOfferId')).toEqual({ paidOfferId: 'offer-m365-business-premium' });
  });

  it('CAT-10: upgrade paths as data with their kind; unsupported paths, Teams rules and downgrades are refused', async () => {
    const e3 = await offer('offer-m365-e3-no-teams', 'upgradeTargets { kind offer { id provisioningId } }');
    expect(e3.upgradeTargets).toEqual([{ kind: 'LINEAR', offer: { id: 'offer-m365-e5-no-teams', provisioningId: 'Microsoft_365_E5_(no_Teams)' } }]);
    const premium = await offer('offer-m365-business-premium', 'upgradeTargets { kind offer { id } }');
    expect(premium.upgradeTargets).toEqual(
      expect.arrayContaining([
        { kind: 'CATEGORY_SWITCH', offer: { id: 'offer-m365-e3-no-teams' } },
        { kind: 'CATEGORY_SWITCH', offer: { id: 'offer-m365-e5-no-teams' } },
      ]),
    );
    const withTeams = await offer('offer-m365-e3', 'upgradeTargets { kind offer { id } }');
    // M365 E3 → M365 E5 is declared but the target is end of sale: not listed.
    expect(withTeams.upgradeTargets.map((u: any) => u.offer.id).sort()).toEqual(['offer-m365-e3-no-teams', 'offer-m365-e5-no-teams']);
    // EMS E3 → EMS E5 is in the unsupported table of seed 002.
    expect((await offer('offer-ems-e3', 'upgradeTargets { offer { id } }')).upgradeTargets.map((u: any) => u.offer.id)).not.toContain('offer-ems-e5');

    const check = async (from: string, to: string) =>
      (await offer(from, `upgradeEligibility(targetOfferId: "${to}") { eligible kind reason detail rule message }`)).upgradeEligibility;
    expect(await check('offer-ems-e3', 'offer-ems-e5')).toMatchObject({ eligible: false, reason: 'UPGRADE_NOT_ELIGIBLE', detail: 'UNSUPPORTED_PATH', rule: 'CAT-10' });
    expect(await check('offer-defender-endpoint-p1', 'offer-defender-endpoint-p2')).toMatchObject({ eligible: false, detail: 'UNSUPPORTED_PATH' });
    expect(await check('offer-m365-e3-no-teams', 'offer-m365-e3')).toMatchObject({ eligible: false, detail: 'TEAMS_NOT_RESTORABLE' });
    expect(await check('offer-m365-e3', 'offer-m365-e3-no-teams')).toMatchObject({ eligible: true, kind: 'LINEAR', reason: null });
    expect(await check('offer-m365-e5-no-teams', 'offer-m365-e3-no-teams')).toMatchObject({ eligible: false, detail: 'DOWNGRADE' });
    expect(await check('offer-power-bi-pro', 'offer-m365-e5-no-teams')).toMatchObject({ eligible: true, kind: 'MANY_TO_ONE' });
    expect(await check('offer-m365-f3', 'offer-o365-e3-no-teams')).toMatchObject({ eligible: true, kind: 'CATEGORY_SWITCH' });
    expect(await check('offer-power-bi-pro', 'offer-teams-enterprise')).toMatchObject({ eligible: false, detail: 'NO_UPGRADE_PATH' });
    expect(await offer('offer-m365-e3', 'includesTeams')).toEqual({ includesTeams: true });
    expect(await offer('offer-m365-e3-no-teams', 'includesTeams suite { minimumLicenses }')).toEqual({ includesTeams: false, suite: { minimumLicenses: 1 } });
    expect(codeOf(await t.gql(token, `{ offer(id: "offer-ems-e3") { upgradeEligibility(targetOfferId: "offer-nope") { eligible } } }`))).toBe('NOT_FOUND');
    // Suites may name prerequisite SKUs; a standalone product upgrades into its larger suite.
    expect(await offer('offer-m365-e5-compliance', 'prerequisites')).toEqual({ prerequisites: ['Microsoft_365_E3_(no_Teams)', 'Microsoft_365_E3'] });
    expect(await check('offer-m365-ediscovery-audit', 'offer-m365-e5-compliance')).toMatchObject({ eligible: true, kind: 'LINEAR' });
  });

  it('CAT-11: suites carry their persona and sector', async () => {
    const q = `{ f3: offer(id: "offer-m365-f3") { suite { persona sector } }
      premium: offer(id: "offer-m365-business-premium") { suite { persona sector } }
      g3: offer(id: "offer-o365-g3") { suite { persona sector } }
      a5: offer(id: "offer-m365-a5") { suite { persona sector } }
      e5: offer(id: "offer-m365-e5-no-teams") { suite { persona sector } }
      bi: offer(id: "offer-power-bi-pro") { suite { persona } } }`;
    expect(dataOf(await t.gql(token, q))).toEqual({
      f3: { suite: { persona: 'FRONTLINE_WORKER', sector: 'COMMERCIAL_ENTERPRISE' } },
      premium: { suite: { persona: 'INFORMATION_WORKER', sector: 'COMMERCIAL_SMB' } },
      g3: { suite: { persona: 'INFORMATION_WORKER', sector: 'GOVERNMENT' } },
      a5: { suite: { persona: 'INFORMATION_WORKER', sector: 'EDUCATION' } },
      e5: { suite: { persona: 'INFORMATION_WORKER', sector: 'COMMERCIAL_ENTERPRISE' } },
      bi: { suite: null },
    });
  });

  it('SW-4 / SW-5: software SKUs say whether they are software, perpetual, cancellable and exchangeable', async () => {
    const q = `{ rhel: offer(id: "offer-rhel-server") { isSoftware isPerpetual cancellable exchangeable }
      suse: offer(id: "offer-suse-sles") { isSoftware cancellable exchangeable }
      ws: offer(id: "offer-windows-server-2022-std") { isSoftware isPerpetual cancellable exchangeable termDurations billingFrequencies }
      perpetual: offer(id: "offer-windows-server-2022-dc-perpetual") { isSoftware isPerpetual cancellable }
      m365: offer(id: "offer-m365-e3-no-teams") { isSoftware cancellable software { versions } } }`;
    expect(dataOf(await t.gql(token, q))).toEqual({
      rhel: { isSoftware: true, isPerpetual: false, cancellable: false, exchangeable: false },
      suse: { isSoftware: true, cancellable: false, exchangeable: false },
      ws: { isSoftware: true, isPerpetual: false, cancellable: true, exchangeable: true, termDurations: ['P1Y', 'P3Y'], billingFrequencies: ['ANNUAL', 'TRIENNIAL'] },
      perpetual: { isSoftware: true, isPerpetual: true, cancellable: true },
      m365: { isSoftware: false, cancellable: true, software: null },
    });
    const exchange = await offer('offer-rhel-server', 'upgradeEligibility(targetOfferId: "offer-windows-server-2022-std") { eligible detail rule }');
    expect(exchange.upgradeEligibility).toEqual({ eligible: false, detail: 'NOT_EXCHANGEABLE', rule: 'SW-4' });
  });

  it('SW-2: the product choices (versions, languages, file types / OS), key type and ESU install instructions are data on the offer', async () => {
    const q = `{ ws: offer(id: "offer-windows-server-2022-std") { software { versions languages fileTypes keyType installInstructionsUrl } }
      sql: offer(id: "offer-sql-server-2022-std") { software { fileTypes keyType } }
      esu: offer(id: "offer-windows-server-2012-esu") { software { versions fileTypes keyType installInstructionsUrl } } }`;
    const data = dataOf(await t.gql(token, q));
    expect(data.ws.software).toEqual({
      versions: ['Windows Server 2022', 'Windows Server 2019'],
      languages: expect.arrayContaining(['English', 'German']),
      fileTypes: ['ISO', 'VHD'],
      keyType: 'MULTIPLE_ACTIVATION',
      installInstructionsUrl: null,
    });
    expect(data.sql.software).toEqual({ fileTypes: ['Windows', 'Linux'], keyType: 'NONE' });
    expect(data.esu.software).toMatchObject({ fileTypes: [], keyType: 'NONE', installInstructionsUrl: expect.stringMatching(/^https:\/\//) });
  });

  it('SW-3: billing frequencies per SKU and term are data: three-year SKUs annual or triennial, RDS CAL monthly', async () => {
    const q = `{ ws: offer(id: "offer-windows-server-2022-std") { termBilling { termDuration billingFrequencies } }
      rds: offer(id: "offer-windows-server-rds-cal") { billingFrequencies termBilling { termDuration billingFrequencies } }
      m365: offer(id: "offer-m365-e3-no-teams") { termBilling { termDuration } } }`;
    expect(dataOf(await t.gql(token, q))).toEqual({
      ws: { termBilling: [{ termDuration: 'P1Y', billingFrequencies: ['ANNUAL'] }, { termDuration: 'P3Y', billingFrequencies: ['ANNUAL', 'TRIENNIAL'] }] },
      rds: {
        billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'],
        termBilling: [{ termDuration: 'P1Y', billingFrequencies: ['MONTHLY', 'ANNUAL'] }, { termDuration: 'P3Y', billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'] }],
      },
      m365: { termBilling: null },
    });
  });

  describe('pagination', () => {
    const PAGE = `query($first: Int, $after: String, $f: OfferFilter) { offers(first: $first, after: $after, filter: $f) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;

    it('walks every page with stable cursors to a last page without next', async () => {
      const seen: string[] = [];
      let after: string | undefined;
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const page = dataOf(await t.gql(token, PAGE, { first: 7, after })).offers;
        total = page.totalCount;
        seen.push(...page.edges.map((e: any) => e.node.id));
        if (!page.pageInfo.hasNextPage) {
          expect(page.edges.length).toBeLessThanOrEqual(7);
          break;
        }
        // the same cursor gives the same next page
        const again = dataOf(await t.gql(token, PAGE, { first: 7, after: page.pageInfo.endCursor })).offers;
        const next = dataOf(await t.gql(token, PAGE, { first: 7, after: page.pageInfo.endCursor })).offers;
        expect(again.edges).toEqual(next.edges);
        after = page.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(total).toBeGreaterThan(40);
    });

    it('an empty result has no edges, no next page and no end cursor', async () => {
      expect(dataOf(await t.gql(token, PAGE, { first: 10, f: { search: 'no such product anywhere' } })).offers).toEqual({
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: [],
      });
    });

    it('first above 100 or negative, and an invalid cursor, are BAD_USER_INPUT', async () => {
      expect(codeOf(await t.gql(token, PAGE, { first: 101 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(token, PAGE, { first: -1 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.gql(token, PAGE, { first: 10, after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
      expect(dataOf(await t.gql(token, PAGE, { first: 100 })).offers.edges.length).toBeGreaterThan(40);
    });

    it('the catalog needs an authenticated caller', async () => {
      expect(codeOf(await t.gql(undefined, PAGE, { first: 1 }))).toBe('UNAUTHENTICATED');
    });
  });
});
