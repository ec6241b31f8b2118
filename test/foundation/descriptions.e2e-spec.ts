import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  parse,
  type GraphQLArgument,
  type GraphQLSchema,
} from 'graphql';
import { portOf, SUBGRAPH_NAMES } from '../../shared/config';
import { buildSchemaOf } from '../../shared/subgraph';
import { SUBGRAPHS } from '../../subgraphs';

/** The public schema: composed from the subgraphs, without federation internals (join__, link__, @inaccessible). */
async function publicSchema(): Promise<GraphQLSchema> {
  const services = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => ({
      name,
      url: `http://127.0.0.1:${portOf(name)}/graphql`,
      typeDefs: parse(printSubgraphSchema(await buildSchemaOf(SUBGRAPHS[name]))),
    })),
  );
  const result = composeServices(services);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.schema.toAPISchema().toGraphQLJSSchema();
}

const described = (text: string | null | undefined): boolean => !!text?.trim();

/** Every public type, field, argument, enum value and input field without a description. */
export function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const args = (path: string, list: readonly GraphQLArgument[]) => {
    for (const arg of list) if (!described(arg.description)) missing.push(`${path}(${arg.name}:)`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (!described(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const path = `${type.name}.${field.name}`;
        if (!described(field.description)) missing.push(path);
        args(path, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing.sort();
}

/** Descriptions that send a reader to documents the project does not ship. */
export function pointingOutside(schema: GraphQLSchema): string[] {
  const outside = /\.\.\/shared|\bSPEC\b|\bAPI\.md|ARCHITECTURE\.md|STYLE\.md/;
  const found: string[] = [];
  const check = (path: string, text: string | null | undefined) => {
    if (text && outside.test(text)) found.push(`${path}: ${text}`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return found.sort();
}

describe('public schema documentation', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await publicSchema();
  });

  it('describes every type, field, argument, input field and enum value for partners', () => {
    const missing = undescribed(schema);
    expect({ count: missing.length, missing }).toEqual({ count: 0, missing: [] });
  });

  it('points only to documentation the project ships (docs/), never to files outside it', () => {
    expect(pointingOutside(schema)).toEqual([]);
  });
});
