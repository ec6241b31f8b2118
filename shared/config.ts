/** Process configuration read from the environment, with the documented development defaults. */

export type SubgraphName = 'customers' | 'catalog' | 'subscriptions' | 'transfers';

export const SUBGRAPH_NAMES: SubgraphName[] = ['customers', 'catalog', 'subscriptions', 'transfers'];

const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  customers: 4001,
  catalog: 4002,
  subscriptions: 4003,
  transfers: 4004,
};

/** Development-only JWT signing secret (HS256). Production must set AUTH_JWT_SECRET or AUTH_JWKS_URL. */
/** SW-2: the public path of software download links, issued by the subscriptions subgraph and served by the gateway. */
export const SOFTWARE_DOWNLOAD_PATH = '/software/downloads/';

export const DEV_JWT_SECRET = 'csp-partner-graph-development-secret';

/** Development-only secret shared by the gateway and the subgraphs. */
const DEV_GATEWAY_SECRET = 'csp-partner-graph-gateway-development-secret';

/** A switch that is on unless set to `false` or `0` (any case, spaces ignored): the project's default-on settings. */
export function switchedOn(value: string | undefined): boolean {
  return !['false', '0'].includes(value?.trim().toLowerCase() ?? '');
}

/**
 * A number setting read from the environment: `value` when it is one the setting takes (a whole
 * number if `whole`; above zero, or zero too if `zero`), else `fallback` (unset, empty, not a
 * number, out of range).
 */
export function numberSetting(value: string | undefined, fallback: number, accept: { whole?: boolean; zero?: boolean } = {}): number {
  if (!value?.trim()) return fallback;
  const n = Number(value);
  const valid = (accept.whole ? Number.isInteger(n) : Number.isFinite(n)) && (accept.zero ? n >= 0 : n > 0);
  return valid ? n : fallback;
}

export function isProduction(): boolean {
  return process.env.NODE_ENV === 'production';
}

function required(name: string, devDefault: string): string {
  const value = process.env[name];
  if (value) return value;
  if (isProduction()) throw new Error(`${name} must be set in production`);
  return devDefault;
}

export function jwtSecret(): string {
  return required('AUTH_JWT_SECRET', DEV_JWT_SECRET);
}

export function gatewaySecret(): string {
  return required('GATEWAY_SECRET', DEV_GATEWAY_SECRET);
}

/** Port of a process: `GATEWAY_PORT`, `CUSTOMERS_PORT`, … override the defaults of API.md. */
export function portOf(name: SubgraphName | 'gateway'): number {
  const value = process.env[`${name.toUpperCase()}_PORT`];
  return value ? Number(value) : DEFAULT_PORTS[name];
}

/** URL of a subgraph as the gateway reaches it: `CUSTOMERS_URL`, … or localhost on its port. */
export function subgraphUrl(name: SubgraphName): string {
  return process.env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${portOf(name)}/graphql`;
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start and npm test start an embedded PostgreSQL)');
  return url;
}

/** The variable naming one subgraph's own database: `CUSTOMERS_DATABASE_URL`, … */
export function databaseVariableOf(name: SubgraphName): string {
  return `${name.toUpperCase()}_DATABASE_URL`;
}

/** Whether any subgraph is given a database of its own (`<SUBGRAPH>_DATABASE_URL`). */
export function storageSplitConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return SUBGRAPH_NAMES.some((name) => Boolean(env[databaseVariableOf(name)]));
}

/**
 * The database each subgraph uses: `<SUBGRAPH>_DATABASE_URL`, else `fallback` (DATABASE_URL).
 * Subgraphs given the same URL share one database (and its copy of the event streams).
 */
export function databaseUrlsOf(fallback: string | undefined, env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, string> {
  const urls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) {
    const url = env[databaseVariableOf(name)] || fallback;
    if (!url) throw new Error(`${databaseVariableOf(name)} and DATABASE_URL are not set (npm start and npm test start an embedded PostgreSQL)`);
    urls[name] = url;
  }
  return urls;
}

/** The database of one subgraph process: `<SUBGRAPH>_DATABASE_URL`, falling back to `DATABASE_URL`. */
export function databaseUrlOf(name: SubgraphName): string {
  return databaseUrlsOf(process.env.DATABASE_URL)[name];
}

/** The project's root folder (holds package.json), from source or compiled output. */
export function projectRoot(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { existsSync } = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dirname, join } = require('node:path') as typeof import('node:path');
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('project root not found');
    dir = parent;
  }
  return dir;
}

/**
 * The secrets production cannot start without, named in the message: a process that started
 * without them would refuse every token or every gateway call without saying why.
 */
export function missingProductionSecrets(process_: 'gateway' | SubgraphName): string[] {
  if (!isProduction()) return [];
  const missing: string[] = [];
  if (!process.env.GATEWAY_SECRET) missing.push('GATEWAY_SECRET');
  if (process_ === 'gateway' && !process.env.AUTH_JWT_SECRET && !process.env.AUTH_JWKS_URL) missing.push('AUTH_JWT_SECRET or AUTH_JWKS_URL');
  return missing;
}

/** BIL-7: the gateway's route for the operator's price list upload, and the one catalog path it forwards to. */
export const PRICE_LIST_PATH = '/catalog/price-list';
export const PRICE_LIST_INTERNAL_PATH = '/internal/catalog/price-list';

/** The catalog's feed of its changes for the gateway's entity cache (behind the gateway secret). */
export const CATALOG_CHANGES_INTERNAL_PATH = '/internal/catalog/changes';

/** The header by which the catalog tells the gateway that an entity answer may be cached, and how long (`max-age=<seconds>`). */
export const ENTITY_CACHE_HEADER = 'x-entity-cache';

/** BIL-4: the gateway's path of invoice reconciliation files (`<prefix><invoice id>/reconciliation.csv`), and the subscriptions subgraph's internal one. */
export const RECONCILIATION_PATH = '/billing/invoices/';
export const RECONCILIATION_INTERNAL_PATH = '/internal/billing/invoices/';
