import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import { compiledQueriesEnabled, compiledSchemaSource, executionOf } from './compiled-executor';

interface Ctx {
  calls: string[];
}

const typeDefs = /* GraphQL */ `
  enum Status { ACTIVE SUSPENDED }
  interface Node { id: ID! }
  type Offer implements Node { id: ID! name: String! price(market: String!, times: Int = 1): Float }
  type Bundle implements Node { id: ID! offers: [Offer!]! }
  type Holding { id: ID! quantity: Int! status: Status! offer: Offer! broken: String missing: String! }
  type Query {
    subscriptions(first: Int!, status: Status): [Holding!]!
    node(id: ID!): Node
    failing: String
    trap: Offer
    echo(text: String!, list: [String!]): String!
  }
  type Mutation { bump(id: ID!): Int! }
`;

const offers = [
  { id: 'o1', name: 'E3', base: 20 },
  { id: 'o2', name: 'E5', base: 35.5 },
];
const subscriptions = Array.from({ length: 6 }, (_, i) => ({ id: `s${i}`, quantity: i + 1, status: i % 2 ? 'SUSPENDED' : 'ACTIVE', offerId: offers[i % 2].id }));

const schema = makeExecutableSchema<Ctx>({
  typeDefs,
  resolvers: {
    Node: { __resolveType: (node: { offers?: unknown }) => (node.offers ? 'Bundle' : 'Offer') },
    Offer: { price: (offer: { base: number }, args: { market: string; times: number }) => (args.market === 'XX' ? null : offer.base * args.times) },
    Holding: {
      offer: async (sub: { offerId: string }, _: unknown, ctx: Ctx) => {
        ctx.calls.push(`offer:${sub.offerId}`);
        return offers.find((offer) => offer.id === sub.offerId);
      },
      broken: (sub: { id: string }) => {
        if (sub.id === 's3') throw new GraphQLError('cannot read s3', { extensions: { code: 'FORBIDDEN' } });
        return 'fine';
      },
      missing: (sub: { id: string }) => (sub.id === 's4' ? null : 'here'),
    },
    Query: {
      subscriptions: (_: unknown, args: { first: number; status?: string }, ctx: Ctx) => {
        ctx.calls.push('subscriptions');
        return subscriptions.filter((sub) => !args.status || sub.status === args.status).slice(0, args.first);
      },
      node: (_: unknown, args: { id: string }) => (args.id === 'b1' ? { id: 'b1', offers } : offers.find((offer) => offer.id === args.id) ?? null),
      echo: (_: unknown, args: { text: string; list?: string[] }) => [args.text, ...(args.list ?? [])].join('|'),
      // A default-resolved field whose getter throws: graphql-js makes it a field error.
      trap: () => ({ id: 'o9', get name(): string { throw new Error('getter failed'); } }),
      failing: () => {
        throw new Error('database is down');
      },
    },
    Mutation: {
      bump: (_: unknown, args: { id: string }, ctx: Ctx) => {
        ctx.calls.push(`bump:${args.id}`);
        return 1;
      },
    },
  },
});

/** Strings a caller may write as literals (as JSON, which GraphQL string syntax accepts): compiled code must keep them data. */
const NASTY = ['"; process.exit(1); "', "'", '`${process.exit(1)}`', '*/ }) //', '</script>\u2028\u2029', '\\\\', '\\"'];
const NASTY_LITERALS = `{ a: echo(text: ${JSON.stringify(NASTY[0])}, list: [${NASTY.slice(1).map((text) => JSON.stringify(text)).join(', ')}]) b: echo(text: "x") }`;

