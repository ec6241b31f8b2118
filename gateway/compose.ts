import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, visit, type ConstDirectiveNode } from 'graphql';
import { portOf, SUBGRAPH_NAMES } from '../shared/config';
import { buildSchemaOf } from '../shared/subgraph';
import { SUBGRAPHS } from '../subgraphs';

/** Composes the supergraph from the four subgraph schemas (no database needed). */
export async function composeSupergraph(): Promise<{ supergraphSdl?: string; errors: string[] }> {
  const services = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => ({
      name,
      url: `http://127.0.0.1:${portOf(name)}/graphql`,
      typeDefs: parse(printSubgraphSchema(await buildSchemaOf(SUBGRAPHS[name]))),
    })),
  );
  const result = composeServices(services);
  if (result.errors?.length) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl && nullableAcrossSubgraphs(result.supergraphSdl), errors: [] };
}

function keyFields(join: ConstDirectiveNode): string[] {
  const key = join.arguments?.find((argument) => argument.name.value === 'key')?.value;
  return key?.kind === Kind.STRING ? key.value.split(/[\s{}]+/).filter(Boolean) : [];
}

/**
 * Partial results: in the public graph, every root field and every field of an entity that
 * several subgraphs contribute to is nullable (keys excepted), whatever the subgraphs declare.
 * A subgraph that is down or too slow then costs only the fields it owns (null, with a
 * SERVICE_UNAVAILABLE error naming it) instead of nulling its parents up to `data`. Only the
 * outer `!` of those fields is removed from the composed text, which keeps its layout.
 */
export function nullableAcrossSubgraphs(supergraphSdl: string): string {
  const bangs: number[] = [];
  visit(parse(supergraphSdl), {
    ObjectTypeDefinition(node) {
      const joins = node.directives?.filter((directive) => directive.name.value === 'join__type') ?? [];
      const root = node.name.value === 'Query' || node.name.value === 'Mutation';
      const keys = new Set(joins.flatMap(keyFields));
      if (!root && (joins.length < 2 || !keys.size)) return;
      for (const field of node.fields ?? []) {
        if (!keys.has(field.name.value) && field.type.kind === Kind.NON_NULL_TYPE && field.type.loc) bangs.push(field.type.loc.end - 1);
      }
    },
  });
  let sdl = supergraphSdl;
  for (const at of bangs.sort((a, b) => b - a)) sdl = sdl.slice(0, at) + sdl.slice(at + 1);
  return sdl;
}
