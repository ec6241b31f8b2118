import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { loadSupergraph } from '../gateway';
import { computeResponse } from './result-shaping';

// Apollo Gateway's own walk, the reference (read, never replaced).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const apolloShaping = require('@apollo/gateway/dist/resultShaping') as { computeResponse: typeof computeResponse };
const apolloComputeResponse = apolloShaping.computeResponse;

const apiSchema = Supergraph.build(loadSupergraph()).apiSchema();

/** Both walks over the same answers: the same data and errors, byte for byte. */
function both(query: string, input: Record<string, unknown>, variables: Record<string, unknown> = {}) {
  const shape = (compute: typeof computeResponse) => {
    // Each walk gets its own copy: outputs are built, never the input changed, but be sure.
    const result = compute({
      operation: operationFromDocument(apiSchema, parse(query), { validate: false }),
      variables,
      input: structuredClone(input),
      introspectionHandling: () => ({ introspected: true }),
    });
    return JSON.stringify({ data: result.data, errors: result.errors.map((error) => ({ message: error.message, path: error.path, code: error.extensions?.code })) });
  };
  const ours = shape(computeResponse);
  expect(ours).toBe(shape(apolloComputeResponse));
  return JSON.parse(ours) as { data: any; errors: { message: string; path: (string | number)[] }[] };
}

const DASHBOARD = `query($market: String!, $withOffer: Boolean!, $noTerm: Boolean = false) {
  all: customers(first: 2) { totalCount edges { node { id name: companyName
    subscriptions(first: 3) { edges { node { quantity status termEnd @skip(if: $noTerm)
      offer @include(if: $withOffer) { name price(market: $market) { amount currency } } } } }
  } } }
}`;

function subscription(quantity: number, status: unknown, offer: unknown = { __typename: 'Offer', id: 'o1', name: 'Power BI Pro', price: { amount: '12.88', currency: 'EUR' } }) {
  return { __typename: 'Subscription', id: `s${quantity}`, quantity, status, termEnd: '2031-01-01T00:00:00.000Z', offer };
}

function customers(subscriptions: unknown[][]) {
  return {
    all: {
      totalCount: subscriptions.length,
      edges: subscriptions.map((nodes, i) => ({
        node: { __typename: 'Customer', id: `c${i}`, name: `Customer ${i}`, subscriptions: { edges: nodes.map((node) => ({ node })) } },
      })),
    },
  };
}