describe('compiled execution of subgraph queries (graphql-jit, graphql-js as the reference)', () => {
  const compiled = new ApolloServer<Ctx>({ gateway: compiledSchemaSource(schema) });
  const reference = new ApolloServer<Ctx>({ schema });
  beforeAll(() => Promise.all([compiled.start(), reference.start()]));
  afterAll(() => Promise.all([compiled.stop(), reference.stop()]));

  async function both(query: string, variables?: Record<string, unknown>) {
    const run = async (server: ApolloServer<Ctx>) => {
      const ctx: Ctx = { calls: [] };
      const response = await server.executeOperation(variables ? { query, variables } : { query }, { contextValue: ctx });
      return { body: JSON.stringify(response.body), status: response.http.status, calls: ctx.calls };
    };
    return { compiled: await run(compiled), reference: await run(reference) };
  }

  const cases: [string, string, Record<string, unknown> | undefined][] = [
    ['lists, arguments, defaults and enums', '{ subscriptions(first: 4) { id quantity status offer { name price(market: "DE") tripled: price(market: "DE", times: 3) } } }', undefined],
    ['variables, aliases, fragments and @skip/@include', 'query Q($n: Int!, $s: Status, $with: Boolean!) { list: subscriptions(first: $n, status: $s) { ...F offer @include(if: $with) { id } } } fragment F on Holding { id status @skip(if: $with) }', { n: 3, s: 'ACTIVE', with: true }],
    ['interfaces and __typename', '{ a: node(id: "o2") { __typename id ... on Offer { name } } b: node(id: "b1") { __typename ... on Bundle { offers { id } } } c: node(id: "zz") { id } }', undefined],
    // Literals come from the callers' queries into compiled code: they must stay data, never code.
    ['string literals with quotes, backslashes, template and script syntax', NASTY_LITERALS, undefined],
    ['a null for a nullable field', '{ node(id: "o1") { ... on Offer { price(market: "XX") } } }', undefined],
  ];

  it.each(cases)('%s: the same answer, each resolver run once', async (_, query, variables) => {
    const answers = await both(query, variables);
    expect(answers.compiled.body).toBe(answers.reference.body);
    expect(JSON.parse(answers.compiled.body).singleResult.errors).toBeUndefined();
    expect(answers.compiled.calls).toEqual(answers.reference.calls);
    // The second request reuses the compiled query.
    expect((await both(query, variables)).compiled.body).toBe(answers.reference.body);
  });

  const failing: [string, string, Record<string, unknown> | undefined][] = [
    ['a resolver error beside data', '{ subscriptions(first: 5) { id broken } }', undefined],
    ['a null in a non-null field, bubbling to the list', '{ subscriptions(first: 6) { id missing } }', undefined],
    ['an unexpected error', '{ failing }', undefined],
    ['a property getter that throws under a default resolver', '{ trap { id name } }', undefined],
    ['a variable of the wrong type', 'query Q($n: Int!) { subscriptions(first: $n) { id } }', { n: 'three' }],
    ['a missing variable', 'query Q($n: Int!) { subscriptions(first: $n) { id } }', {}],
  ];

  it.each(failing)('%s: exactly the answer and status graphql-js gives', async (_, query, variables) => {
    const answers = await both(query, variables);
    expect(answers.compiled.body).toBe(answers.reference.body);
    expect(answers.compiled.status).toBe(answers.reference.status);
    expect(JSON.parse(answers.compiled.body).singleResult.errors.length).toBeGreaterThan(0);
    // The compiled run's answer was thrown away and the query ran again on graphql-js.
    expect(answers.compiled.calls).toEqual([...answers.reference.calls, ...answers.reference.calls]);
  });

  it('a mutation runs once, on graphql-js', async () => {
    const answers = await both('mutation { a: bump(id: "s1") b: bump(id: "s2") }');
    expect(answers.compiled.body).toBe(answers.reference.body);
    expect(answers.compiled.calls).toEqual(['bump:s1', 'bump:s2']);
  });

  it('SUBGRAPH_COMPILED_QUERIES=false (or 0) runs everything on graphql-js alone: a failing query runs once', async () => {
    expect(compiledQueriesEnabled({})).toBe(true);
    expect(compiledQueriesEnabled({ SUBGRAPH_COMPILED_QUERIES: 'true' })).toBe(true);
    expect(compiledQueriesEnabled({ SUBGRAPH_COMPILED_QUERIES: '0' })).toBe(false);
    expect(executionOf(schema, { SUBGRAPH_COMPILED_QUERIES: 'false' })).toEqual({ schema });
    const plain = new ApolloServer<Ctx>({ ...executionOf(schema, { SUBGRAPH_COMPILED_QUERIES: 'false' }) });
    await plain.start();
    try {
      const ctx: Ctx = { calls: [] };
      const response = await plain.executeOperation({ query: '{ subscriptions(first: 5) { id broken } }' }, { contextValue: ctx });
      expect(JSON.stringify(response.body)).toBe((await both('{ subscriptions(first: 5) { id broken } }')).reference.body);
      expect(ctx.calls).toEqual(['subscriptions']);
    } finally {
      await plain.stop();
    }
  });
});
