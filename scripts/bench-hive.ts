import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { IDENTITY_HEADER, SECRET_HEADER } from '../shared/auth/forwarding';
import { projectRoot, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { freePort } from '../shared/free-port';
import { stopChildren, waitForHealthy } from './processes';

/**
 * Hive Gateway over our composed supergraph, for `npm run bench` with BENCH_HIVE=1: 'hive' plans
 * with its JavaScript query planner, 'hive-rust' with Hive Router's Rust planner (its router
 * runtime). Neither package is a dependency of the project: HIVE_INSTALL brings them in for a run.
 *
 * Unlike our gateway, Hive verifies no JWT here: it passes the caller's identity header on as sent
 * and adds the gateway secret to every subgraph request, so its rows leave out token verification.
 */
export type HiveKind = 'hive' | 'hive-rust';
export const HIVE_KINDS: HiveKind[] = ['hive', 'hive-rust'];
export const HIVE_INSTALL = 'npm install --no-save @graphql-hive/gateway@2.15.1 @graphql-hive/router-runtime';
const PACKAGES: Record<HiveKind, string[]> = {
  hive: ['@graphql-hive/gateway'],
  'hive-rust': ['@graphql-hive/gateway', '@graphql-hive/router-runtime', '@graphql-hive/router-query-planner'],
};

/** What the parent hands the child process (as JSON in BENCH_HIVE_CONFIG). */
interface HiveConfig {
  kind: HiveKind;
  port: number;
  secret: string;
  subgraphs: Record<string, string>;
}

export interface HiveProcess {
  kind: HiveKind;
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** Whether the packages of this kind resolve from the project. */
export function hiveAvailable(kind: HiveKind): boolean {
  return PACKAGES[kind].every((name) => packageVersion(name) !== undefined);
}

/** Installed version of a package (undefined when it does not resolve). */
export function packageVersion(name: string): string | undefined {
  try {
    // Entry points live in dist/ beside the package.json, which the packages do not export.
    const json = JSON.parse(readFileSync(join(dirname(require.resolve(name)), '..', 'package.json'), 'utf8'));
    return json.name === name ? json.version : undefined;
  } catch {
    return undefined;
  }
}

/** Starts one Hive Gateway as its own process on a free port, production mode, and waits until it answers. */
export async function startHive(kind: HiveKind, subgraphUrl: (name: SubgraphName) => string, secret: string): Promise<HiveProcess> {
  const config: HiveConfig = { kind, port: await freePort(), secret, subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphUrl(name)])) };
  const profile = process.env.BENCH_PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, __filename], {
    env: { ...process.env, NODE_ENV: 'production', BENCH_HIVE_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = () => stopChildren([child]);
  const base = `http://127.0.0.1:${config.port}`;
  try {
    // The readiness check answers once the supergraph is loaded.
    await waitForHealthy([`${base}/readiness`], new Map([[kind, child]]));
  } catch (error) {
    await stop();
    throw error;
  }
  return { kind, url: `${base}/graphql`, pid: child.pid!, stop };
}

/** The supergraph with each subgraph's join__graph url replaced by the given one. */
export function withSubgraphUrls(supergraph: string, urls: Record<string, string>): string {
  return supergraph.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_, name: string) => {
    if (!urls[name]) throw new Error(`no url for subgraph ${name}`);
    return `@join__graph(name: "${name}", url: "${urls[name]}")`;
  });
}

/** The child: Hive Gateway in this process behind node:http. */
async function serve(config: HiveConfig) {
  // Loaded by name at run time, so the project type-checks and builds without these packages.
  const load = (name: string): Promise<any> => import(name);
  const { createGatewayRuntime } = await load('@graphql-hive/gateway');
  const { unifiedGraphHandler } = config.kind === 'hive-rust' ? await load('@graphql-hive/router-runtime') : { unifiedGraphHandler: undefined };
  const gateway = createGatewayRuntime({
    supergraph: withSubgraphUrls(readFileSync(join(projectRoot(), 'gateway', 'supergraph.graphql'), 'utf8'), config.subgraphs),
    ...(unifiedGraphHandler && { unifiedGraphHandler }),
    // Off: Hive logs every field error of a response; failures show in the answers the bench reads.
    logging: false,
    graphiql: false,
    landingPage: false,
    // Hive merges identical subgraph requests in flight by default; the bench sends one query with
    // one identity over and over, which real callers do not: every request does its own fetches.
    transportEntries: { '*': { options: { deduplicateInflightRequests: false } } },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }: { request: Request }) => ({ [SECRET_HEADER]: config.secret, [IDENTITY_HEADER]: request.headers.get(IDENTITY_HEADER) }),
    },
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(config.port, '127.0.0.1', resolve));
  const stop = () => {
    server.close();
    Promise.resolve(gateway.dispose()).then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  serve(JSON.parse(process.env.BENCH_HIVE_CONFIG!)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
