import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
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
  return { supergraphSdl: result.supergraphSdl, errors: [] };
}
