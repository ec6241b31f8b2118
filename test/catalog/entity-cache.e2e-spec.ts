import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CATALOG_CHANGES_INTERNAL_PATH, SUBGRAPH_NAMES, type SubgraphName } from '../../shared/config';
import { subgraphFetchDuration } from '../../shared/metrics';
import { startGateway } from '../../gateway/gateway';
import { answersFromMemory } from '../../gateway/fast-path/answer-memo';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { README_DASHBOARD } from '../support/readme-queries';
import { buy } from '../subscriptions/checkout.fixtures';
import { priceListCsv, priceRow } from './pricing.support';

/** The dashboard query of issue 27: each request asks the catalog for its offers by reference. */
const DASHBOARD = `{ customers(first: 50) { edges { node { companyName subscriptions(first: 10) { edges { node { quantity status offer { name price(market: "DE") { amount } } } } } } } } }`;

/** Every Offer field the catalog lets the gateway cache (subgraphs/catalog/entity-cache/cacheable.policy.ts). */
const OFFER_FIELDS = `id name provisioningId productId skuId productFamily publisher isvPublisher billingType category segments lifecycle termDurations
  billingFrequencies minQuantity maxQuantity onePerCustomer prerequisites trialOfferId paidOfferId marketplaceTrialDays setupUrl isSoftware isPerpetual
  cancellable azureReservation commercialOnly exchangeable markets isTrial includesTeams exclusive suite { persona sector minimumLicenses }
  addOnRule { kind percent } software { versions keyType } termBilling { termDuration billingFrequencies }
  priceDetails(market: "BR") { market amount currency taxIncluded } price(market: "DE") { amount currency }`;

const offersOf = (selection: string, customers = 'customers(first: 20)') =>
  `query($m: String!) { ${customers} { edges { node { id subscriptions(first: 10) { edges { node { id offer { ${selection} } } } } } } } }`;

const TERM_PRICE = `price(market: "DE", termDuration: "P1Y", billingFrequency: MONTHLY) { amount currency }`;
const E3 = 'offer-m365-e3-no-teams';

/** What a Contoso offer import needs (CAT-1); `name` and `amount` change between imports. */
function contosoOffer(name: string, amount: string) {
  return {
    name, provisioningId: 'Contoso_Cache_Pro', productFamily: 'Contoso Widgets', publisher: 'ISV', isvPublisher: 'Contoso Widgets Ltd', billingType: 'LICENSE',
    category: 'ENTERPRISE', segments: ['COMMERCIAL'], lifecycle: 'AVAILABLE', termDurations: ['P1M', 'P1Y'], billingFrequencies: ['MONTHLY', 'ANNUAL'],
    markets: ['DE', 'US'], listPriceUsd: '10.00', prices: [{ market: 'DE', currency: 'EUR', amount }],
  };
}
const IMPORT = `mutation($i: ImportOffersInput!) { importOffers(input: $i) { offers { id name } errors { code message } } }`;

/**
 * The gateway's entity cache (issue 27): the catalog's Offer entities the same for every
 * authenticated caller are served from memory, and every answer is byte for byte what a gateway
 * without the cache answers. A second gateway over the same subgraphs runs with the cache off
 * (GATEWAY_ENTITY_CACHE=false) and is the reference.
 */
