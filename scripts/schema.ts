import { writeFileSync } from 'node:fs';
import { loadSupergraph } from '../gateway/gateway';
import { PUBLIC_SCHEMA_FILE, publicSchemaOf } from '../gateway/schema-route';

/**
 * `npm run schema`: writes the public schema (what GET /schema.graphql serves) to the committed
 * schema.graphql, for clients that generate types. It reads gateway/supergraph.graphql: after a
 * subgraph's schema changes, `npm run compose` first (it writes both files).
 */
async function main() {
  writeFileSync(PUBLIC_SCHEMA_FILE, await publicSchemaOf(loadSupergraph()));
  console.log(`Wrote ${PUBLIC_SCHEMA_FILE}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
