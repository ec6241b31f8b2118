import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../shared/config';
import { buildManifest, manifestText } from '../gateway/trusted-documents/manifest';
import { MANIFEST_FILE } from '../shared/trusted-documents';

/** `npm run trusted-documents`: rewrites trusted-documents.json from the documents in the repository. */
const manifest = buildManifest();
writeFileSync(join(projectRoot(), MANIFEST_FILE), manifestText(manifest));
console.log(`${MANIFEST_FILE}: ${manifest.operations.length} operations (${manifest.operations.filter((operation) => operation.name).map((operation) => operation.name).join(', ')})`);