describe("the gateway's entity cache of catalog offers", () => {
  const t = useStack({ entityCache: true });
  let reference: Awaited<ReturnType<typeof startGateway>>;
  let partner: TestPartner;
  let token: string;
  let firstCustomer: string;
  let firstDomain: string;

  beforeAll(async () => {
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, t.stack.subgraphs[name].url])) as Record<SubgraphName, string>;
    reference = await startGateway({ port: 0, subgraphUrls: urls, entityCache: false });
    partner = await onboardPartner(t);
    token = await partner.token();
    // Two customers whose offers overlap: the second page mixes cached offers and new ones.
    ({ id: firstCustomer, domain: firstDomain } = await createCustomer(t, partner));
    const second = (await createCustomer(t, partner)).id;
    for (const [customer, offers] of [[firstCustomer, [E3, 'offer-power-bi-pro']], [second, ['offer-m365-business-premium', E3, 'offer-power-bi-pro', 'offer-m365-business-basic']]] as const) {
      const bought = await buy(t, partner, customer, offers.map((offerId, i) => ({ offerId, quantity: 2 + i })));
      if (bought.payload.errors.length) throw new Error(JSON.stringify(bought.payload.errors));
    }
    await t.stack.catalogEntities!.next('serving');
  });

  afterAll(async () => {
    await reference?.stop();
  });

  async function ask(url: string, callerToken: string | undefined, query: string, variables?: Record<string, unknown>) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(callerToken ? { authorization: `Bearer ${callerToken}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, text: await response.text() };
  }

  /** The cached gateway's answer, asked twice (filling the cache, then from it), is the reference gateway's, byte for byte. */
  async function same(callerToken: string | undefined, query: string, variables?: Record<string, unknown>): Promise<any> {
    const first = await ask(t.gatewayUrl, callerToken, query, variables);
    const again = await ask(t.gatewayUrl, callerToken, query, variables);
    const expected = await ask(reference.url, callerToken, query, variables);
    expect(first).toEqual(expected);
    expect(again).toEqual(expected);
    return JSON.parse(expected.text);
  }

  /** The catalog's event stream position now, as its database holds it (an import moves it). */
  async function catalogStreamPosition(): Promise<string> {
    const { rows } = await t.db.query(`select coalesce((select position::text from platform.outbox_head where source = 'catalog'), '0') as position`);
    return rows[0].position;
  }

  /** Fetches the gateway sent to the catalog so far (both gateways of this file count here). */
  async function catalogFetches(): Promise<number> {
    const metric = await subgraphFetchDuration.get();
    return metric.values.filter((value) => value.metricName?.endsWith('_count') && value.labels.subgraph === 'catalog').reduce((sum, value) => sum + value.value, 0);
  }

  it('serves the dashboard without asking the catalog once its offers are cached; the answer is unchanged', async () => {
    const warm = await same(token, DASHBOARD);
    expect(warm.data.customers.edges.flatMap((edge: any) => edge.node.subscriptions.edges.map((s: any) => s.node.offer.name)).sort()).toEqual(
      ['Microsoft 365 Business Basic', 'Microsoft 365 Business Premium', 'Microsoft 365 E3 (no Teams)', 'Microsoft 365 E3 (no Teams)', 'Power BI Pro', 'Power BI Pro'].sort(),
    );
    const before = await catalogFetches();
    const cached = await ask(t.gatewayUrl, token, DASHBOARD);
    expect(await catalogFetches()).toBe(before);
    expect(JSON.parse(cached.text)).toEqual(warm);
    // The count moves when the catalog is asked: the reference gateway asks it for the same page.
    await ask(reference.url, token, DASHBOARD);
    expect(await catalogFetches()).toBe(before + 1);
  });

  it('answers byte for byte as without the cache: offer fields, markets, a page mixing cached and new offers, terms, errors, anonymous callers', async () => {
    await t.stack.catalogEntities!.invalidate('write');
    // One customer's offers first: the whole page then finds some offers cached, not others.
    await same(token, offersOf('name price(market: $m) { amount currency }', `customers(first: 20, filter: { search: "${firstDomain}" })`), { m: 'DE' });
    await same(token, offersOf('name price(market: $m) { amount currency }'), { m: 'DE' });
    for (const market of ['US', 'GB', 'BR', 'JP']) await same(token, offersOf('name price(market: $m) { amount currency } priceDetails(market: $m) { taxIncluded }'), { m: market });
    await same(token, offersOf(OFFER_FIELDS), { m: 'DE' });
    await same(token, README_DASHBOARD);
    // BIL-7: with terms, the price list's price in effect now (never cached), beside a cached field.
    await same(token, offersOf(`name ${TERM_PRICE}`), { m: 'DE' });
    // Errors: a market that is not one (BAD_USER_INPUT per offer) and a customer the caller may not see (NOT_FOUND).
    const bad = await same(token, offersOf('name price(market: $m) { amount }'), { m: 'Germany' });
    expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const notFound = await same(token, offersOf('name price(market: $m) { amount } purchasable(customerId: "nobody") { allowed }'), { m: 'DE' });
    expect(notFound.errors[0].extensions.code).toBe('NOT_FOUND');
    // Anonymous callers neither read nor fill the cache (the catalog answers them null offers).
    await same(undefined, DASHBOARD);
    await same(undefined, `{ offer(id: "${E3}") { name } }`);
    // Another partner sees its own page, with the offers the first one's answers cached.
    const other = await onboardPartner(t);
    const otherCustomer = (await createCustomer(t, other)).id;
    await buy(t, other, otherCustomer, [{ offerId: 'offer-power-bi-pro', quantity: 3 }]);
    await same(await other.token(), DASHBOARD);
  });

  it('CAT-1: an import of offers through the API is seen by the very next query after its answer', async () => {
    const operator = await t.operatorToken();
    const imported = dataOf<any>(JSON.parse((await ask(t.gatewayUrl, operator, IMPORT, { i: { offers: [contosoOffer('Contoso Cache', '9.5')] } })).text));
    const offerId = imported.importOffers.offers[0].id;
    const customer = (await createCustomer(t, partner)).id;
    const bought = await buy(t, partner, customer, [{ offerId, quantity: 1 }]);
    expect(bought.payload.errors).toEqual([]);
    const query = offersOf('id name price(market: $m) { amount currency }');
    const offerIn = (answer: any) => answer.data.customers.edges.flatMap((edge: any) => edge.node.subscriptions.edges.map((s: any) => s.node.offer)).find((offer: any) => offer.id === offerId);
    expect(offerIn(await same(token, query, { m: 'DE' }))).toEqual({ id: offerId, name: 'Contoso Cache', price: { amount: '9.50', currency: 'EUR' } });
    const reimported = await ask(t.gatewayUrl, operator, IMPORT, { i: { offers: [contosoOffer('Contoso Cache Renamed', '11')] } });
    expect(JSON.parse(reimported.text).data.importOffers.errors).toEqual([]);
    expect(offerIn(JSON.parse((await ask(t.gatewayUrl, token, query, { m: 'DE' })).text))).toEqual({ id: offerId, name: 'Contoso Cache Renamed', price: { amount: '11.00', currency: 'EUR' } });
    await same(token, query, { m: 'DE' });

    // An import through another gateway reaches this one through the catalog's change feed
    // (OFFERS_IMPORTED): its cache is emptied when the feed moves, and the next query reads afresh.
    const changed = t.stack.catalogEntities!.next('change');
    await ask(reference.url, operator, IMPORT, { i: { offers: [contosoOffer('Contoso Cache Elsewhere', '12')] } });
    await changed;
    expect(offerIn(JSON.parse((await ask(t.gatewayUrl, token, query, { m: 'DE' })).text))).toEqual({ id: offerId, name: 'Contoso Cache Elsewhere', price: { amount: '12.00', currency: 'EUR' } });
  });

  it('keeps a page of offers whole for every authenticated caller: byte for byte as without the cache; never a list for a customer (CAT-2), never errors; an import is seen by the next query', async () => {
    await t.stack.catalogEntities!.invalidate('write');
    const page = `query($after: String) { offers(first: 20, after: $after) { edges { cursor node { id name lifecycle markets price(market: "DE") { amount currency } } } pageInfo { hasNextPage endCursor } totalCount } }`;
    const first = await same(token, page);
    expect(first.data.offers.edges).toHaveLength(20);
    // Another partner's identical query is answered from memory, as the reference answers it.
    const otherToken = await (await onboardPartner(t)).token();
    const before = await catalogFetches();
    const fromMemory = await ask(t.gatewayUrl, otherToken, page);
    expect(await catalogFetches()).toBe(before);
    expect(fromMemory).toEqual(await ask(reference.url, otherToken, page));
    await same(otherToken, page, { after: first.data.offers.pageInfo.endCursor });
    const filtered = `query($f: OfferFilter) { offers(first: 50, filter: $f) { edges { node { id name segments } } totalCount } offer(id: "${E3}") { name termDurations } }`;
    for (const filter of [{ market: 'BR' }, { segment: 'EDUCATION', includeEndOfSale: true }, { search: 'power bi' }, { category: 'ENTERPRISE', billingType: 'LICENSE' }]) await same(token, filtered, { f: filter });
    // CAT-2: the list for a customer, and answers with errors, are asked of the catalog every time.
    for (const [query, variables] of [
      [filtered, { f: { customerId: firstCustomer } }],
      [`{ offers(first: 5, filter: { customerId: "${firstCustomer}" }) { edges { node { id } } } }`, undefined],
      [filtered, { f: { market: 'Germany' } }],
      [`{ offers(first: 500) { totalCount } }`, undefined],
      [`{ offer(id: "offer-none") { name } }`, undefined],
    ] as [string, Record<string, unknown> | undefined][]) {
      const asked = await catalogFetches();
      await same(token, query, variables);
      expect(await catalogFetches()).toBe(asked + 3);
    }
    await same(undefined, page);
    // An import through the API: the very next page after its answer shows it.
    const operator = await t.operatorToken();
    const search = `{ offers(first: 5, filter: { search: "Contoso Widgets" }) { edges { node { name price(market: "DE") { amount } } } } }`;
    await ask(t.gatewayUrl, operator, IMPORT, { i: { offers: [contosoOffer('Contoso Page', '7')] } });
    expect(dataOf<any>(await same(token, search)).offers.edges).toEqual([{ node: { name: 'Contoso Page', price: { amount: '7.00' } } }]);
    await ask(t.gatewayUrl, operator, IMPORT, { i: { offers: [contosoOffer('Contoso Page Renamed', '8')] } });
    expect(dataOf<any>(JSON.parse((await ask(t.gatewayUrl, token, search)).text)).offers.edges).toEqual([{ node: { name: 'Contoso Page Renamed', price: { amount: '8.00' } } }]);
  });

  it('answers a query the cache alone answered with its finished answer, for every authenticated caller, until a text it read changes; byte for byte as without the cache', async () => {
    await t.stack.catalogEntities!.invalidate('write');
    const fromMemory = async () => (await answersFromMemory.get()).values.reduce((sum, value) => sum + value.value, 0);
    const page = `query Memo($s: String) { offers(first: 5, filter: { search: $s }) { edges { node { id name price(market: "DE") { amount currency } } } totalCount } }`;
    const variables = { s: 'Contoso Widgets' };
    const operator = await t.operatorToken();
    await ask(t.gatewayUrl, operator, IMPORT, { i: { offers: [contosoOffer('Contoso Memo', '13')] } });
    // The change feed followed past this import (and the earlier ones): no emptying of the cache for them comes after this.
    await t.stack.catalogEntities!.reached(await catalogStreamPosition());
    // The first answer fills the entity cache, the second is executed from it and kept.
    await same(token, page, variables);
    const otherToken = await (await onboardPartner(t)).token();
    let answered = await fromMemory();
    const fetched = await catalogFetches();
    const other = await ask(t.gatewayUrl, otherToken, page, variables);
    expect(other).toEqual(await ask(reference.url, otherToken, page, variables));
    expect(JSON.parse(other.text).data.offers.edges.map((edge: any) => edge.node.name)).toEqual(['Contoso Memo']);
    expect(await fromMemory()).toBe(answered + 1);
    expect(await catalogFetches()).toBe(fetched + 1);
    // Other variables are another query; an anonymous caller and a request for the query plan are never answered from it.
    answered = await fromMemory();
    await same(otherToken, page, { s: 'power bi' });
    await same(undefined, page, variables);
    const planned = await fetch(t.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'apollo-query-plan-experimental': '1' }, body: JSON.stringify({ query: page, variables }) });
    expect(((await planned.json()) as any).extensions.__queryPlanExperimental).toContain('Fetch(service: "catalog")');
    expect(await fromMemory()).toBe(answered);
    // A query that asks another subgraph too is executed every time.
    await same(token, DASHBOARD);
    expect(await fromMemory()).toBe(answered);
    // An import through another gateway empties this one's cache (the catalog's change feed): the next query executes and reads it.
    const changed = t.stack.catalogEntities!.next('change');
    await ask(reference.url, operator, IMPORT, { i: { offers: [contosoOffer('Contoso Memo Renamed', '14')] } });
    await changed;
    const renamed = await same(otherToken, page, variables);
    expect(renamed.data.offers.edges[0].node).toMatchObject({ name: 'Contoso Memo Renamed', price: { amount: '14.00', currency: 'EUR' } });
    expect(await fromMemory()).toBe(answered);
    expect(await ask(t.gatewayUrl, token, page, variables)).toEqual(await ask(reference.url, token, page, variables));
    expect(await fromMemory()).toBe(answered + 1);
  });

  it('serves nothing from the cache while the change feed does not answer, and again once it does', async () => {
    // A catalog whose change feed can be cut: every request is passed on, the feed's refused while `cut`.
    let cut = false;
    let graphqlRequests = 0;
    const waiting = new Set<ServerResponse>();
    const catalog = new URL(t.stack.subgraphs.catalog.url);
    const proxy: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const feed = (req.url ?? '').startsWith(CATALOG_CHANGES_INTERNAL_PATH);
      if (feed && cut) return res.writeHead(503).end();
      if (!feed) graphqlRequests += 1;
      if (feed) waiting.add(res);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
      try {
        const answer = await fetch(new URL(req.url ?? '/', catalog), { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
        const text = await answer.text();
        if (!res.destroyed) res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(text);
      } catch {
        res.destroy();
      } finally {
        waiting.delete(res);
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, t.stack.subgraphs[name].url])) as Record<SubgraphName, string>;
    const gateway = await startGateway({ port: 0, subgraphUrls: { ...urls, catalog: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql` }, entityCache: true });
    try {
      const cache = gateway.catalogEntities!;
      await cache.next('serving');
      const expected = (await ask(reference.url, token, DASHBOARD)).text;
      expect((await ask(gateway.url, token, DASHBOARD)).text).toBe(expected);
      const filled = graphqlRequests;
      expect((await ask(gateway.url, token, DASHBOARD)).text).toBe(expected);
      expect(graphqlRequests).toBe(filled);
      // The feed is lost (the catalog restarting, say): the cache is emptied and every request asks the catalog.
      const lost = cache.next('disconnected');
      cut = true;
      for (const res of waiting) res.destroy();
      await lost;
      expect((await ask(gateway.url, token, DASHBOARD)).text).toBe(expected);
      expect((await ask(gateway.url, token, DASHBOARD)).text).toBe(expected);
      expect(graphqlRequests).toBe(filled + 2);
      // The feed answers again: the cache serves again.
      const back = cache.next('serving');
      cut = false;
      await back;
      await ask(gateway.url, token, DASHBOARD);
      const refilled = graphqlRequests;
      expect((await ask(gateway.url, token, DASHBOARD)).text).toBe(expected);
      expect(graphqlRequests).toBe(refilled);
    } finally {
      await gateway.stop();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('BIL-7: a price list import, and a sandbox clock move across a price’s effective date, are seen by the next query', async () => {
    const operator = await t.operatorToken();
    const query = `{ offer(id: "${E3}") { id } customer(id: "${firstCustomer}") { subscriptions(first: 10) { edges { node { offer { id name ${TERM_PRICE} } } } } } }`;
    const e3Price = (answer: any) => answer.data.customer.subscriptions.edges.map((s: any) => s.node.offer).find((offer: any) => offer.id === E3).price;
    const put = async (rows: string[][]) => {
      const response = await fetch(t.gatewayUrl.replace(/\/graphql$/, '/catalog/price-list'), {
        method: 'PUT',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${operator}` },
        body: priceListCsv(rows),
      });
      expect(response.status).toBe(200);
    };
    const now = Date.parse(dataOf<any>(JSON.parse((await ask(t.gatewayUrl, operator, '{ sandboxClock }')).text)).sandboxClock);
    const boundary = new Date(Date.UTC(new Date(now).getUTCFullYear() + 2, 0, 1)).toISOString();
    await put([priceRow({ UnitPrice: '35.40', EffectiveEndDate: boundary }), priceRow({ UnitPrice: '39.00', EffectiveStartDate: boundary })]);
    expect(e3Price(await same(token, query))).toEqual({ amount: '35.40', currency: 'EUR' });
    await put([priceRow({ UnitPrice: '36.00', EffectiveEndDate: boundary }), priceRow({ UnitPrice: '39.00', EffectiveStartDate: boundary })]);
    expect(e3Price(JSON.parse((await ask(t.gatewayUrl, token, query)).text))).toEqual({ amount: '36.00', currency: 'EUR' });
    const moved = await ask(t.gatewayUrl, operator, 'mutation($n: DateTime!) { setSandboxClock(input: { now: $n }) { errors { code } } }', { n: new Date(Date.parse(boundary) + 86_400_000).toISOString() });
    expect(JSON.parse(moved.text).data.setSandboxClock.errors).toEqual([]);
    expect(e3Price(JSON.parse((await ask(t.gatewayUrl, token, query)).text))).toEqual({ amount: '39.00', currency: 'EUR' });
    await same(token, query);
  });
});
