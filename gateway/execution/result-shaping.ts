import * as federation from '@apollo/federation-internals';
import type { CompositeType, EnumType, Operation, ScalarType, Schema, SelectionSet, Type } from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';

// Bound once: federation-internals re-exports each name through a getter, which a walk that
// calls them for every value of a page would pay each time.
const assert: typeof federation.assert = federation.assert;
const { ERRORS, isCompositeType, isListType, isNonNullType, isObjectType, isSubtype, isValidLeafValue, typenameFieldName, Variable } = federation;

/**
 * The executor's last step (gateway/execution/plan-executor.ts): once every subgraph has
 * answered, the client's operation is walked over the merged answers, keeping only the fields
 * asked for, under their aliases, and nulling what a subgraph got wrong (a null where the schema
 * says non-null, a value outside a scalar or enum, a bad __typename). Apollo Gateway's walk
 * (`computeResponse`) looks up each selection's directives, field definition and type again for
 * every object of every list: on the dashboard (a page of customers with their subscriptions and
 * offers) that was a quarter of the gateway's CPU. This is the same walk, with the same results
 * and the same errors (gateway/execution/result-shaping.spec.ts answers both on the same
 * operations), over the operation read once per request (@skip/@include decided from the
 * variables, types unwrapped, leaf checks chosen per type).
 */

interface ShapingParameters {
  schema: Schema;
  errors: GraphQLError[];
  introspectionHandling: (selection: any) => unknown;
}

/** A field or a fragment of the operation, with what the walk needs of it worked out. */
export type Step =
  | { kind: 'field'; responseName: string; inherited: boolean; typename: boolean; introspection: boolean; selection: unknown; plan: TypePlan; sub?: Step[] }
  | { kind: 'fragment'; typeCondition?: CompositeType; sub: Step[] };

/** A field's type unwrapped once: non-null and list wrappers, then a composite or a leaf. */
type TypePlan =
  | { kind: 'nonNull'; type: Type; of: TypePlan }
  | { kind: 'list'; type: Type; of: TypePlan }
  | { kind: 'composite'; type: CompositeType }
  | { kind: 'leaf'; type: ScalarType | EnumType };

function planOf(type: Type): TypePlan {
  if (isNonNullType(type)) return { kind: 'nonNull', type, of: planOf(type.ofType) };
  if (isListType(type)) return { kind: 'list', type, of: planOf(type.ofType) };
  if (isCompositeType(type)) return { kind: 'composite', type };
  return { kind: 'leaf', type: type as ScalarType | EnumType };
}

const OK = 0;
const NULL_BUBBLE_UP = 1;

/*
 * What updateOutputValue says beside the value it returns (Apollo's walk returns them in an object
 * per value, one allocation per field of every object of the answer): whether the value breaks its
 * parent (a null where non-null is required) and whether errors were recorded under it. Read right
 * after each call, before the next.
 */
let lastInvalid = false;
let lastHasErrors = false;

function settled(updated: unknown, isInvalid: boolean, hasErrors: boolean): unknown {
  lastInvalid = isInvalid;
  lastHasErrors = hasErrors;
  return updated;
}

export interface ComputeResponseArgs {
  operation: Operation;
  variables?: Record<string, unknown>;
  input: Record<string, unknown> | null | undefined;
  introspectionHandling: (selection: any) => unknown;
  /** The operation's steps when they were read before (`shapingSteps` of an operation whose @skip/@include use no variable). */
  steps?: Step[];
}

/** The operation's steps for these variables, and whether any @skip/@include read a variable (else they hold for every request). */
export function shapingSteps(operation: Operation, variables?: Record<string, unknown>): { steps: Step[]; dependsOnVariables: boolean } {
  const values = { __proto__: null, ...operation.collectDefaultedVariableValues(), ...variables } as Record<string, unknown>;
  const reading = { dependsOnVariables: false };
  const steps = stepsOf(operation.selectionSet, values, operation.schema(), reading);
  return { steps, dependsOnVariables: reading.dependsOnVariables };
}

/** Apollo Gateway's computeResponse (resultShaping.js of 2.14), over steps read once per request. */
export function computeResponse({ operation, variables, input, introspectionHandling, steps }: ComputeResponseArgs): { data: unknown; errors: GraphQLError[] } {
  if (!input) return { data: input, errors: [] };
  const parameters: ShapingParameters = { schema: operation.schema(), errors: [], introspectionHandling };
  const data = {};
  const result = applySteps(input, steps ?? shapingSteps(operation, variables).steps, data, parameters, [], operation.schema().schemaDefinition.rootType(operation.rootKind)!);
  return { data: result === NULL_BUBBLE_UP ? null : data, errors: parameters.errors };
}

