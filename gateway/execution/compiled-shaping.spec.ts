import { operationFromDocument, Supergraph, type Operation } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { loadSupergraph } from '../gateway';
import { compileShaping, NOT_WHOLE } from './compiled-shaping';
import { computeResponse, shapingSteps } from './result-shaping';

// Apollo Gateway's own walk, the reference (read, never replaced).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const apollo = (require('@apollo/gateway/dist/resultShaping') as { computeResponse: typeof computeResponse }).computeResponse;

const apiSchema = Supergraph.build(loadSupergraph()).apiSchema();

function operationOf(query: string): Operation {
  return operationFromDocument(apiSchema, parse(query), { validate: false });
}

function compiled(query: string, variables: Record<string, unknown> = {}) {
  const operation = operationOf(query);
  const { steps } = shapingSteps(operation, variables);
  return compileShaping(steps, operation.schema().schemaDefinition.rootType(operation.rootKind)!, operation.schema());
}

/** Apollo's walk of the same answer: its data as JSON and its errors (what it throws, the executor answers as an error). */
function walked(query: string, input: Record<string, unknown>, variables: Record<string, unknown> = {}): { text: string; errors: { message: string }[] } {
  try {
    const result = apollo({ operation: operationOf(query), variables, input: structuredClone(input), introspectionHandling: () => null });
    return { text: JSON.stringify(result.data), errors: result.errors };
  } catch (error) {
    return { text: 'thrown', errors: [error as Error] };
  }
}

/** What the compiled shaping makes of an answer: its JSON, or NOT_WHOLE when it leaves the answer to the walk. */
function shapedText(shape: (input: Record<string, unknown>) => unknown, input: Record<string, unknown>): string | typeof NOT_WHOLE {
  try {
    return JSON.stringify(shape(structuredClone(input)));
  } catch (error) {
    if (error === NOT_WHOLE) return NOT_WHOLE;
    throw error;
  }
}

const DASHBOARD = `{ page: customers(first: 2) { totalCount edges { cursor node { __typename id name: companyName kind: __typename ... on Customer { domain }
  subscriptions(first: 3) { edges { node { id quantity status autoRenew termEnd offer { name price(market: "DE") { amount currency } } } } } } } } }`;

function subscription(n: number) {
  return {
    __typename: 'Subscription',
    id: `s${n}`,
    quantity: n,
    status: 'ACTIVE',
    autoRenew: n % 2 === 0,
    termEnd: '2031-01-01T00:00:00.000Z',
    offer: { __typename: 'Offer', id: 'o1', name: 'Power BI Pro', price: { amount: '12.88', currency: 'EUR' } },
  };
}

/** An answer as the executor merges it: the keys and __typename the plan added, beside what was asked. */
function dashboard(): Record<string, unknown> {
  const node = (c: number) => ({ __typename: 'Customer', id: `c${c}`, companyName: `Customer ${c}`, domain: `c${c}.example`, subscriptions: { edges: [0, 1, 2].map((s) => ({ node: subscription(c * 3 + s) })) } });
  return { page: { totalCount: 2, edges: [0, 1].map((c) => ({ cursor: `cursor-${c}`, node: node(c) })) } };
}

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every place of a JSON tree, as the object holding it and its key. */
function places(value: unknown, found: [Record<string | number, unknown>, string | number][] = []) {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      found.push([value as Record<string, unknown>, Array.isArray(value) ? Number(key) : key]);
      places((value as Record<string, unknown>)[key], found);
    }
  }
  return found;
}

const REPLACEMENTS: unknown[] = [null, undefined, 'BOGUS', 'ACTIVE', 4.5, 7, 2 ** 60, 1e21, -0, true, '12', {}, [], [null], { __typename: 'Nonsense' }, { __typename: 'Offer' }];

