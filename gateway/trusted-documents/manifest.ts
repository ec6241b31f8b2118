import { globSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../shared/config';
import type { TrustedDocumentManifest, TrustedOperation } from '../../shared/trusted-documents';
import { markdownSources, operationsOf } from './documents';

/**
 * Where trusted documents come from: the GraphQL files of the gateway's own pages (the partner
 * dashboard, the invitation pages) and the ```graphql examples of the README and docs/. A new
 * page lists its operations in a `.graphql` file under one of these folders; `npm run
 * trusted-documents` then writes them into the manifest (a test fails while it is stale).
 */
export const TRUSTED_DOCUMENT_SOURCES = ['gateway/dashboard/*.graphql', 'gateway/links/*.graphql', 'README.md', 'docs/*.md'];


/** Reads every source and builds the manifest: one entry per distinct operation, sorted by id. */
export function buildManifest(root = projectRoot()): TrustedDocumentManifest {
  const byId = new Map<string, TrustedOperation>();
  const byName = new Map<string, { id: string; file: string }>();
  for (const pattern of TRUSTED_DOCUMENT_SOURCES) {
    for (const file of globSync(pattern, { cwd: root }).sort()) {
      const text = readFileSync(join(root, file), 'utf8');
      const sources = file.endsWith('.md') ? markdownSources(text) : [text];
      for (const operation of sources.flatMap(operationsOf)) {
        const named = operation.name ? byName.get(operation.name) : undefined;
        if (named && named.id !== operation.id) throw new Error(`two different operations are named ${operation.name} (${named.file}, ${relative(root, join(root, file))})`);
        if (operation.name) byName.set(operation.name, { id: operation.id, file });
        byId.set(operation.id, operation);
      }
    }
  }
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)) };
}

export function manifestText(manifest: TrustedDocumentManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
