import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { loadSupergraph } from '../../gateway/gateway';
import { PUBLIC_SCHEMA_FILE, publicSchemaOf } from '../../gateway/schema-route';
import { useStack } from '../support/stack';

/** GET /schema.graphql and the committed schema.graphql: the public schema clients generate types from. */
describe('public schema', () => {
  const t = useStack();
  const origin = () => t.gatewayUrl.replace(/\/graphql$/, '');

  it('the committed schema.graphql is the public schema of the supergraph (run `npm run schema` when this fails)', async () => {
    expect(readFileSync(PUBLIC_SCHEMA_FILE, 'utf8')).toBe(await publicSchemaOf(loadSupergraph()));
  });

  it('GET /schema.graphql serves it without federation internals, and names no subscription root', async () => {
    const response = await fetch(`${origin()}/schema.graphql`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const sdl = await response.text();
    expect(sdl).toBe(readFileSync(PUBLIC_SCHEMA_FILE, 'utf8'));
    expect(sdl.match(/join__|link__|@link|@join|@inaccessible|_Service|_Entity/g)).toBeNull();
    const schema = buildSchema(sdl);
    expect(schema.getQueryType()?.name).toBe('Query');
    expect(schema.getMutationType()?.name).toBe('Mutation');
    expect(schema.getSubscriptionType()).toBeUndefined();
    expect(schema.getType('Subscription')).toBeDefined();
  });

  it('fields that exist only for another subgraph are not public: schema.graphql lists none, and the gateway refuses them', async () => {
    const sdl = readFileSync(PUBLIC_SCHEMA_FILE, 'utf8');
    const internal = ['activeSubscriptionCount', 'offerHoldings', 'OfferHolding', 'eaHeldOfferIds', 'priceQuotes', 'PriceQuoteLineInput'];
    for (const name of internal) expect(sdl).not.toMatch(new RegExp(`\\b${name}\\b`));
    // No description tells clients about plumbing between subgraphs.
    expect(sdl).not.toMatch(/asks this|used by checkout|the catalog asks|for the subscriptions subgraph/i);
    // Each subgraph still answers the other subgraphs directly, but the public graph has none of them.
    const body = await t.gql(await t.operatorToken(), '{ customers(first: 1) { edges { node { id activeSubscriptionCount offerHoldings { offerId } eaHeldOfferIds } } } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a subscription operation is a clean 400 with a message that says what to do, never a 500', async () => {
    const token = await t.operatorToken();
    const response = await fetch(t.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'subscription { id }' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions?: { code?: string } }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/Subscription operations are not supported.*queries and mutations only/);
  });

  it('outside production, a misspelt field gets a "Did you mean" suggestion', async () => {
    const body = await t.gql(await t.operatorToken(), '{ subscriptionz(id: "x") { id } }');
    expect(body.errors?.[0]?.message).toMatch(/Did you mean "subscription/);
  });
});
