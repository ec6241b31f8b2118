// Bundles GraphiQL (the `graphiql` package, React) with esbuild into gateway/graphiql/build/:
// one script and one stylesheet the gateway serves at GET /graphql, so the page fetches nothing
// from another origin. Runs in `npm run build` and after `npm install` (prepare).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // An install without dev dependencies (a production image) keeps the bundle it was given.
  console.warn('[graphiql] esbuild is not installed: bundle not rebuilt');
  process.exit(0);
}
await esbuild.build({
  entryPoints: { graphiql: join(root, 'gateway', 'graphiql', 'app.jsx') },
  outdir: join(root, 'gateway', 'graphiql', 'build'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  loader: { '.woff2': 'dataurl', '.png': 'dataurl', '.svg': 'dataurl' },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('[graphiql] bundle written to gateway/graphiql/build/');
