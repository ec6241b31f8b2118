import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../shared/config';
import { generatedContracts, peerContracts, validationErrors } from './peer-contracts';

/**
 * Checks every `subgraphs/<consumer>/peers/<peer>.graphql` against the peer's schema and
 * regenerates its typed documents (`<peer>.generated.ts`). With `check` it writes nothing and
 * fails when a generated file is not what the documents and schemas give.
 */
export async function writeContracts(check: boolean): Promise<void> {
  const problems: string[] = [];
  for (const contract of peerContracts()) {
    for (const error of await validationErrors(contract)) problems.push(`${contract.documents}: ${error.message}`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
  for (const [path, content] of await generatedContracts()) {
    const file = join(projectRoot(), path);
    if (!check) {
      writeFileSync(file, content);
      console.log(`Wrote ${path}`);
    } else if (readFileOrEmpty(file) !== content) {
      problems.push(`${path} is out of date: run npm run contracts`);
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
}

function readFileOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** `npm run contracts` (`-- --check`: only compare). */
if (require.main === module) {
  writeContracts(process.argv.includes('--check')).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