/** The selections that @skip/@include keep for these variables, read once. */
function stepsOf(selectionSet: SelectionSet, variables: Record<string, unknown>, schema: Schema, reading: { dependsOnVariables: boolean }): Step[] {
  const steps: Step[] = [];
  for (const selection of selectionSet.selections()) {
    if (skipped(selection.element, variables, schema, reading)) continue;
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      steps.push({
        kind: 'field',
        responseName: field.responseName(),
        inherited: INHERITED.has(field.responseName()),
        typename: field.name === typenameFieldName,
        introspection: field.definition.isSchemaIntrospectionField(),
        selection,
        plan: planOf(field.definition.type!),
        sub: selection.selectionSet ? stepsOf(selection.selectionSet, variables, schema, reading) : undefined,
      });
    } else {
      steps.push({ kind: 'fragment', typeCondition: selection.element.typeCondition, sub: stepsOf(selection.selectionSet, variables, schema, reading) });
    }
  }
  return steps;
}

function skipped(element: { appliedDirectivesOf: (definition: any) => readonly { arguments: () => { if?: unknown } }[] }, variables: Record<string, unknown>, schema: Schema, reading: { dependsOnVariables: boolean }): boolean {
  const skip = element.appliedDirectivesOf(schema.skipDirective())[0];
  const include = element.appliedDirectivesOf(schema.includeDirective())[0];
  for (const directive of [skip, include]) if (directive && directive.arguments().if instanceof Variable) reading.dependsOnVariables = true;
  return !!((skip && ifValue(skip, variables)) || (include && !ifValue(include, variables)));
}

function ifValue(directive: { arguments: () => { if?: unknown } }, variables: Record<string, unknown>): boolean {
  const condition = directive.arguments().if;
  if (condition instanceof Variable) {
    const value = variables[condition.name];
    assert(value !== undefined && typeof value === 'boolean', () => `Unexpected value ${String(value)} for variable ${condition} of ${directive}`);
    return value;
  }
  return condition as boolean;
}

