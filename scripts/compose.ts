import { writeFileSync } from 'node:fs';
import { composeSupergraph } from '../gateway/compose';
import { SUPERGRAPH_PATH } from '../gateway/gateway';

/** `npm run compose`: regenerates gateway/supergraph.graphql from the subgraph schemas. */
async function main() {
  const { supergraphSdl, errors } = await composeSupergraph();
  if (!supergraphSdl) {
    console.error(`Composition failed:\n${errors.join('\n')}`);
    process.exit(1);
  }
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  console.log(`Wrote ${SUPERGRAPH_PATH}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
