import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, Directive, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';
import { DateTimeScalar } from './scalars';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

/**
 * Marks a field, argument or type as internal: served by its subgraph to the other subgraphs
 * (which call it directly, behind the gateway secret) but kept out of the public graph and of
 * `schema.graphql` (federation's `@inaccessible`).
 */
export const Internal = () => Directive('@inaccessible');

/** `__resolveReference` functions per entity type, kept in `<type>.reference.ts` files. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

export interface FederatedSchemaOptions {
  resolvers: BuildSchemaOptions['resolvers'];
  /** Entity stubs that no root field reaches (type-graphql would drop them). */
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
}

/** type-graphql cannot describe the root types; every public type carries a description. */
const ROOT_DESCRIPTIONS = {
  Query: 'Reads of the graph. Every read sees only what the caller may see: objects of other tenants answer NOT_FOUND (ACT-2)',
  Mutation:
    'Changes. Each one is all or nothing: business refusals come back in the payload `errors` with a rule id, and a successful change writes an audit record (AUD-1)',
};

function describeRootTypes(schema: GraphQLSchema): void {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (type) type.description = ROOT_DESCRIPTIONS[type.name as keyof typeof ROOT_DESCRIPTIONS] ?? type.description;
  }
}

/**
 * Builds a federation 2 subgraph schema from type-graphql classes: prints the type-graphql
 * schema with its directives, adds the federation `@link`, and merges the reference
 * resolvers into the resolver map (the type-graphql apollo-federation-2 example, STYLE.md).
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    authChecker,
    authMode: 'error',
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    skipCheck: true,
  });
  describeRootTypes(schema);
  const resolvers = createResolversMap(schema) as Record<string, any>;
  withoutPlainFieldWrappers(resolvers);
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  return buildSubgraphSchema([{ typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`), resolvers }]);
}

/**
 * type-graphql gives every `@Field` of a class a resolver that only reads the property (through
 * its middleware chain, empty here), which a page of rows pays once per field and row. Fields
 * that nothing guards or resolves (no roles, no middlewares, no field resolver anywhere, the
 * property under the field's own name) get GraphQL's default resolver instead: the same value.
 * It also lets a list see which selected fields read straight from the row
 * (shared/graphql/selection.ts).
 */
function withoutPlainFieldWrappers(resolvers: Record<string, Record<string, unknown>>): void {
  const storage = getMetadataStorage();
  const resolved = new Set(storage.fieldResolvers.map((resolver) => resolver.methodName));
  // Classes of several subgraphs may share a type name: a field stays wrapped if any of them guards it.
  const plain = new Set<string>();
  const kept = new Set<string>();
  for (const type of storage.objectTypes) {
    for (const field of type.fields ?? []) {
      const guarded = (field.roles !== undefined && field.roles !== null) || (field.middlewares?.length ?? 0) > 0;
      const key = `${type.name}.${field.schemaName}`;
      if (guarded || field.name !== field.schemaName || resolved.has(field.name)) kept.add(key);
      else plain.add(key);
    }
  }
  for (const key of plain) {
    if (kept.has(key)) continue;
    const [typeName, fieldName] = key.split('.');
    if (typeof resolvers[typeName]?.[fieldName] === 'function') delete resolvers[typeName][fieldName];
  }
}