function typeConditionApplies(schema: Schema, typeCondition: CompositeType | undefined, typename: string | undefined, parentType: CompositeType): boolean {
  if (!typeCondition) return true;
  if (typename) {
    const type = schema.type(typename);
    return !!type && isSubtype(typeCondition, type);
  }
  return isSubtype(typeCondition, parentType);
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/*
 * The answer is built of plain objects, not Apollo's prototype-less ones: V8 keeps those as
 * dictionaries, which cost twice as much to fill and to serialise (JSON.stringify). The names a
 * plain object inherits (an alias `constructor`, `toString`, `__proto__` …) are read and written
 * as own properties, so they stay ordinary fields of the answer.
 */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (INHERITED.has(key)) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

function applySteps(input: Record<string, unknown>, steps: Step[], output: Record<string, unknown>, parameters: ShapingParameters, path: (string | number)[], parentType: CompositeType): number {
  for (const step of steps) {
    if (step.kind === 'field') {
      const { responseName } = step;
      const outputValue = step.inherited ? (hasOwn(output, responseName) ? output[responseName] : undefined) : output[responseName];
      if (step.introspection) {
        if (outputValue === undefined) setOwn(output, responseName, parameters.introspectionHandling(step.selection));
        continue;
      }
      let inputValue = (step.inherited ? (hasOwn(input, responseName) ? input[responseName] : undefined) : input[responseName]) ?? null;
      if (step.typename) {
        if (outputValue === undefined) {
          if (inputValue === null && responseName !== typenameFieldName) inputValue = input[typenameFieldName] ?? null;
          const type = inputValue !== null && typeof inputValue === 'string' ? (parameters.schema.type(inputValue) ?? parentType) : parentType;
          if (!isObjectType(type)) return NULL_BUBBLE_UP;
          setOwn(output, responseName, type.name);
        }
        continue;
      }
      path.push(responseName);
      const updated = updateOutputValue(outputValue, step.plan, inputValue, step.sub, path, parameters, parentType);
      const isInvalid = lastInvalid;
      if (step.inherited) setOwn(output, responseName, updated);
      else output[responseName] = updated;
      path.pop();
      if (isInvalid) return NULL_BUBBLE_UP;
    } else {
      const typename = input[typenameFieldName];
      assert(!typename || typeof typename === 'string', () => `Got unexpected value for __typename: ${String(typename)}`);
      if (typeConditionApplies(parameters.schema, step.typeCondition, typename as string | undefined, parentType)) {
        if (applySteps(input, step.sub, output, parameters, path, step.typeCondition ?? parentType) === NULL_BUBBLE_UP) return NULL_BUBBLE_UP;
      }
    }
  }
  return OK;
}

function pathLastElementDescription(path: (string | number)[], currentType: Type, parentType: CompositeType): string {
  const element = path[path.length - 1];
  return typeof element === 'string' ? `field ${parentType}.${element}` : `array element of type ${currentType} at index ${element}`;
}

function updateOutputValue(
  outputValue: unknown,
  plan: TypePlan,
  inputValue: unknown,
  steps: Step[] | undefined,
  path: (string | number)[],
  parameters: ShapingParameters,
  parentType: CompositeType,
): unknown {
  if (outputValue === null || (outputValue !== undefined && !steps)) return settled(outputValue, false, false);
  const { type } = plan;
  if (plan.kind === 'nonNull') {
    const updated = updateOutputValue(outputValue, plan.of, inputValue, steps, path, parameters, parentType);
    if (updated === null) {
      if (!lastHasErrors) {
        parameters.errors.push(ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${pathLastElementDescription(path, plan.of.type, parentType)}.`, { path: Array.from(path) }));
      }
      return settled(updated, true, true);
    }
    return settled(updated, false, false);
  }
  if (inputValue === null) return settled(null, false, false);
  if (plan.kind === 'list') {
    assert(Array.isArray(inputValue), () => `Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${type}`);
    assert(outputValue === undefined || Array.isArray(outputValue), () => `Invalid non-list value ${String(outputValue)} returned by subgraph for list type ${type}`);
    const outputList = (outputValue as unknown[] | undefined) ?? new Array(inputValue.length).fill(undefined);
    assert(inputValue.length === outputList.length, () => `[${inputValue}].length (${inputValue.length}) !== [${outputList}].length (${outputList.length})`);
    let shouldNullify = false;
    let hasErrors = false;
    const updated = new Array(outputList.length);
    for (let index = 0; index < outputList.length; index++) {
      path.push(index);
      updated[index] = updateOutputValue(outputList[index], plan.of, inputValue[index], steps, path, parameters, parentType);
      path.pop();
      shouldNullify ||= lastInvalid;
      hasErrors ||= lastHasErrors;
    }
    return settled(shouldNullify ? null : updated, false, hasErrors);
  }
  if (plan.kind === 'composite') {
    assert(steps, () => `Invalid empty selection set for composite type ${type}`);
    assert(typeof inputValue === 'object', () => `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${type}`);
    assert(outputValue === undefined || typeof outputValue === 'object', () => `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${type}`);
    const inputObject = inputValue as Record<string, unknown>;
    const inputTypename = inputObject[typenameFieldName];
    assert(inputTypename === undefined || typeof inputTypename === 'string', () => `Invalid non-string value ${String(inputTypename)} for __typename at ${path}`);
    let objectType: CompositeType = plan.type;
    if (inputTypename) {
      const typenameType = parameters.schema.type(inputTypename);
      if (!typenameType || !isCompositeType(typenameType)) {
        parameters.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${pathLastElementDescription(path, type, parentType)}.`, { path: Array.from(path) }));
        return settled(null, false, true);
      }
      objectType = typenameType;
    }
    const outputObject = (outputValue as Record<string, unknown> | undefined) ?? {};
    const hasErrors = applySteps(inputObject, steps!, outputObject, parameters, path, objectType) === NULL_BUBBLE_UP;
    return settled(hasErrors ? null : outputObject, false, hasErrors);
  }
  assert(outputValue === undefined, () => `Excepted output to be undefined but got ${type} for type ${type}`);
  const valid = isValidLeafValue(parameters.schema, inputValue, plan.type);
  if (!valid) parameters.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${pathLastElementDescription(path, type, parentType)}.`, { path: Array.from(path) }));
  return settled(valid ? inputValue : null, false, !valid);
}
