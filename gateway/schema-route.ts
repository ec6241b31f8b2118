import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { GraphQLSchema, printSchema } from 'graphql';
import { projectRoot } from '../shared/config';

export const PUBLIC_SCHEMA_PATH = '/schema.graphql';

/** The committed copy of the public schema, for clients that generate types from a file. */
export const PUBLIC_SCHEMA_FILE = join(projectRoot(), 'schema.graphql');

/**
 * The public schema as SDL: the API schema of the supergraph (no join__/link__ internals, no
 * @inaccessible fields), with every description. The graph has no subscription operations:
 * `Subscription` is the domain type of a licence subscription, so the schema block is always
 * printed and names no subscription root; a tool reading the file never mistakes the type for
 * a root (graphql-js would, by its name, when the block is omitted).
 */
export function printPublicSchema(apiSchema: GraphQLSchema): string {
  const schema = new GraphQLSchema({ ...apiSchema.toConfig(), subscription: undefined });
  const roots = [`  query: ${schema.getQueryType()!.name}`];
  const mutation = schema.getMutationType();
  if (mutation) roots.push(`  mutation: ${mutation.name}`);
  const body = printSchema(schema).replace(/^schema \{[^}]*\}\n\n/, '');
  return `schema {\n${roots.join('\n')}\n}\n\n${body}\n`;
}

/** The public schema of a supergraph text, without starting anything (no subgraph is called). */
export async function publicSchemaOf(supergraphSdl: string): Promise<string> {
  const gateway = new ApolloGateway({ supergraphSdl });
  try {
    const { schema } = await gateway.load();
    return printPublicSchema(schema);
  } finally {
    await gateway.stop();
  }
}

/** GET /schema.graphql: the public schema, for code generators and IDEs; false for any other request. */
export function serveSchema(req: IncomingMessage, res: ServerResponse, schemaSdl: () => string | undefined): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if ((req.url ?? '/').split('?')[0] !== PUBLIC_SCHEMA_PATH) return false;
  const sdl = schemaSdl();
  if (!sdl) return false;
  const body = Buffer.from(sdl, 'utf8');
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
