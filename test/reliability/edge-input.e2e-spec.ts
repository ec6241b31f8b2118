import { onboardPartner } from '../support/fixtures';
import { useStack, type GraphQLResponse } from '../support/stack';
import { CREATE_CUSTOMER, customerInput } from '../customers/helpers';

/**
 * Input at the edge: what a client sends wrong is a 4xx with a code it can act on, never a
 * 500 or INTERNAL_SERVER_ERROR, and nothing malformed reaches a subgraph's database.
 */
describe('input at the edge', () => {
  const t = useStack();

  async function post(token: string | undefined, body: unknown): Promise<{ status: number; body: GraphQLResponse }> {
    const response = await fetch(t.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse };
  }
  const codes = (body: GraphQLResponse) => (body.errors ?? []).map((error) => error.extensions?.code);

  describe('documents', () => {
    it('a syntax error is HTTP 400 GRAPHQL_PARSE_FAILED', async () => {
      const answer = await post(await t.operatorToken(), { query: '{ me { userId ' });
      expect(answer.status).toBe(400);
      expect(codes(answer.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
    });

    it('a document over the token limit is HTTP 400 GRAPHQL_PARSE_FAILED naming the limit', async () => {
      const answer = await post(await t.operatorToken(), { query: `{ ${'me { userId } '.repeat(1000)} }` });
      expect(answer.status).toBe(400);
      expect(codes(answer.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
      expect(answer.body.errors?.[0].message).toMatch(/3000 tokens/);
    });

    it('an unknown operationName is HTTP 400', async () => {
      const answer = await post(await t.operatorToken(), { query: 'query A { me { userId } }', operationName: 'B' });
      expect(answer.status).toBe(400);
      expect(codes(answer.body)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    });

    it('too deep a query is HTTP 400 with the depth limit in the message', async () => {
      const deep = `{ customers { edges { node { subscriptions { edges { node { customer { subscriptions { edges { node { customer { subscriptions { totalCount } } } } } } } } } } } } }`;
      const answer = await post(await t.operatorToken(), { query: deep });
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0].message).toMatch(/depth limit/i);
    });
  });

  describe('query cost', () => {
    const DASHBOARD = (first: string) => `{
      customers(first: ${first}) {
        totalCount
        edges { node {
          companyName country
          subscriptions(first: ${first}) { edges { node {
            quantity status termEnd
            offer { name price(market: "DE") { amount currency } }
          } } }
          enterpriseAgreements { number endDate subscriptions { provisioningId availability } }
        } }
      }
    }`;

    it("admits the README's dashboard query at first: 100 (the largest page the API promises)", async () => {
      const partner = await onboardPartner(t);
      const answer = await post(await partner.token(), { query: DASHBOARD('100') });
      expect(answer.body.errors).toBeUndefined();
      expect(answer.status).toBe(200);
      expect(answer.body.data.customers.totalCount).toBe(0);
    });

    it('refuses with HTTP 400 a query nesting pages of 100 three deep, whether first is a literal or a variable', async () => {
      const abuse = (first: string) => `query${first === '$first' ? '($first: Int)' : ''} { customers(first: ${first}) { edges { node {
        subscriptions(first: ${first}) { edges { node { customer { orders(first: ${first}) { edges { node { id lines { quantity } } } } } } } } } } } }`;
      const partner = await onboardPartner(t);
      for (const [query, variables] of [[abuse('100'), {}], [abuse('$first'), { first: 100 }]] as const) {
        const answer = await post(await partner.token(), { query, variables });
        expect(answer.status).toBe(400);
        expect(codes(answer.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
        expect(answer.body.errors?.[0].message).toMatch(/cost .* exceeds the limit/i);
      }
    });
  });

  describe('control characters, NUL and broken Unicode', () => {
    it('a NUL byte in a variable is BAD_USER_INPUT and nothing is written', async () => {
      const partner = await onboardPartner(t);
      const before = await t.db.query('select count(*)::int as n from customers.customer');
      const answer = await post(await partner.token(), { query: CREATE_CUSTOMER, variables: { input: customerInput({ companyName: 'Nul\u0000Co' }) } });
      expect(answer.status).toBe(400);
      expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
      expect(answer.body.errors?.[0].extensions?.field).toEqual(['input', 'companyName']);
      const after = await t.db.query('select count(*)::int as n from customers.customer');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });

    it('a control character in a literal argument or an id is BAD_USER_INPUT', async () => {
      const partner = await onboardPartner(t);
      for (const query of ['{ customers(filter: { search: "a\\u0000b" }) { totalCount } }', '{ customer(id: "cus-\\u0007") { id } }', '{ offer(id: "x\\ny") { id } }']) {
        // Twice: the second request meets the document's literals already checked (once per parsed document).
        for (const attempt of [1, 2]) {
          const answer = await post(await partner.token(), { query });
          expect([attempt, answer.status]).toEqual([attempt, 400]);
          expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
        }
      }
    });

    it('an unpaired surrogate in importOffers is BAD_USER_INPUT', async () => {
      const answer = await post(await t.operatorToken(), {
        query: 'mutation($i: ImportOffersInput!) { importOffers(input: $i) { errors { code } } }',
        variables: { i: { offers: [{ name: '\ud800', provisioningId: 'x' }] } },
      });
      expect(answer.status).toBe(400);
      expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('Duration', () => {
    const RENEWALS = 'query($id: ID!, $within: Duration) { partner(id: $id) { renewalsDue(within: $within) { totalCount } } }';

    it.each(['thirty days', 'P', 'P1Y2', 'PT', 'P99999D'])('refuses the variable %s as BAD_USER_INPUT with HTTP 400', async (within) => {
      const partner = await onboardPartner(t);
      const answer = await post(await partner.token(), { query: RENEWALS, variables: { id: partner.id, within } });
      expect(answer.status).toBe(400);
      expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses a bad literal with HTTP 400 and accepts a good one', async () => {
      const partner = await onboardPartner(t);
      const bad = await post(await partner.token(), { query: `{ partner(id: "${partner.id}") { renewalsDue(within: "30 days") { totalCount } } }` });
      expect(bad.status).toBe(400);
      expect(codes(bad.body)).not.toContain('INTERNAL_SERVER_ERROR');
      const good = await post(await partner.token(), { query: `{ partner(id: "${partner.id}") { renewalsDue(within: "P6M") { totalCount } } }` });
      expect(good.body.errors).toBeUndefined();
      expect(good.body.data.partner.renewalsDue.totalCount).toBe(0);
    });
  });

  describe('DateTime and Date', () => {
    const AUDIT = 'query($from: DateTime) { auditRecords(from: $from) { totalCount } }';

    it.each(['2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2026-01-01T24:00:00Z', '2026-01-01', 'yesterday', '2026-01-01T00:00:00'])(
      'refuses the variable %s as BAD_USER_INPUT with HTTP 400',
      async (from) => {
        const answer = await post(await t.operatorToken(), { query: AUDIT, variables: { from } });
        expect(answer.status).toBe(400);
        expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
      },
    );

    it('refuses a bad literal, a number and 1e309 with HTTP 400 (never INTERNAL_SERVER_ERROR)', async () => {
      for (const literal of ['"2026-02-30T00:00:00Z"', '1e309', '12', '"0000-01-01T00:00:00Z"']) {
        const answer = await post(await t.operatorToken(), { query: `{ auditRecords(from: ${literal}) { totalCount } }` });
        expect(answer.status).toBe(400);
        expect(codes(answer.body)).not.toContain('INTERNAL_SERVER_ERROR');
      }
    });

    it('accepts a real date-time with a zone', async () => {
      const now = (await post(await t.operatorToken(), { query: '{ sandboxClock }' })).body.data.sandboxClock as string;
      const from = `${new Date(Date.parse(now) - 86_400_000).toISOString().slice(0, 19)}+02:00`;
      const answer = await post(await t.operatorToken(), { query: AUDIT, variables: { from } });
      expect(answer.body.errors).toBeUndefined();
    });

    it('setSandboxClock to a date outside 1900–9999 is refused and the clock does not move', async () => {
      const operator = await t.operatorToken();
      const before = (await post(operator, { query: '{ sandboxClock }' })).body.data.sandboxClock;
      const answer = await post(operator, { query: 'mutation { setSandboxClock(input: { now: "0001-01-01T00:00:00Z" }) { now } }' });
      expect(answer.status).toBe(400);
      expect(codes(answer.body)).not.toContain('INTERNAL_SERVER_ERROR');
      // A real date, but one from which terms and renewals would leave the representable range.
      const far = await post(operator, { query: 'mutation { setSandboxClock(input: { now: "9999-06-01T00:00:00Z" }) { now } }' });
      expect(codes(far.body)).toEqual(['BAD_USER_INPUT']);
      const after = (await post(operator, { query: '{ sandboxClock }' })).body.data.sandboxClock;
      expect(Math.abs(Date.parse(after) - Date.parse(before))).toBeLessThan(60_000);
    });
  });
});