describe('compiled shaping (gateway/execution/compiled-shaping.ts): the walk of one operation made into a function', () => {
  it('shapes a whole answer byte for byte as Apollo Gateway does: names, aliases, order, fragments on the same type, __typename', () => {
    const shape = compiled(DASHBOARD)!;
    expect(shape).toBeDefined();
    const walk = walked(DASHBOARD, dashboard());
    expect(walk.errors).toEqual([]);
    expect(shapedText(shape, dashboard())).toBe(walk.text);
    expect(Object.keys(JSON.parse(walk.text).page.edges[0].node)).toEqual(['__typename', 'id', 'name', 'kind', 'domain', 'subscriptions']);
  });

  it('never answers what the walk would report (a bad enum, a fraction for Int, a null for non-null, a bad __typename): it leaves those answers to the walk', () => {
    const shape = compiled(DASHBOARD)!;
    const cases: [string, (input: any) => void][] = [
      ['status outside its enum', (input) => (input.page.edges[0].node.subscriptions.edges[1].node.status = 'BOGUS')],
      ['a fraction for quantity (Int)', (input) => (input.page.edges[1].node.subscriptions.edges[0].node.quantity = 4.5)],
      ['a text for quantity (Int)', (input) => (input.page.edges[1].node.subscriptions.edges[0].node.quantity = '4')],
      ['null for the non-null id', (input) => (input.page.edges[0].node.id = null)],
      ['a type the schema lacks named by __typename', (input) => (input.page.edges[0].node.subscriptions.edges[0].node.offer.__typename = 'Nonsense')],
      ['an object where a list is', (input) => (input.page.edges = {})],
      ['a text where an object is', (input) => (input.page.edges[0].node.subscriptions = 'none')],
    ];
    for (const [label, change] of cases) {
      const input = dashboard();
      change(input);
      expect([label, walked(DASHBOARD, input).errors.length > 0]).toEqual([label, true]);
      expect([label, shapedText(shape, input)]).toEqual([label, NOT_WHOLE]);
    }
    // An object naming another type of the schema: the walk shapes it as that type, without an error; so does the answer.
    const other = dashboard() as any;
    other.page.edges[0].node.subscriptions.edges[0].node.offer.__typename = 'Customer';
    expect(shapedText(shape, other)).toBe(NOT_WHOLE);
  });

  it('checks leaves as the walk does: a large integer is an Int, 1e21 is not; a missing nullable field is null', () => {
    const shape = compiled(DASHBOARD)!;
    const large = dashboard() as any;
    large.page.edges[0].node.subscriptions.edges[0].node.quantity = 2 ** 60;
    delete large.page.edges[0].node.domain;
    large.page.edges[1].node.subscriptions.edges[2].node.offer.price = null;
    expect(walked(DASHBOARD, large).errors).toEqual([]);
    expect(shapedText(shape, large)).toBe(walked(DASHBOARD, large).text);
    const exponent = dashboard() as any;
    exponent.page.edges[0].node.subscriptions.edges[0].node.quantity = 1e21;
    expect(walked(DASHBOARD, exponent).errors).toHaveLength(1);
    expect(shapedText(shape, exponent)).toBe(NOT_WHOLE);
  });

  it('agrees with the walk on 2,000 answers changed at random: the same bytes whenever it answers, the walk whenever it does not', () => {
    const shape = compiled(DASHBOARD)!;
    const random = generator(27);
    let answered = 0;
    let left = 0;
    for (let round = 0; round < 2000; round++) {
      const input = dashboard();
      const spots = places(input);
      for (let changes = 1 + Math.floor(random() * 2); changes > 0; changes--) {
        const [holder, key] = spots[Math.floor(random() * spots.length)];
        holder[key] = structuredClone(REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)]);
      }
      const text = shapedText(shape, input);
      if (text === NOT_WHOLE) {
        left++;
        continue;
      }
      answered++;
      const walk = walked(DASHBOARD, input);
      expect([round, text, walk.errors.map((error) => error.message)]).toEqual([round, walk.text, []]);
    }
    // Both outcomes were met often enough to mean something.
    expect(answered).toBeGreaterThan(200);
    expect(left).toBeGreaterThan(200);
  });

  it('is not made for what the walk alone shapes: an abstract type, the same response name twice, introspection, a name plain objects inherit', () => {
    expect(compiled('{ me { userId tenant { ... on Partner { id } } } }')).toBeUndefined();
    expect(compiled('{ customers(first: 1) { edges { node { companyName ... on Customer { companyName id } } } } }')).toBeUndefined();
    expect(compiled('{ __schema { queryType { name } } }')).toBeUndefined();
    expect(compiled('{ me { constructor: userId } }')).toBeUndefined();
    expect(compiled('{ me { __proto__: userId } }')).toBeUndefined();
    expect(compiled('{ me { userId } }')).toBeDefined();
  });
});
