import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';
import { SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { freePort } from '../shared/free-port';
import { BENCH_METRICS_TOKEN } from './bench-latency';
import { stopChildren, waitForHealthy } from './processes';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface BenchStack {
  gatewayUrl: string;
  subgraphUrl: (name: SubgraphName) => string;
  /** pid of each process: gateway and every subgraph. */
  pids: () => Record<string, number>;
  stop: () => Promise<void>;
}

/**
 * The subgraphs and the gateway as separate processes, exactly as `npm start` runs them, on free
 * ports, in production mode with benchmark secrets, job workers off; from the build in `dist`.
 */
/** Variations of the stack a benchmark may ask for. */
export interface StackOptions {
  /** Variables set for every process (e.g. JOBS_ENABLED=true, NODE_ENV). */
  env?: NodeJS.ProcessEnv;
  /** Further processes of the subscriptions subgraph (own ports, same database): job workers the gateway does not call. */
  extraSubscriptions?: number;
}

export async function startStackProcesses(databaseUrl: string, secrets: { gateway: string; jwt: string }, dist = join(__dirname, '..'), options: StackOptions = {}): Promise<BenchStack> {
  const ports: Record<string, number> = {};
  for (const name of ['gateway', ...SUBGRAPH_NAMES]) ports[name] = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    GATEWAY_SECRET: secrets.gateway,
    AUTH_JWT_SECRET: secrets.jwt,
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    METRICS_TOKEN: BENCH_METRICS_TOKEN,
    // One tenant sends thousands of requests a second: no fair-use limit in a benchmark.
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
    GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
    ...options.env,
  };
  for (const [name, port] of Object.entries(ports)) env[`${name.toUpperCase()}_PORT`] = String(port);
  const children = new Map<string, ChildProcess>();
  // By default the compiled processes beside this script, so the benchmark runs the build it was
  // compiled with; `dist` is another checkout's build for BENCH_COMPARE.
  // BENCH_PROFILE=<dir>: every process writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const launch = (label: string, script: string, args: string[] = [], extraEnv: NodeJS.ProcessEnv = {}) => {
    const child = spawn(process.execPath, [...profile, join(dist, script), ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'inherit'] });
    children.set(label, child);
  };
  const stop = async () => {
    await stopChildren(children.values());
  };
  const url = (name: string) => `http://127.0.0.1:${ports[name]}`;
  try {
    for (const name of SUBGRAPH_NAMES) launch(name, 'subgraphs/main.js', [name]);
    const extras: string[] = [];
    for (let i = 0; i < (options.extraSubscriptions ?? 0); i++) {
      const port = await freePort();
      launch(`subscriptions-${i + 2}`, 'subgraphs/main.js', ['subscriptions'], { SUBSCRIPTIONS_PORT: String(port) });
      extras.push(`http://127.0.0.1:${port}/health`);
    }
    await waitForHealthy([...SUBGRAPH_NAMES.map((name) => `${url(name)}/health`), ...extras], children);
    launch('gateway', 'gateway/main.js');
    await waitForHealthy([`${url('gateway')}/health`], children);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl: `${url('gateway')}/graphql`,
    subgraphUrl: (name) => `${url(name)}/graphql`,
    pids: () => Object.fromEntries([...children].map(([label, child]) => [label, child.pid!])),
    stop,
  };
}

/** User + system CPU of a process so far, in milliseconds (0 once it is gone). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL server's processes on this machine: the postmaster (parent of a backend of
 * this database) and all its children (backends, checkpointer, WAL writer, …). Empty when the
 * server runs elsewhere. Backends that exit between two readings take their CPU time with them.
 */
export async function postgresPids(db: Client): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()');
  const backend = rows.map((r) => r.pid).find((pid) => parentOf(pid) !== undefined);
  if (backend === undefined) return [];
  const postmaster = parentOf(backend)!;
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => parentOf(pid) === postmaster);
  return [postmaster, ...children];
}
