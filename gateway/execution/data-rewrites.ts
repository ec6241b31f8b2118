import { assert } from '@apollo/federation-internals';
import type { FetchDataRewrite, QueryPlanSelectionNode } from '@apollo/query-planner';
import { isAbstractType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { deepMerge, defineOwn, getOwn, hasOwn, type Json } from './merge';

/**
 * What a fetch sends and receives, rewritten as the query plan says (Apollo Gateway 2.14's
 * dataRewrites and executeSelectionSet): representations built from what earlier fetches
 * returned, values set and keys renamed where the planner aliased a field.
 */
const FRAGMENT_PREFIX = '... on ';

export function applyRewrites(schema: GraphQLSchema, rewrites: FetchDataRewrite[] | undefined, value: unknown): void {
  if (!rewrites) return;
  for (const rewrite of rewrites) {
    if (rewrite.path.length === 0) continue;
    const last = rewrite.path[rewrite.path.length - 1];
    assert(!last.startsWith(FRAGMENT_PREFIX), () => `Unexpected fragment as last element of ${rewrite.path}`);
    applyAtPath(schema, rewrite.path.slice(0, -1), value, (object) => {
      if (rewrite.kind === 'ValueSetter') {
        defineOwn(object, last);
        object[last] = rewrite.setValueTo;
        return;
      }
      const atPath = getOwn(object, last);
      if (atPath) {
        defineOwn(object, rewrite.renameKeyTo);
        object[rewrite.renameKeyTo] = atPath;
        object[last] = undefined;
      }
    });
  }
}

function applyAtPath(schema: GraphQLSchema, path: string[], value: unknown, apply: (object: Json) => void): void {
  if (Array.isArray(value)) {
    for (const element of value) applyAtPath(schema, path, element, apply);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (path.length === 0) return apply(value as Json);
  const [first, ...rest] = path;
  if (first.startsWith(FRAGMENT_PREFIX)) {
    if (isObjectOfType(schema, value as Json, first.slice(FRAGMENT_PREFIX.length), true)) applyAtPath(schema, rest, value, apply);
  } else applyAtPath(schema, rest, getOwn(value as Json, first), apply);
}

export function isObjectOfType(schema: GraphQLSchema, object: Json, typeCondition: string, defaultOnUnknownObjectType = false): boolean {
  const typename = object.__typename;
  if (!typename) return defaultOnUnknownObjectType;
  if (typeCondition === typename) return true;
  const type = schema.getType(typename);
  if (!type) return false;
  const conditional = schema.getType(typeCondition);
  if (!conditional) return false;
  if (isAbstractType(conditional)) return (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(conditional, type);
  return false;
}

/**
 * The representation of an entity for a fetch that requires `selections` of it (null when a field
 * is missing). A plain object, not a prototype-less one: V8 keeps those as dictionaries, slower to
 * fill, to key (gateway/entity-dedupe.ts) and to serialise, and a page of a dashboard builds 250.
 * The names are the schema's fields and `__typename` (never `__proto__`, a name GraphQL reserves),
 * written as own properties, so the JSON sent is the same.
 */
export function representationOf(schema: GraphQLSchema, source: Json | null, selections: readonly QueryPlanSelectionNode[]): Json | null {
  if (source === null) return null;
  const result: Json = {};
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const responseName = selection.alias ?? selection.name;
      const sub = selection.selections;
      if (!hasOwn(source, responseName) || typeof source[responseName] === 'undefined') return null;
      const value = source[responseName];
      if (Array.isArray(value)) result[responseName] = value.map((element) => (sub ? representationOf(schema, element, sub) : element));
      else if (sub) result[responseName] = representationOf(schema, value, sub);
      else result[responseName] = value;
    } else if (selection.typeCondition && source && isObjectOfType(schema, source, selection.typeCondition)) {
      deepMerge(result, representationOf(schema, source, selection.selections));
    }
  }
  return result;
}
