import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE, MAX_PAGE } from '../shared/graphql/page-size';
import { numberSetting } from '../shared/config';

/** Assumed length of a list that takes no `first` (agreements of a customer, lines of an order …). */
const UNPAGED_LIST = 10;

/** Default limit: the README's dashboard at `first: 100` costs about 125,000; three nested pages of 100 cost millions. */
export const DEFAULT_MAX_QUERY_COST = 1_000_000;

export function maxQueryCost(): number {
  return numberSetting(process.env.GATEWAY_MAX_QUERY_COST, DEFAULT_MAX_QUERY_COST);
}

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}

function intOf(value: ValueNode | undefined, variables: Record<string, unknown>, readsVariables: { value: boolean }): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    readsVariables.value = true;
    const given = variables[value.name.value];
    return typeof given === 'number' ? given : undefined;
  }
  return undefined;
}

/**
 * What a query may cost the graph: every field counts 1, and a paged list multiplies its
 * selection by its `first` (the page size actually asked for, variables included, at most
 * 100, 20 when absent), an unpaged list by 10. Connection `edges` are counted by their page.
 */
export function queryCost(input: CostInput): number {
  return costAndReads(input).cost;
}

/** The cost, and whether it read a variable (a cost that does not is the same for every request of the document). */
function costAndReads({ schema, document, operation, variables }: CostInput): { cost: number; readsVariables: boolean } {
  const readsVariables = { value: false };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const costOf = (set: SelectionSetNode, parent: GraphQLCompositeType, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : {};
        const field = fields[selection.name.value];
        if (!field) continue;
        let cost = 1;
        if (selection.selectionSet) {
          const named = getNamedType(field.type);
          const first = field.args.some((arg) => arg.name === 'first')
            ? intOf(selection.arguments?.find((arg) => arg.name.value === 'first')?.value, variables, readsVariables) ?? DEFAULT_PAGE
            : undefined;
          const multiplier =
            first !== undefined
              ? Math.min(Math.max(first, 0), MAX_PAGE)
              : isListType(getNullableType(field.type)) && selection.name.value !== 'edges'
                ? UNPAGED_LIST
                : 1;
          cost += multiplier * (isCompositeType(named) ? costOf(selection.selectionSet, named, seen) : 0);
        }
        total += cost;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += costOf(selection.selectionSet, type, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type && isCompositeType(type) && !seen.has(fragment.name.value)) {
          total += costOf(fragment.selectionSet, type, new Set([...seen, fragment.name.value]));
        }
      }
    }
    return total;
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'query' ? schema.getQueryType() : schema.getSubscriptionType();
  return { cost: root ? costOf(operation.selectionSet, root, new Set()) : 0, readsVariables: readsVariables.value };
}

/**
 * The cost of the operation, computed once for a document whose cost reads no variable: Apollo
 * Server hands the same parsed document for the same query text (its document store).
 */
function cachedCost(cache: WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; cost: number }>, input: CostInput): number {
  const known = cache.get(input.operation);
  if (known && known.schema === input.schema) return known.cost;
  const { cost, readsVariables } = costAndReads(input);
  if (!readsVariables) cache.set(input.operation, { schema: input.schema, cost });
  return cost;
}

/** The cost check of one gateway: costs of documents that read no variable are kept. */
export interface QueryCostLimit {
  /** The error refusing the operation (HTTP 400) when its cost exceeds the limit, else null. */
  refusal(input: CostInput): GraphQLError | null;
}

export function queryCostLimit(limit = maxQueryCost()): QueryCostLimit {
  const costs = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; cost: number }>();
  return {
    refusal(input) {
      const cost = cachedCost(costs, input);
      if (cost <= limit) return null;
      return new GraphQLError(`Query cost ${cost} exceeds the limit of ${limit}: ask for smaller pages (first) or fewer nested lists`, {
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost: limit, http: { status: 400 } },
      });
    },
  };
}

/**
 * Refuses, with HTTP 400 before any subgraph is asked, an operation whose cost exceeds the
 * limit (GATEWAY_MAX_QUERY_COST). Unlike a validation rule it sees the variables, so a page
 * size passed as `$first` counts as much as a literal one.
 */
export function queryCostPlugin<C extends BaseContext>(limit: number | QueryCostLimit = maxQueryCost()): ApolloServerPlugin<C> {
  const check = typeof limit === 'number' ? queryCostLimit(limit) : limit;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const error = check.refusal({ schema, document, operation, variables: request.variables ?? {} });
          if (error) throw error;
        },
      };
    },
  };
}
