import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isLeafType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { dataOf, useStack, type GraphQLResponse } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { argumentsFor, type KnownValues } from './arbitraries';

/** Runs per root field (FUZZ_RUNS): the default keeps the whole file well under a minute. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** Each test's time limit grows with the runs asked for: two minutes for the default, in proportion beyond. */
const TIMEOUT_MS = 120_000 * Math.max(1, RUNS / 20);
/** Runs every due queue (webhook deliveries to fuzzed URLs included) and takes no argument: not fuzzed. */
const NOT_FUZZED = new Set(['processDueWork']);

/** Fields of a returned type worth selecting: leaves and, two levels deep, objects reachable without arguments. */
function selectionFor(type: GraphQLNamedType, depth = 0): string {
  if (isLeafType(type)) return '';
  if (!isObjectType(type) || depth > 2) return '{ __typename }';
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type))) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth < 2) parts.push(`${field.name} ${selectionFor(named, depth + 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** A value as a GraphQL literal (the path where a literal, not a variable, reaches the scalars). */
function toLiteral(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const named = isNonNullType(type) || isListType(type) ? type.ofType : type;
  if (Array.isArray(value)) return `[${value.map((item) => toLiteral(item, isListType(named) ? named.ofType : named)).join(', ')}]`;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '1e309';
  if (typeof value === 'string') return isEnumType(getNamedType(type)) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'object') {
    const fields = isInputObjectType(getNamedType(type)) ? (getNamedType(type) as any).getFields() : {};
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${key}: ${toLiteral(inner, fields[key]?.type ?? type)}`)
      .join(', ')} }`;
  }
  return String(value);
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, literal: boolean) {
  const given = field.args.filter((arg) => arg.name in args);
  const selection = selectionFor(getNamedType(field.type));
  if (literal) {
    const inline = given.map((arg) => `${arg.name}: ${toLiteral(args[arg.name], arg.type)}`).join(', ');
    return { query: `${kind} { ${field.name}${inline ? `(${inline})` : ''} ${selection} }`, variables: {} };
  }
  const definitions = given.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = given.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return { query: `${kind} Fuzz${definitions ? `(${definitions})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection} }`, variables: args };
}

/**
 * Property-based fuzzing of every root field's arguments through the gateway, as different
 * callers, with variables and with literals: whatever the input, the answer is never a 5xx
 * and never INTERNAL_SERVER_ERROR (a client's mistake is a 4xx or a typed error).
 */
describe('fuzzing every root field through the gateway', () => {
  const t = useStack();
  let schema: GraphQLSchema;
  let known: KnownValues;
  let tokens: (string | undefined)[];
  const tally = { requests: 0, serverErrors: 0, outcomes: new Map<string, number>() };

  beforeAll(async () => {
    const operator = await t.operatorToken();
    schema = buildClientSchema(dataOf(await t.gql<IntrospectionQuery>(operator, getIntrospectionQuery())));
    const partner = await onboardPartner(t);
    const other = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const foreign = await createCustomer(t, other);
    const bought = await buy(t, partner, customer.id, [{ offerId: 'offer-m365-e3-no-teams', quantity: 10 }]);
    const subscription: string = bought.payload.order.lines[0].subscription.id;
    known = {
      ids: [partner.id, other.id, customer.id, foreign.id, subscription, partner.partnerId, 'offer-m365-e3-no-teams', 'offer-m365-copilot', 'platform', 'cus-does-not-exist', 'x'],
      markets: ['DE', 'AT', 'US', 'FR', 'GB', 'BR', 'AU', 'ZZ'],
    };
    tokens = [
      operator,
      await partner.token(['ADMIN_AGENT', 'SALES_AGENT']),
      await partner.token(['GLOBAL_ADMIN']),
      await other.token(['HELPDESK_AGENT']),
      await t.token(customer.id, ['CUSTOMER_ADMIN']),
      undefined,
    ];
  });

  afterAll(() => {
    if (process.env.RELIABILITY_FIGURES) {
      const outcomes = [...tally.outcomes].sort((a, b) => b[1] - a[1]).map(([outcome, count]) => `${outcome}: ${count}`);
      console.log(`fuzzed ${tally.requests} requests: ${tally.serverErrors} answered 5xx or INTERNAL_SERVER_ERROR\n${outcomes.join('\n')}`);
    }
  });

  const rootFields = (kind: 'query' | 'mutation') => {
    const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    return Object.values(root?.getFields() ?? {}).filter((field) => !field.name.startsWith('_') && !NOT_FUZZED.has(field.name));
  };

  for (const kind of ['query', 'mutation'] as const) {
    it(`every ${kind} field: no 5xx and no INTERNAL_SERVER_ERROR, whatever its arguments and caller`, async () => {
      const fields = rootFields(kind);
      expect(fields.length).toBeGreaterThan(10);
      for (const field of fields) {
        await fc.assert(
          fc.asyncProperty(argumentsFor(field.args, known), fc.constantFrom(...tokens.keys()), fc.boolean(), async (args, caller, literal) => {
            const { query, variables } = operationFor(kind, field, args, literal);
            const response = await fetch(t.gatewayUrl, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...(tokens[caller] ? { authorization: `Bearer ${tokens[caller]}` } : {}) },
              body: JSON.stringify({ query, variables }),
            });
            const body = (await response.json()) as GraphQLResponse;
            const internal = body.errors?.filter((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR' || error.extensions?.code === 'SERVICE_UNAVAILABLE') ?? [];
            tally.requests += 1;
            const outcome = `${response.status} ${body.errors?.[0]?.extensions?.code ?? (body.data ? 'data' : 'none')}`;
            tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);
            if (response.status >= 500 || internal.length) tally.serverErrors += 1;
            expect({ field: field.name, status: response.status < 500 ? 'ok' : response.status, internal }).toEqual({ field: field.name, status: 'ok', internal: [] });
          }),
          { numRuns: RUNS, endOnFailure: true, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) },
        );
      }
    }, TIMEOUT_MS);
  }
});
