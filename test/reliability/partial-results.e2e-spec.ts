import { createCustomer, onboardPartner } from '../support/fixtures';
import { useStack, type GraphQLResponse } from '../support/stack';

/**
 * Partial results: a subgraph that is stalled or down costs only the fields it owns (null),
 * with a SERVICE_UNAVAILABLE error naming it; every other field still answers.
 */
describe('partial results when a subgraph is stalled or down', () => {
  const t = useStack();
  const unavailable = (body: GraphQLResponse, service: string) =>
    body.errors?.filter((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE' && error.extensions?.serviceName === service && error.message.includes(`"${service}"`)) ?? [];

  it('a subgraph that stops answering mid-query: its fields are null after the timeout, the others answer', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token();
    const previous = process.env.SUBGRAPH_TIMEOUT_MS;
    process.env.SUBGRAPH_TIMEOUT_MS = '1000';
    // The catalog's offers table is locked: its query waits, as a stalled process would.
    await t.db.query('begin');
    await t.db.query('lock table catalog.offer in access exclusive mode');
    try {
      const body = await t.gql(token, '{ me { userId } customers { totalCount } offers(first: 1) { totalCount } }');
      expect(body.data?.me.userId).toBe(`user-${partner.id}`);
      expect(body.data?.customers.totalCount).toBe(0);
      expect(body.data?.offers).toBeNull();
      expect(unavailable(body, 'catalog')).toHaveLength(1);
    } finally {
      await t.db.query('rollback');
      if (previous === undefined) delete process.env.SUBGRAPH_TIMEOUT_MS;
      else process.env.SUBGRAPH_TIMEOUT_MS = previous;
    }
  });

  it('a subgraph that is down: the fields it adds to a customer are null, the customer and its own fields are there', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token();
    const customer = await createCustomer(t, partner);
    await t.stack.subgraphs.transfers.stop();
    const body = await t.gql(token, '{ customers(first: 10) { totalCount edges { node { id companyName enterpriseAgreements { number } } } } }');
    expect(body.data?.customers.totalCount).toBe(1);
    const [edge] = body.data?.customers.edges ?? [];
    expect(edge.node).toMatchObject({ id: customer.id, companyName: `Customer ${customer.domain}`, enterpriseAgreements: null });
    expect(unavailable(body, 'transfers').length).toBeGreaterThanOrEqual(1);
    expect(body.errors?.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR')).toBe(false);
  });
});
