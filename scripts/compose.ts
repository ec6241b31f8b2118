import { writeFileSync } from 'node:fs';
import { composeSupergraph } from '../gateway/compose';
import { SUPERGRAPH_PATH } from '../gateway/gateway';
import { PUBLIC_SCHEMA_FILE, publicSchemaOf } from '../gateway/schema-route';

/** `npm run compose`: regenerates gateway/supergraph.graphql from the subgraph schemas, and the public schema.graphql from it. */
async function main() {
  const { supergraphSdl, errors } = await composeSupergraph();
  if (!supergraphSdl) {
    console.error(`Composition failed:\n${errors.join('\n')}`);
    process.exit(1);
  }
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  console.log(`Wrote ${SUPERGRAPH_PATH}`);
  writeFileSync(PUBLIC_SCHEMA_FILE, await publicSchemaOf(supergraphSdl));
  console.log(`Wrote ${PUBLIC_SCHEMA_FILE}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
