import { assert } from '@apollo/federation-internals';
import { executeSync, Kind, OperationTypeNode, visit, type DocumentNode, type FieldNode, type GraphQLSchema, type VariableDefinitionNode } from 'graphql';
import { getOwn, type Json } from './merge';

/**
 * A `__schema` or `__type` field of the client's operation, answered by the gateway from its own
 * schema (Apollo Gateway 2.14's executeIntrospection): the field alone in a query, with the
 * variables it uses.
 */
export function executeIntrospection(schema: GraphQLSchema, selection: FieldNode, variableDefinitions: readonly VariableDefinitionNode[] | undefined, variableValues: Json | undefined): unknown {
  const { data, errors } = executeSync({ schema, document: introspectionDocument(selection, variableDefinitions), rootValue: {}, variableValues });
  assert(!errors || errors.length === 0, () => `Introspection query for ${JSON.stringify(selection)} should not have failed but got ${JSON.stringify(errors)}`);
  assert(data, () => `Introspection query for ${JSON.stringify(selection)} should not have failed`);
  return getOwn(data as Json, selection.alias?.value ?? selection.name.value);
}

function introspectionDocument(selection: FieldNode, variableDefinitions: readonly VariableDefinitionNode[] | undefined): DocumentNode {
  const used = new Set<string>();
  visit(selection, { Variable: ({ name }) => void used.add(name.value) });
  const usedDefinitions = variableDefinitions?.filter((definition) => used.has(definition.variable.name.value));
  assert(used.size === (usedDefinitions?.length ?? 0), () => `Should have found all used variables ${[...used]} in definitions ${JSON.stringify(variableDefinitions)}`);
  return {
    kind: Kind.DOCUMENT,
    definitions: [{ kind: Kind.OPERATION_DEFINITION, operation: OperationTypeNode.QUERY, variableDefinitions: usedDefinitions, selectionSet: { kind: Kind.SELECTION_SET, selections: [selection] } }],
  };
}
