import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { isProduction, projectRoot } from '../shared/config';
import { sendJson } from '../shared/http';
import { DEMO_TOKENS_PATH } from './dashboard-route';
import { PUBLIC_SCHEMA_PATH } from './schema-route';

/**
 * GET /graphql from a browser: GraphiQL, built from the `graphiql` package by
 * scripts/build-graphiql.mjs (`npm run build`, `npm install`) into gateway/graphiql/build/ and
 * served from here, so the page needs no CDN and works offline. It reads the schema from
 * GET /schema.graphql, so it works in production too, where introspection is off. The Content-Security-Policy
 * allows this origin only. Outside production the page offers the demo tenants' tokens
 * (GET /dashboard/demo-tokens).
 */
const BUILD_DIR = join(projectRoot(), 'gateway', 'graphiql', 'build');

export const GRAPHIQL_ASSETS: Record<string, { file: string; type: string }> = {
  '/graphiql/graphiql.js': { file: 'graphiql.js', type: 'text/javascript; charset=utf-8' },
  '/graphiql/graphiql.css': { file: 'graphiql.css', type: 'text/css; charset=utf-8' },
};

/** GraphiQL sets inline styles (panes, resizing), hence 'unsafe-inline' for styles only. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

function page(): string {
  // The configuration travels as inert JSON (no inline script: the CSP forbids it).
  const config = JSON.stringify({ endpoint: '/graphql', schemaPath: PUBLIC_SCHEMA_PATH, demoTokensPath: isProduction() ? null : DEMO_TOKENS_PATH });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partner graph · GraphiQL</title>
<link rel="stylesheet" href="/graphiql/graphiql.css">
</head>
<body>
<div id="graphiql">Loading GraphiQL… Sign in by putting <code>{"authorization": "Bearer &lt;token&gt;"}</code> in the Headers tab.</div>
<script type="application/json" id="graphiql-config">${config.replace(/</g, '\\u003c')}</script>
<script src="/graphiql/graphiql.js"></script>
</body>
</html>
`;
}

/** A browser navigating to the endpoint: a GET that prefers HTML (API calls ask for JSON). */
function wantsPage(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !new URL(req.url ?? '/', 'http://localhost').searchParams.has('query');
}

/** Serves the GraphiQL page and its bundle; false for any other request. */
export async function serveGraphiQL(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/graphql') {
    if (!wantsPage(req)) return false;
    const body = Buffer.from(page(), 'utf8');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, ...SECURITY_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  const asset = GRAPHIQL_ASSETS[path];
  if (!asset || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  let body: Buffer;
  try {
    body = await readFile(join(BUILD_DIR, asset.file));
  } catch {
    sendJson(res, 503, { error: 'GraphiQL is not built: run `npm run build` (or `npm install`)' });
    return true;
  }
  res.writeHead(200, { 'content-type': asset.type, 'content-length': body.length, ...SECURITY_HEADERS });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
