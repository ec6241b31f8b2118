import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { isScalarType, type GraphQLScalarType } from 'graphql';
import { DurationScalar } from '../shared/graphql/duration';
import { DateScalar, DateTimeScalar } from '../shared/graphql/scalars';

const EDGE_SCALARS: GraphQLScalarType[] = [DateTimeScalar, DateScalar, DurationScalar];

/**
 * The composed supergraph only names the custom scalars, so the gateway would accept any
 * value and leave a subgraph to refuse it. This gives the gateway's schema the subgraphs' own
 * parsing: a bad DateTime, Date or Duration is BAD_USER_INPUT (variable) or a validation error
 * (literal) with HTTP 400, before any subgraph or the query planner sees it.
 */
export function edgeScalarsPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema }) {
          for (const scalar of EDGE_SCALARS) {
            const type = apiSchema.getType(scalar.name);
            if (!isScalarType(type)) continue;
            type.parseValue = scalar.parseValue;
            type.parseLiteral = scalar.parseLiteral;
          }
        },
      };
    },
  };
}
