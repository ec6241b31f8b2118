import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../shared/config';
import { generatedContracts, peerContracts, validationErrors } from './peer-contracts';

/**
 * `npm run contracts`: checks every `subgraphs/<consumer>/peers/<peer>.graphql` against the
 * peer's schema and regenerates its typed documents (`<peer>.generated.ts`). With `--check` it
 * writes nothing and fails when a generated file is not what the documents and schemas give.
 */
async function main() {
  const check = process.argv.includes('--check');
  let failed = false;
  for (const contract of peerContracts()) {
    for (const error of await validationErrors(contract)) {
      console.error(`${contract.documents}: ${error.message}`);
      failed = true;
    }
  }
  if (failed) process.exit(1);
  for (const [path, content] of await generatedContracts()) {
    const file = join(projectRoot(), path);
    if (check) {
      let current = '';
      try {
        current = readFileSync(file, 'utf8');
      } catch {}
      if (current !== content) {
        console.error(`${path} is out of date: run npm run contracts`);
        failed = true;
      }
    } else {
      writeFileSync(file, content);
      console.log(`Wrote ${path}`);
    }
  }
  if (failed) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
