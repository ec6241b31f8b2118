import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './config';

/**
 * The trusted-documents manifest (trusted-documents.json at the project's root, written by
 * `npm run trusted-documents` from gateway/trusted-documents/manifest.ts's sources), in Apollo's
 * persisted-query manifest format. The gateway serves and enforces it; every process takes the
 * names of its operations as the only operation labels of its metrics.
 */
export const MANIFEST_FILE = 'trusted-documents.json';

export interface TrustedOperation {
  /** sha256 of `body` (hex): the id clients send as `extensions.persistedQuery.sha256Hash`. */
  id: string;
  name: string | null;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface TrustedDocumentManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: TrustedOperation[];
}

let loaded: TrustedDocumentManifest | undefined;

/** The committed manifest, read once per process. */
export function trustedManifest(): TrustedDocumentManifest {
  loaded ??= JSON.parse(readFileSync(join(projectRoot(), MANIFEST_FILE), 'utf8')) as TrustedDocumentManifest;
  return loaded;
}
