import { writeFileSync } from 'node:fs';
import { composeSupergraph } from '../gateway/compose';
import { SUPERGRAPH_PATH } from '../gateway/gateway';
import { PUBLIC_SCHEMA_FILE, publicSchemaOf } from '../gateway/schema-route';
import { writeContracts } from './contracts';

/**
 * `npm run compose`: regenerates gateway/supergraph.graphql from the subgraph schemas, the public
 * schema.graphql from it, and the typed documents of the contracts between subgraphs.
 */
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
  await writeContracts(false);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