describe('result shaping (the gateway walk over the subgraphs’ merged answers)', () => {
  it('keeps only what was asked, under its aliases and in the operation’s order, as Apollo Gateway does', () => {
    const { data, errors } = both(DASHBOARD, customers([[subscription(3, 'ACTIVE'), subscription(4, 'SUSPENDED')], []]), { market: 'DE', withOffer: true });
    expect(errors).toEqual([]);
    expect(Object.keys(data.all.edges[0].node)).toEqual(['id', 'name', 'subscriptions']);
    expect(data.all.edges[0].node.subscriptions.edges[1].node).toEqual({ quantity: 4, status: 'SUSPENDED', termEnd: '2031-01-01T00:00:00.000Z', offer: { name: 'Power BI Pro', price: { amount: '12.88', currency: 'EUR' } } });
  });

  it('applies @skip and @include from the variables, defaults included', () => {
    const input = customers([[subscription(3, 'ACTIVE')]]);
    expect(both(DASHBOARD, input, { market: 'DE', withOffer: false }).data.all.edges[0].node.subscriptions.edges[0].node).toEqual({ quantity: 3, status: 'ACTIVE', termEnd: '2031-01-01T00:00:00.000Z' });
    expect(both(DASHBOARD, input, { market: 'DE', withOffer: true, noTerm: true }).data.all.edges[0].node.subscriptions.edges[0].node).not.toHaveProperty('termEnd');
  });

  it('a value outside its enum or scalar is an error at its path; its non-null field nulls the nearest nullable parent', () => {
    const { data, errors } = both(DASHBOARD, customers([[subscription(3, 'BOGUS')], [{ ...subscription(4, 'ACTIVE'), quantity: 4.5 }], [subscription(5, 'ACTIVE')]]), { market: 'DE', withOffer: true });
    // Subscription.status and .quantity are non-null: each customer's subscriptions connection is null.
    expect(data.all.edges[0].node.subscriptions).toBeNull();
    expect(data.all.edges[1].node.subscriptions).toBeNull();
    expect(data.all.edges[2].node.subscriptions.edges[0].node.quantity).toBe(5);
    expect(errors.map((error) => error.path)).toEqual([
      ['all', 'edges', 0, 'node', 'subscriptions', 'edges', 0, 'node', 'status'],
      ['all', 'edges', 1, 'node', 'subscriptions', 'edges', 0, 'node', 'quantity'],
    ]);
  });

  it('a null where the schema says non-null nulls the nearest nullable parent, with one error', () => {
    const { data, errors } = both('{ customers(first: 1) { edges { node { id companyName } } } }', { customers: { edges: [{ node: { id: null, companyName: 'A' } }, { node: { id: 'c2', companyName: 'B' } }] } });
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/Cannot return null for non-nullable field Customer.id/);
    // Customer.id, CustomerEdge.node and the edges list are non-null: the whole connection is.
    expect(errors[0].path).toEqual(['customers', 'edges', 0, 'node', 'id']);
    expect(data).toEqual({ customers: null });
  });

  it('a union follows __typename through inline and named fragments; an unknown __typename is an error', () => {
    const query = `{ me { userId t: tenant { kind: __typename ... on Partner { id } ...customer } __typename } }
      fragment customer on Customer { companyName }`;
    expect(both(query, { me: { userId: 'u', t: { __typename: 'Customer', companyName: 'Contoso', id: 'c1' } } }).data).toEqual({ me: { userId: 'u', t: { kind: 'Customer', companyName: 'Contoso' }, __typename: 'Viewer' } });
    expect(both(query, { me: { userId: 'u', t: { __typename: 'Partner', id: 'p1', companyName: 'x' } } }).data.me.t).toEqual({ kind: 'Partner', id: 'p1' });
    const unknown = both(query, { me: { userId: 'u', t: { __typename: 'Nonsense', id: 'p1' } } });
    expect(unknown.data.me.t).toBeNull();
    expect(unknown.errors[0].message).toMatch(/Invalid __typename/);
  });

  it('the same field asked twice (directly and in a fragment) is merged into one object', () => {
    const query = `{ me { tenant { ... on Customer { companyName } ... on Customer { id companyName } } } }`;
    expect(both(query, { me: { tenant: { __typename: 'Customer', id: 'c1', companyName: 'Contoso' } } }).data).toEqual({ me: { tenant: { companyName: 'Contoso', id: 'c1' } } });
  });

  it('aliases named as what plain objects inherit (__proto__, constructor, toString) are ordinary fields of the answer', () => {
    // As a subgraph's answer arrives: parsed JSON, where __proto__ is an own key.
    const { data } = both(
      '{ me { __proto__: userId constructor: tenantId toString: roles tenant { __proto__: __typename valueOf: __typename } } }',
      JSON.parse('{"me":{"__proto__":"u1","constructor":"t1","toString":["ADMIN_AGENT"],"tenant":{"__typename":"Partner"}}}'),
    );
    expect(Object.getPrototypeOf(data.me)).toBe(Object.prototype);
    expect(Object.keys(data.me)).toEqual(['__proto__', 'constructor', 'toString', 'tenant']);
    expect(data.me.constructor).toBe('t1');
    expect(data.me.toString).toEqual(['ADMIN_AGENT']);
    expect(data.me.tenant).toEqual(JSON.parse('{"__proto__":"Partner","valueOf":"Partner"}'));
  });
});
