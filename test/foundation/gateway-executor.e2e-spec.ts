import { SUBGRAPH_NAMES, type SubgraphName } from '../../shared/config';
import { startGateway } from '../../gateway/gateway';
import { useStack } from '../support/stack';
import { README_DASHBOARD } from '../support/readme-queries';
import { comparisonTenants } from '../support/comparison-tenants';


/**
 * The gateway's own executor (gateway/execution/) answers exactly what Apollo Gateway's executor
 * answers: the same status and the same bytes, data, errors (messages, paths, codes, order) and
 * partial results alike. A second gateway over the same subgraphs runs Apollo's
 * (GATEWAY_EXECUTOR=apollo) and every request goes to both.
 */
describe("the gateway's executor answers as Apollo Gateway's, byte for byte", () => {
  const t = useStack();
  let apollo: Awaited<ReturnType<typeof startGateway>>;
  let partnerToken: string;
  let resellerToken: string;
  let customerId: string;

  beforeAll(async () => {
    const previous = process.env.GATEWAY_EXECUTOR;
    process.env.GATEWAY_EXECUTOR = 'apollo';
    try {
      const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, t.stack.subgraphs[name].url])) as Record<SubgraphName, string>;
      apollo = await startGateway({ port: 0, subgraphUrls: urls });
    } finally {
      if (previous === undefined) delete process.env.GATEWAY_EXECUTOR;
      else process.env.GATEWAY_EXECUTOR = previous;
    }
    const tenants = await comparisonTenants(t, 6);
    partnerToken = await tenants.partner.token();
    customerId = tenants.customerId;
    resellerToken = tenants.resellerToken;
  });

  afterAll(async () => {
    await apollo?.stop();
  });

  /** One request to both gateways: the same status and body text. */
  async function same(token: string | undefined, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<any> {
    const ask = async (url: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    };
    const [ours, theirs] = [await ask(t.gatewayUrl), await ask(apollo.url)];
    expect(ours).toEqual(theirs);
    return JSON.parse(ours.text);
  }

  /** Answers our gateway shaped so far, by the compiled shaping and by the walk (its /metrics). */
  async function shapedCounts(): Promise<{ compiled: number; walk: number }> {
    const text = await (await fetch(t.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    const count = (by: string) => Number(text.split('\n').find((row) => row.startsWith(`gateway_answers_shaped_total{by="${by}"}`))?.split(' ').pop() ?? 0);
    return { compiled: count('compiled'), walk: count('walk') };
  }

  it('data across three subgraphs: the README dashboard, entity references, aliases and fragments', async () => {
    const before = await shapedCounts();
    const dashboard = await same(partnerToken, { query: README_DASHBOARD });
    expect(dashboard.data.customers.edges[0].node.subscriptions.edges).toHaveLength(6);
    // The dashboard's answer was shaped by its compiled shaping (gateway/execution/compiled-shaping.ts) …
    const afterDashboard = await shapedCounts();
    expect(afterDashboard.compiled).toBeGreaterThan(before.compiled);
    await same(partnerToken, {
      query: `query Page($first: Int!, $market: String!, $withPrice: Boolean!) {
        mine: customers(first: $first) { totalCount edges { cursor node { ...customer } } }
        catalog: offers(first: 3, filter: { market: $market }) { edges { node { id name price(market: $market) @include(if: $withPrice) { amount currency } } } }
        me { userId roles tenant { __typename ... on Partner { name type } } }
      }
      fragment customer on Customer { id companyName country subscriptions(first: 4) { edges { node { quantity status offer { name constructor: id } } } } }`,
      variables: { first: 5, market: 'DE', withPrice: true },
      operationName: 'Page',
    });
    // … and a page whose @include reads a variable, with an alias named as what plain objects inherit (`constructor`), by the walk.
    expect((await shapedCounts()).walk).toBeGreaterThan(afterDashboard.walk);
    await same(partnerToken, { query: `query($skip: Boolean!) { customer(id: "${customerId}") { companyName subscriptions(first: 2) @skip(if: $skip) { totalCount } } }`, variables: { skip: false } });
    await same(partnerToken, { query: `query($skip: Boolean!) { customer(id: "${customerId}") { companyName subscriptions(first: 2) @skip(if: $skip) { totalCount } } }`, variables: { skip: true } });
  });

  it('errors and partial results: not found, FORBIDDEN on one nested field, refused variables, a refused mutation', async () => {
    const partial = await same(resellerToken, { query: README_DASHBOARD });
    expect(partial.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(partial.data.customers).not.toBeNull();
    await same(partnerToken, { query: '{ customer(id: "cus-does-not-exist") { id companyName } me { userId } }' });
    await same(undefined, { query: '{ customers(first: 1) { totalCount } offers(first: 1) { totalCount } }' });
    await same(partnerToken, { query: 'query($first: Int!) { customers(first: $first) { totalCount } }', variables: { first: 'many' } });
    await same(partnerToken, { query: 'query($first: Int!) { customers(first: $first) { totalCount } }', variables: {} });
    await same(partnerToken, { query: '{ customers(first: 1000) { totalCount } }' });
    const refused = await same(partnerToken, { query: 'mutation { checkoutCart(input: { cartId: "cart-missing", attestationAccepted: true, idempotencyKey: "compare-1" }) { order { id } errors { code rule } } }' });
    expect(refused.errors ?? refused.data.checkoutCart.errors).toBeTruthy();
  });

  it('introspection and the query plan shown outside production', async () => {
    await same(partnerToken, { query: '{ __typename me { __typename userId } __type(name: "Offer") { name fields { name } } }' });
    await same(partnerToken, { query: '{ offers(first: 2) { edges { node { name } } } }' }, { 'apollo-query-plan-experimental': '1' });
  });

  it('a subgraph that is down: its fields are null with SERVICE_UNAVAILABLE, the rest answers', async () => {
    await t.stack.subgraphs.transfers.stop();
    const body = await same(partnerToken, { query: `{ customers(first: 5) { edges { node { companyName enterpriseAgreements { number } } } } }` });
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
