import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * The graph answers queries and mutations only. The composed schema still names the domain
 * type `Subscription` as a subscription root (by its name), and the query planner fails on
 * such an operation with an internal error: it is refused during validation instead, a 400
 * GRAPHQL_VALIDATION_FAILED that says what to do.
 */
export const noSubscriptionOperations: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'subscription') return;
    context.reportError(
      new GraphQLError(
        'Subscription operations are not supported: this graph answers queries and mutations only. Read a licence subscription with `query { subscription(id: …) { … } }`; to be told of changes, register a webhook.',
        { nodes: node },
      ),
    );
  },
});
