import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { queryCost, queryCostPlugin } from './query-cost';

const schema = buildSchema(`
  type Query { customers(first: Int): CustomerConnection! customer(id: ID!): Customer }
  type CustomerConnection { totalCount: Int! edges: [CustomerEdge!]! }
  type CustomerEdge { node: Customer! }
  type Customer { id: ID! name: String! subscriptions(first: Int): SubscriptionConnection! agreements: [Agreement!]! }
  type SubscriptionConnection { edges: [SubscriptionEdge!]! }
  type SubscriptionEdge { node: Subscription! }
  type Subscription { id: ID! quantity: Int! }
  type Agreement { number: String! }
`);

function cost(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  return queryCost({ schema, document, operation: document.definitions[0] as OperationDefinitionNode, variables });
}

describe('query cost (gateway limit)', () => {
  it('counts one per field and multiplies a page by its first', () => {
    expect(cost('{ customer(id: "c") { id name } }')).toBe(3);
    expect(cost('{ customers(first: 10) { edges { node { id } } } }')).toBe(1 + 10 * (1 + (1 + 1)));
  });

  it('reads first from variables, defaults to 20, caps at 100', () => {
    const page = (first: string) => `query($f: Int) { customers(first: ${first}) { edges { node { id } } } }`;
    expect(cost(page('$f'), { f: 50 })).toBe(cost(page('50')));
    expect(cost('{ customers { edges { node { id } } } }')).toBe(cost(page('20')));
    expect(cost(page('$f'), { f: 100_000 })).toBe(cost(page('100')));
  });

  it('nested pages multiply; an unpaged list counts ten', () => {
    const nested = cost('{ customers(first: 100) { edges { node { subscriptions(first: 100) { edges { node { id quantity } } } } } } }');
    expect(nested).toBeGreaterThan(100 * 100 * 2);
    expect(cost('{ customer(id: "c") { agreements { number } } }')).toBe(1 + 1 + 10 * 1);
  });

  it('fragments count like the fields they spread', () => {
    const inline = cost('{ customer(id: "c") { id name } }');
    expect(cost('{ customer(id: "c") { ...F } } fragment F on Customer { id name }')).toBe(inline);
  });
});

describe('query cost plugin', () => {
  /** One request's check of `document` (the same parsed document each time, as Apollo Server's document store hands it). */
  const checker = (limit: number) => {
    const plugin = queryCostPlugin(limit);
    return async (document: ReturnType<typeof parse>, variables: Record<string, unknown> = {}) => {
      const listener = (await plugin.requestDidStart!({} as never)) as { didResolveOperation(context: unknown): Promise<void> };
      return listener.didResolveOperation({ schema, document, operation: document.definitions[0], request: { variables } });
    };
  };

  it('a cost that reads no variable is kept for the document; one whose page size is a variable follows each request', async () => {
    const check = checker(1000);
    const fixed = parse('{ customers(first: 100) { edges { node { subscriptions(first: 100) { edges { node { id } } } } } } }');
    await expect(check(fixed)).rejects.toThrow(/exceeds the limit/);
    await expect(check(fixed)).rejects.toThrow(/exceeds the limit/);
    const paged = parse('query($f: Int) { customers(first: $f) { edges { node { subscriptions(first: 100) { edges { node { id } } } } } } }');
    await expect(check(paged, { f: 2 })).resolves.toBeUndefined();
    await expect(check(paged, { f: 90 })).rejects.toThrow(/exceeds the limit/);
    await expect(check(paged, { f: 2 })).resolves.toBeUndefined();
  });
});
