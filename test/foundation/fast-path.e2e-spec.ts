import { SUBGRAPH_NAMES, type SubgraphName } from '../../shared/config';
import { startGateway } from '../../gateway/gateway';
import { trustedManifest } from '../../shared/trusted-documents';
import { useStack } from '../support/stack';
import { README_DASHBOARD } from '../support/readme-queries';
import { comparisonTenants } from '../support/comparison-tenants';
import { createCart } from '../subscriptions/checkout.fixtures';

const OFFERS = ['offer-m365-e3-no-teams', 'offer-power-bi-pro', 'offer-m365-business-premium'];

type Gateway = Awaited<ReturnType<typeof startGateway>>;

/** Headers that name one response (its time, its request id), not what the gateway answered. */
const PER_RESPONSE = new Set(['date', 'x-request-id']);

/**
 * The gateway's fast path (gateway/fast-path/) answers exactly what Apollo Server's pipeline
 * answers. Each request is sent twice to a gateway with the fast path (the first time its
 * document goes through Apollo Server, the second time the fast way when it may) and twice to one
 * with GATEWAY_FAST_PATH=false: the same status, the same headers (date and request id aside)
 * and the same bytes, each time. The fast path's counter (GET /metrics) shows which requests took
 * it, so the comparison cannot pass with every request on Apollo Server.
 */
describe("the gateway's fast path answers as Apollo Server's pipeline, byte for byte", () => {
  const t = useStack();
  /** Each pair: [fast path on, fast path off], started with the same settings. */
  let plain: [Gateway, Gateway];
  let browsersTrusted: [Gateway, Gateway];
  let limited: [Gateway, Gateway];
  let partnerToken: string;
  let adminToken: string;
  let resellerToken: string;
  let customerId: string;

  async function pair(env: Record<string, string>): Promise<[Gateway, Gateway]> {
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, t.stack.subgraphs[name].url])) as Record<SubgraphName, string>;
    const start = async (fastPath: string) => {
      const settings: Record<string, string> = { ...env, GATEWAY_FAST_PATH: fastPath };
      const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
      Object.assign(process.env, settings);
      try {
        return await startGateway({ port: 0, subgraphUrls: urls });
      } finally {
        for (const [name, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }
    };
    return [await start('true'), await start('false')];
  }

  beforeAll(async () => {
    // A lower cost limit (the README dashboard costs about 25,000), so a page size given as a variable can exceed it.
    plain = await pair({ GATEWAY_MAX_QUERY_COST: '60000' });
    browsersTrusted = await pair({ TRUSTED_DOCUMENTS: 'browsers' });
    limited = await pair({ GATEWAY_RATE_LIMIT_PER_MINUTE: '3' });
    const tenants = await comparisonTenants(t, 4);
    partnerToken = await tenants.partner.token();
    adminToken = await tenants.partner.token(['ADMIN_AGENT']);
    customerId = tenants.customerId;
    resellerToken = tenants.resellerToken;
  });

  afterAll(async () => {
    for (const gateway of [plain, browsersTrusted, limited].flat()) await gateway?.stop();
  });

  interface Answer {
    status: number;
    headers: [string, string][];
    text: string;
  }

  async function send(gateway: Gateway, init: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string>; method?: string; search?: string }): Promise<Answer> {
    const response = await fetch(`${gateway.url}${init.search ?? ''}`, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
      body: init.method === 'GET' ? undefined : (init.raw ?? JSON.stringify(init.body)),
    });
    const headers = [...response.headers].filter(([name]) => !PER_RESPONSE.has(name)).sort(([a], [b]) => a.localeCompare(b));
    return { status: response.status, headers, text: await response.text() };
  }

  /** Requests the gateway served the fast way so far (its /metrics). */
  async function fastCount(gateway: Gateway): Promise<number> {
    const text = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
    const line = text.split('\n').find((row) => row.startsWith('gateway_fast_path_requests_total{path="fast"}'));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  /**
   * The request twice to each gateway of the pair: the same answers; the second one to the fast
   * gateway took the fast path when `fast` (and did not otherwise). Returns the parsed body.
   */
  async function same(gateways: [Gateway, Gateway], init: Parameters<typeof send>[1], fast: boolean): Promise<any> {
    const [on, off] = gateways;
    const first = [await send(on, init), await send(off, init)];
    expect(first[0]).toEqual(first[1]);
    const before = await fastCount(on);
    const second = [await send(on, init), await send(off, init)];
    expect(second[0]).toEqual(second[1]);
    expect((await fastCount(on)) - before).toBe(fast ? 1 : 0);
    try {
      return JSON.parse(second[0].text);
    } catch {
      return second[0].text;
    }
  }

  it('data over several subgraphs, aliases, fragments, variables and @skip/@include read from them take the fast path', async () => {
    const dashboard = await same(plain, { token: partnerToken, body: { query: README_DASHBOARD } }, true);
    expect(dashboard.data.customers.edges[0].node.subscriptions.edges).toHaveLength(4);
    const page = {
      query: `query Page($first: Int!, $market: String!, $withPrice: Boolean!) {
        mine: customers(first: $first) { totalCount edges { cursor node { ...customer } } }
        catalog: offers(first: 3, filter: { market: $market }) { edges { node { id name price(market: $market) @include(if: $withPrice) { amount currency } } } }
        me { userId roles tenant { __typename ... on Partner { name type } } }
      }
      query Other { me { userId } }
      fragment customer on Customer { id companyName country subscriptions(first: 4) { edges { node { quantity status offer { name constructor: id } } } } }`,
      operationName: 'Page',
    };
    for (const withPrice of [true, false]) await same(plain, { token: partnerToken, body: { ...page, variables: { first: 5, market: 'DE', withPrice } } }, true);
    expect((await same(plain, { token: partnerToken, body: { ...page, operationName: 'Other' } }, true)).data.me.userId).toBeTruthy();
    const skip = `query($skip: Boolean!) { customer(id: "${customerId}") { companyName subscriptions(first: 2) @skip(if: $skip) { totalCount } } }`;
    for (const value of [false, true]) await same(plain, { token: partnerToken, body: { query: skip, variables: { skip: value } } }, true);
    // The query plan, shown outside production on request.
    await same(plain, { token: partnerToken, body: { query: '{ offers(first: 2) { edges { node { name } } } }' }, headers: { 'apollo-query-plan-experimental': '1' } }, true);
  });

  it('errors after execution are formatted as Apollo formats them: FORBIDDEN on a nested field, not found, no token', async () => {
    const partial = await same(plain, { token: resellerToken, body: { query: README_DASHBOARD } }, true);
    expect(partial.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(partial.data.customers).not.toBeNull();
    await same(plain, { token: partnerToken, body: { query: '{ customer(id: "cus-does-not-exist") { id companyName } me { userId } }' } }, true);
    await same(plain, { body: { query: '{ customers(first: 1) { totalCount } offers(first: 1) { totalCount } }' } }, true);
    // A page size the subgraph refuses (the gateway's cost counts it as 100).
    expect((await same(plain, { token: partnerToken, body: { query: '{ customers(first: 1000) { totalCount } }' } }, true)).errors).toBeTruthy();
  });

  it('refusals before execution are left to Apollo Server: bad, missing or unsafe variables, query cost read from a variable, an unknown operation', async () => {
    const paged = 'query($first: Int!) { customers(first: $first) { edges { node { subscriptions(first: $first) { edges { node { id quantity status termEnd offer { id name } } } } } } } }';
    await same(plain, { token: partnerToken, body: { query: paged, variables: { first: 2 } } }, true);
    const costly = await same(plain, { token: partnerToken, body: { query: paged, variables: { first: 100 } } }, false);
    expect(costly.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await same(plain, { token: partnerToken, body: { query: paged, variables: { first: 'many' } } }, false)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    await same(plain, { token: partnerToken, body: { query: paged, variables: {} } }, false);
    const byId = 'query($id: ID!) { customer(id: $id) { companyName } }';
    await same(plain, { token: partnerToken, body: { query: byId, variables: { id: customerId } } }, true);
    expect((await same(plain, { token: partnerToken, body: { query: byId, variables: { id: 'cus\u0000x' } } }, false)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    await same(plain, { token: partnerToken, body: { query: 'query A { me { userId } } query B { me { roles } }' } }, false);
    await same(plain, { token: partnerToken, body: { query: 'query A { me { userId } }', operationName: 'B' } }, false);
    await same(plain, { token: 'not-a-token', body: { query: '{ me { userId } }' } }, false);
  });

  it('mutations: a refused checkout, and a checkout with an Idempotency-Key header that returns the first order again', async () => {
    const refused = await same(plain, { token: adminToken, body: { query: 'mutation { checkoutCart(input: { cartId: "cart-missing", attestationAccepted: true }) { order { id } errors { code rule } } }' } }, true);
    expect(refused.errors ?? refused.data.checkoutCart.errors).toBeTruthy();
    const cart = (await createCart(t, adminToken, customerId, [{ offerId: OFFERS[1], quantity: 2 }])).data.createCart.cart;
    const checkout = {
      query: 'mutation($input: CheckoutCartInput!) { checkoutCart(input: $input) { order { id createdAt lines { quantity subscription { quantity status } } } errors { code rule } } }',
      variables: { input: { cartId: cart.id, attestationAccepted: true } },
    };
    const placed = await same(plain, { token: adminToken, body: checkout, headers: { 'idempotency-key': `fast-path-${cart.id}` } }, true);
    expect(placed.data.checkoutCart.order.id).toBeTruthy();
    expect(placed.data.checkoutCart.errors).toEqual([]);
  });

  it('HTTP variants: Accept headers and content types as Apollo negotiates them; GET, batches, persisted queries, introspection, extensions, bad JSON', async () => {
    const query = '{ me { userId roles } }';
    for (const accept of ['application/json', 'application/graphql-response+json', '*/*', 'application/graphql-response+json;q=0.9, application/json', 'application/json, text/plain, */*']) {
      await same(plain, { token: partnerToken, body: { query }, headers: { accept } }, true);
    }
    expect((await same(plain, { token: partnerToken, body: { query }, headers: { accept: 'text/html' } }, false)).errors[0].extensions.code).toBe('BAD_REQUEST');
    await same(plain, { token: partnerToken, body: { query }, headers: { 'content-type': 'application/json; charset=utf-8' } }, true);
    await same(plain, { token: partnerToken, body: { query }, headers: { 'content-type': 'text/plain' } }, false);
    await same(plain, { token: partnerToken, body: { query, extensions: { client: 'tests' } } }, true);
    await same(plain, { token: partnerToken, method: 'GET', search: `?query=${encodeURIComponent(query)}` }, false);
    await same(plain, { token: partnerToken, body: [{ query }] }, false);
    await same(plain, { token: partnerToken, raw: '{"query": ' }, false);
    await same(plain, { token: partnerToken, body: { query, variables: [1] } }, false);
    const billing = trustedManifest().operations.find((operation) => operation.name === 'SubscriptionBilling')!;
    await same(plain, { token: partnerToken, body: { operationName: 'SubscriptionBilling', extensions: { persistedQuery: { version: 1, sha256Hash: billing.id } } } }, false);
    await same(plain, { token: partnerToken, body: { query: '{ __typename me { __typename userId } __type(name: "Offer") { name fields { name } } }' } }, false);
  });

  it('trusted documents (TRUSTED_DOCUMENTS=browsers): checked for each request, whichever client sent the document first', async () => {
    const browser = { origin: 'http://localhost:5173', 'sec-fetch-site': 'same-origin' };
    const query = '{ me { userId tenant { __typename } } }';
    await same(browsersTrusted, { token: partnerToken, body: { query } }, true);
    expect((await same(browsersTrusted, { token: partnerToken, body: { query }, headers: browser }, false)).errors[0].extensions.code).toBe('DOCUMENT_NOT_TRUSTED');
    // The docs' dashboard example (it does not read the business clock, which moves between requests).
    const example = trustedManifest().operations.find((operation) => operation.body.startsWith('{\n  customers(first: 20)'))!;
    const asText = await same(browsersTrusted, { token: partnerToken, body: { query: `# reformatted\n${example.body.replace(/\n\s*/g, ' ')}` }, headers: browser }, true);
    expect(asText.data.customers.edges[0].node.companyName).toBeTruthy();
  });

  it('rate limits count every request, fast or not', async () => {
    const body = { query: '{ me { userId } }' };
    const [on, off] = limited;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push([await send(on, { token: partnerToken, body }), await send(off, { token: partnerToken, body })]);
    for (const [fast, full] of answers) expect(fast).toEqual(full);
    expect(answers.map(([fast]) => fast.status)).toEqual([200, 200, 200, 429]);
  });

  it('a subgraph that is down: its fields are null with SERVICE_UNAVAILABLE, the rest answers', async () => {
    const query = '{ customers(first: 5) { edges { node { companyName enterpriseAgreements { number } } } } }';
    await same(plain, { token: partnerToken, body: { query } }, true);
    await t.stack.subgraphs.transfers.stop();
    const body = await same(plain, { token: partnerToken, body: { query } }, true);
    expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });
});
