import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { encodeIdentity, IDENTITY_HEADER, SECRET_HEADER } from '../shared/auth/forwarding';
import { signDevToken } from '../shared/auth/jwt';
import { SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { benchDatabase } from './bench-database';
import { grafbaseBinary, GRAFBASE_PACKAGE, GRAFBASE_VERSION, startGrafbase } from './bench-grafbase';
import { HIVE_INSTALL, HIVE_KINDS, hiveAvailable, packageVersion, startHive } from './bench-hive';
import { cpuMs, postgresPids, startStackProcesses, type BenchStack } from './bench-processes';
import { latencyPerRequest, latencySnapshot } from './bench-latency';
import { writeBenchmark, writeCustomers } from './bench-writes';
import { medianRow, ROUNDS, roundOrder } from './bench-rounds';
import { seedPartner, sizeQueries, sizeSummary } from './bench-sizes';

/**
 * `npm run bench`: the stack as separate processes (as `npm start` runs it, production mode) on
 * a fresh database seeded with N customers × 5 subscriptions (BENCH_SIZES, default 100,2000;
 * scripts/bench-sizes.ts seeds them and adds the reads of a large partner, compared across sizes).
 * For the dashboard query, `offers(first: 50)` and `me`, through the gateway and directly to
 * the owning subgraph, autocannon (its own process, 10 connections, BENCH_SECONDS) reports
 * requests per second and p50/p99; SQL statements per request and the CPU milliseconds per
 * request of every process (from /proc) are read around it, and where the wall time goes (each
 * process's /metrics, scripts/bench-latency.ts). Then a write benchmark with 10
 * concurrent clients. Everything is stopped and the database dropped at the end, even on error.
 * BENCH_HIVE=1 adds rows through Hive Gateway (JS and Rust query planner) when it is installed;
 * BENCH_GRAFBASE=1 rows through the Grafbase Gateway (scripts/bench-grafbase.ts); BENCH_USERS=1,10
 * measures each row with one caller and with ten distinct callers (one per connection);
 * BENCH_COMPARE=<dir> rows of another build of this project, run beside this one.
 */
const DASHBOARD = `{ customers(first: 50) { edges { node { companyName subscriptions(first: 10) { edges { node { quantity status offer { name price(market: "DE") { amount } } } } } } } } }`;
const QUERIES: { name: string; query: string; owner?: SubgraphName }[] = [
  // Spans customers, subscriptions and catalog: there is no single subgraph to call directly.
  { name: 'dashboard', query: DASHBOARD },
  { name: 'offers(first: 50)', query: `{ offers(first: 50) { edges { node { id name } } } }`, owner: 'catalog' },
  { name: 'me', query: `{ me { userId } }`, owner: 'customers' },
];
/** BENCH_QUERIES=dashboard,me: only these rows (by name); BENCH_WRITES=0: no write benchmark. */
const ONLY = process.env.BENCH_QUERIES?.split(',');
const WRITES = process.env.BENCH_WRITES !== '0';
const SIZES = (process.env.BENCH_SIZES ?? '100,2000').split(',').map(Number);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * BENCH_WARMUP_SECONDS (default 5): the same load, not measured, before each row. A process that
 * sat idle (its row had not come yet, or another build's stack was being measured) spent its
 * first seconds under load on the JIT and on a young generation the garbage collector had shrunk:
 * with 2 s the rows of one target varied by 25% from round to round, with 6 s by about 10%.
 */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
/**
 * BENCH_COMPARE=<dir>: another checkout of this project, installed and built, run beside this one
 * on the same database; its rows (`compare:…`) interleave with this build's, so two builds are
 * compared at the same moment (this machine's speed drifts between runs).
 */
const COMPARE = process.env.BENCH_COMPARE ? resolve(process.env.BENCH_COMPARE) : undefined;
/** BENCH_HIVE=1: the same queries through Hive Gateway too (scripts/bench-hive.ts). */
const HIVE = process.env.BENCH_HIVE === '1';
/** BENCH_GRAFBASE=1: the same queries through the Grafbase Gateway too (scripts/bench-grafbase.ts). */
const GRAFBASE = process.env.BENCH_GRAFBASE === '1';
/** Whether any peer gateway is measured (the table then has a `peer ms` column). */
const PEERS_MEASURED = HIVE || GRAFBASE;
/**
 * BENCH_USERS (default 1; a list such as 1,10 measures every row in each load shape): the number
 * of distinct callers the load is spread over, one per connection (a JWT each through our gateway,
 * an identity header each elsewhere). With 1, the ten connections send identical requests, which a
 * gateway merging identical requests in flight serves with one subgraph fetch; with 10, no two
 * requests in flight are identical.
 */
const USER_COUNTS = (process.env.BENCH_USERS ?? '1').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const SECRETS = { gateway: 'bench-gateway-secret', jwt: 'bench-jwt-secret' };
const OFFERS = ['offer-m365-e3-no-teams', 'offer-power-bi-pro', 'offer-m365-business-premium', 'offer-m365-apps-enterprise', 'offer-ems-e3'];

type Headers = Record<string, string>;
/** A peer gateway measured beside ours: its label, URL and process. */
interface Peer {
  kind: string;
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

async function main() {
  const database = await benchDatabase('bench', ['-c', 'shared_preload_libraries=pg_stat_statements']);
  let stack: BenchStack | undefined;
  let compare: BenchStack | undefined;
  const peers: Peer[] = [];
  const db = new Client({ connectionString: database.url });
  try {
    await db.connect();
    const sql = await sqlCounter(db);
    stack = await startStackProcesses(database.url, SECRETS);
    if (COMPARE) {
      if (!existsSync(join(COMPARE, 'dist', 'gateway', 'main.js'))) throw new Error(`BENCH_COMPARE: ${COMPARE} holds no build (run npm install and npm run build there)`);
      compare = await startStackProcesses(database.url, SECRETS, join(COMPARE, 'dist'));
    }
    const missing = HIVE ? HIVE_KINDS.filter((kind) => !hiveAvailable(kind)) : [];
    if (missing.length) console.log(`BENCH_HIVE=1: rows ${missing.join(', ')} left out, Hive Gateway is not installed; install it for this tree (not saved to package.json) with: ${HIVE_INSTALL}`);
    for (const kind of HIVE ? HIVE_KINDS.filter(hiveAvailable) : []) peers.push(await startHive(kind, stack.subgraphUrl, SECRETS.gateway));
    if (GRAFBASE) {
      const binary = grafbaseBinary();
      if (binary) peers.push({ kind: 'grafbase', ...(await startGrafbase(binary, stack.subgraphUrl, SECRETS.gateway)) });
      else console.log(`BENCH_GRAFBASE=1: rows grafbase left out, ${GRAFBASE_PACKAGE}@${GRAFBASE_VERSION} could not be installed`);
    }
    const reads: Record<string, string | number>[] = [];
    const latencies: Record<string, string | number>[] = [];
    let writeToken = '';
    let writePartner = '';
    for (const n of SIZES) {
      const partner = `ptn-bench-${n}`;
      await seedPartner(db, partner, n, OFFERS);
      writeToken = await signDevToken({ sub: 'bench', tid: partner, roles: ['ADMIN_AGENT'] }, SECRETS.jwt);
      writePartner = partner;
      for (const users of USER_COUNTS) {
        const callers = await benchCallers(partner, users);
        for (const { name, query, owner } of [...QUERIES, ...sizeQueries(partner, n)].filter((q) => !ONLY || ONLY.includes(q.name))) {
          const targets: Target[] = [['gateway', stack.gatewayUrl, callers.viaGateway, stack]];
          if (compare) targets.push(['compare:gateway', compare.gatewayUrl, callers.viaGateway, compare]);
          // Hive gets the caller's identity as is (no JWT): it adds the secret itself. Grafbase forwards both headers as sent.
          for (const peer of peers) targets.push([peer.kind, peer.url, peer.kind === 'grafbase' ? callers.direct : callers.direct.map((headers) => ({ [IDENTITY_HEADER]: headers[IDENTITY_HEADER] })), stack, peer]);
          if (owner) targets.push([owner, stack.subgraphUrl(owner), callers.direct, stack]);
          if (owner && compare) targets.push([`compare:${owner}`, compare.subgraphUrl(owner), callers.direct, compare]);
          const { measured, failed } = await measureRounds({ stack, compare, db, sql, query, name, customers: n, viaGateway: callers.viaGateway }, targets);
          for (const [target] of targets) {
            const rows = measured.get(target);
            const row = { query: name, users, customers: n };
            if (failed.get(target) === 'DATA DIFFERS from gateway') reads.push({ ...row, via: `${target}: DATA DIFFERS from gateway` });
            if (!rows) {
              if (failed.has(target)) reads.push({ ...row, via: `${target}: FAILED` });
              continue;
            }
            reads.push({ ...row, via: target, ...medianRow(rows.cpu) });
            latencies.push({ ...row, via: target, ...medianRow(rows.latency) });
          }
        }
      }
    }
    console.log(`\nReads: autocannon at 10 connections for ${DURATION} s, after ${WARMUP} s of the same load not measured${ROUNDS > 1 ? `; ${ROUNDS} rounds, targets in a rotating order, median of each column (errors summed)` : ''}. sql/req = ${sql.kind}. cpu ms/req = user+system CPU from /proc/<pid>/stat of each process over the run ÷ requests;`);
    console.log('postgres = the postmaster and all its children (backends, checkpointer, WAL writer, …; a backend that exits during a run is missed); autocannon and this script are not counted.');
    if (peers.some((peer) => peer.kind.startsWith('hive'))) {
      const versions = ['@graphql-hive/gateway', '@graphql-hive/router-runtime', '@graphql-hive/router-query-planner'].map((name) => `${name} ${packageVersion(name) ?? '-'}`);
      console.log(`hive / hive-rust = Hive Gateway (${versions.join(', ')}) with its JS / Rust query planner, each its own process, merging of identical subgraph requests in flight off.`);
      console.log('Hive verifies no JWT here: it forwards the identity header the client sends (plus the gateway secret), while our gateway verifies the JWT and derives the identity from it.');
    }
    if (peers.some((peer) => peer.kind === 'grafbase')) {
      console.log(`grafbase = the Grafbase Gateway of the Grafbase CLI ${GRAFBASE_VERSION} (\`grafbase dev\`, composing the subgraphs' SDL), merging of identical subgraph requests in flight on (its default); it verifies no JWT: it forwards the identity and secret headers the client sends.`);
    }
    if (peers.length) console.log('peer ms = CPU of the peer gateway of the row (hive, hive-rust, grafbase); its gateway ms column is our idle gateway.');
    console.table(reads);
    if (SIZES.length > 1) {
      console.log(`\nSizes side by side (through our gateway): p99 and SQL statements per request at each number of customers, and p99 ÷ p99 at ${SIZES[0]}.`);
      console.table(sizeSummary(reads, SIZES));
    }
    console.log('\nWhere the time goes: wall ms per client request under the same load (queueing included), from each process\'s /metrics');
    console.log('(gateway = the whole request at the gateway; <subgraph> fetches and waited = the gateway\'s fetches to it and the time it waited;');
    console.log('<subgraph> ms = the subgraph answering them; postgres = statement execution, pg_stat_statements). Rows of peer gateways show the subgraphs only.');
    console.table(latencies);

    if (!WRITES) return;
    const post = (query: string, variables: Record<string, unknown>) =>
      fetch(stack!.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${writeToken}` },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ data?: any; errors?: any[] }>);
    const customerIds = await writeCustomers(post, writePartner);
    const writes = await writeBenchmark(post, db, customerIds, DURATION, undefined, WARMUP);
    console.log(`\nWrites through the gateway: 10 concurrent clients for ${DURATION} s each, after ${WARMUP} s of checkouts not measured. lostUpdates = subscriptions whose row does not show exactly the successful updates.`);
    console.table(writes);
  } finally {
    await Promise.all(peers.map((peer) => peer.stop()));
    await compare?.stop();
    await stack?.stop();
    await db.end().catch(() => {});
    await database.drop();
  }
}

interface SqlCounter {
  kind: string;
  read: () => Promise<number>;
}

/**
 * Statements from pg_stat_statements (updated as each ends; transaction control and this
 * script's own reads excluded) when the server has it loaded, else committed + rolled back
 * transactions of the database (which PostgreSQL flushes up to 10 s late: waited for).
 */
async function sqlCounter(db: Client): Promise<SqlCounter> {
  try {
    await db.query('create extension if not exists pg_stat_statements');
    await db.query('select 1 from pg_stat_statements limit 1');
    return {
      kind: 'SQL statements (pg_stat_statements, without begin/commit/rollback)',
      read: async () =>
        Number(
          (
            await db.query(`select coalesce(sum(calls), 0)::bigint as n from pg_stat_statements
              where dbid = (select oid from pg_database where datname = current_database())
                and query !~* '^\\s*(begin|commit|rollback|savepoint|release|start transaction)'
                and query not like '%pg_stat_%'`)
          ).rows[0].n,
        ),
    };
  } catch {
    return {
      kind: 'transactions (pg_stat_database xact_commit + xact_rollback; pg_stat_statements not loaded)',
      read: async () => {
        await new Promise((resolve) => setTimeout(resolve, 11_000));
        return Number((await db.query('select sum(xact_commit + xact_rollback)::bigint as n from pg_stat_database where datname = current_database()')).rows[0].n) - 1;
      },
    };
  }
}

type Target = [label: string, url: string, callers: Headers[], processes: BenchStack, peer?: Peer];
type Row = Record<string, number | string>;

/** The headers of each of `users` distinct callers of a partner: a JWT each for our gateway, an identity header (and the secret) each for the subgraphs. */
async function benchCallers(partner: string, users: number): Promise<{ viaGateway: Headers[]; direct: Headers[] }> {
  const viaGateway: Headers[] = [];
  const direct: Headers[] = [];
  for (let i = 0; i < users; i++) {
    const userId = users === 1 ? 'bench' : `bench-${i + 1}`;
    viaGateway.push({ authorization: `Bearer ${await signDevToken({ sub: userId, tid: partner, roles: ['ADMIN_AGENT'] }, SECRETS.jwt)}` });
    direct.push({
      [SECRET_HEADER]: SECRETS.gateway,
      [IDENTITY_HEADER]: encodeIdentity({ userId, tenantId: partner, tenantKind: 'PARTNER', partnerType: 'DIRECT_BILL', roles: ['ADMIN_AGENT'] }),
    });
  }
  return { viaGateway, direct };
}

interface RoundsRun {
  stack: BenchStack;
  compare?: BenchStack;
  db: Client;
  sql: SqlCounter;
  name: string;
  query: string;
  customers: number;
  viaGateway: Headers[];
}

/**
 * One query at one size through every target, BENCH_ROUNDS times in a rotating order
 * (scripts/bench-rounds.ts): each target's rows, and why a target stopped being measured (a peer
 * could not answer, or a peer or the other build answered other data than our gateway).
 */
async function measureRounds(run: RoundsRun, targets: Target[]) {
  const measured = new Map<string, { cpu: Row[]; latency: Row[] }>();
  const failed = new Map<string, 'FAILED' | 'DATA DIFFERS from gateway'>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [target, url, callers, processes, peer] of roundOrder(targets, round)) {
      if (failed.has(target)) continue;
      // A query a peer cannot answer is a row of its own, not the end of the run.
      const row = await measure(processes, peer, run.db, run.sql, url, run.query, callers).catch((error: Error) => {
        if (!peer) throw error;
        console.warn(`${target} failed on ${run.name}: ${error.message.slice(0, 300)}`);
      });
      if (!row) {
        failed.set(target, 'FAILED');
        continue;
      }
      const rows = measured.get(target) ?? { cpu: [], latency: [] };
      measured.set(target, rows);
      rows.cpu.push(row.cpu);
      rows.latency.push(row.latency);
      console.log(JSON.stringify({ query: run.name, via: target, users: callers.length, customers: run.customers, ...(ROUNDS > 1 ? { round: round + 1 } : {}), ...row.cpu }));
      // Peers (and the other build) must answer what our gateway answers: the data of one warm request each.
      if (round === 0 && (peer || processes === run.compare) && !(await sameData(url, callers[0], run))) {
        failed.set(target, 'DATA DIFFERS from gateway');
        console.warn(`${target}: the data for ${run.name} differs from our gateway's`);
      }
    }
  }
  return { measured, failed };
}

async function sameData(url: string, headers: Headers, run: RoundsRun): Promise<boolean> {
  return isDeepStrictEqual((await postQuery(url, run.query, headers)).data, (await postQuery(run.stack.gatewayUrl, run.query, run.viaGateway[0])).data);
}

function postQuery(url: string, query: string, headers: Headers): Promise<{ data?: unknown; errors?: unknown }> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) }).then((r) => r.json() as Promise<{ data?: unknown; errors?: unknown }>);
}

async function measure(stack: BenchStack, peer: Peer | undefined, db: Client, sql: SqlCounter, url: string, query: string, callers: Headers[]) {
  for (const headers of callers) {
    const warm = await postQuery(url, query, headers);
    if (warm.errors) throw new Error(`${url}: ${JSON.stringify(warm.errors)}`);
  }
  if (WARMUP > 0) await autocannon(url, query, callers, WARMUP);
  // The warm-up's (or the previous row's) load may still have requests in flight: wait until no statement runs.
  if (sql.kind.startsWith('SQL')) for (let last = -1, now = await sql.read(); now !== last; last = now, now = await sql.read()) await new Promise((resolve) => setTimeout(resolve, 250));
  const samples = 5;
  const sample = async () => {
    for (let i = 0; i < samples; i++) await postQuery(url, query, callers[i % callers.length]);
  };
  const before = await sql.read();
  await sample();
  const statements = (await sql.read()) - before;
  // BENCH_SQL=1: the statements of those samples, to see what a request runs.
  if (process.env.BENCH_SQL === '1') await printStatements(db, url, query, sample);

  // Read before the CPU counters and after them, so the scrapes' own work is not counted.
  const metricsUrls = [stack.gatewayUrl, ...SUBGRAPH_NAMES.map((name) => stack.subgraphUrl(name))].map((graphql) => graphql.replace(/\/graphql$/, ''));
  const latencyBefore = await latencySnapshot(metricsUrls, db, sql.kind.startsWith('SQL'));
  const pids = stack.pids();
  const pgPids = new Map((await postgresPids(db)).map((pid) => [pid, cpuMs(pid)]));
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([label, pid]) => [label, cpuMs(pid)]));
  const peerBefore = peer ? cpuMs(peer.pid) : 0;
  const load = await autocannon(url, query, callers);
  const perRequest = (ms: number) => (load.requests ? Math.round((ms / load.requests) * 100) / 100 : 0);
  const cpu: Record<string, number | string> = {};
  for (const label of ['gateway', ...SUBGRAPH_NAMES]) {
    cpu[`${label} ms`] = perRequest(cpuMs(pids[label]) - cpuBefore[label]);
    if (label === 'gateway' && PEERS_MEASURED) cpu['peer ms'] = peer ? perRequest(cpuMs(peer.pid) - peerBefore) : '-';
  }
  cpu['postgres ms'] = pgPids.size ? perRequest(await postgresCpuSince(db, pgPids)) : 'remote';
  const total = Object.values(cpu).reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
  const latency = latencyPerRequest(latencyBefore, await latencySnapshot(metricsUrls, db, sql.kind.startsWith('SQL')), load.requests);
  return {
    cpu: { rps: load.rps, p50: load.p50, p99: load.p99, errors: load.errors, 'sql/req': Math.round((statements / samples) * 10) / 10, ...cpu, 'total ms': Math.round(total * 10) / 10 },
    latency,
  };
}

async function printStatements(db: Client, url: string, query: string, run: () => Promise<void>) {
  await db.query('select pg_stat_statements_reset()');
  await run();
  const { rows } = await db.query(`select calls, round(mean_exec_time::numeric, 3) as ms, rows / calls as rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 400) as query from pg_stat_statements
    where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat_%' order by calls desc`);
  console.log(`statements of 5 requests of ${query.slice(0, 40)}… to ${url}`);
  for (const row of rows) console.log(`  ${row.calls}× ${row.ms} ms ${row.rows} rows: ${row.query}`);
}

/**
 * CPU of the PostgreSQL processes since `before` (pid → CPU then): processes started since count
 * whole; those that exited since took their time with them and count nothing.
 */
async function postgresCpuSince(db: Client, before: Map<number, number>): Promise<number> {
  let total = 0;
  for (const pid of await postgresPids(db)) total += cpuMs(pid) - (before.get(pid) ?? 0);
  return total;
}

/** One load of `seconds` at 10 connections (scripts/bench-load.ts), connection i as caller i mod n. */
function autocannon(url: string, query: string, callers: Headers[], seconds = DURATION): Promise<{ rps: number; p50: number; p99: number; errors: number; requests: number }> {
  const load = JSON.stringify({ url, query, headers: callers, seconds });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'bench-load.js')], { env: { ...process.env, BENCH_LOAD: load }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const result = JSON.parse(out);
      resolve({ rps: Math.round(result.requests.average * 10) / 10, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, requests: result.requests.total });
    });
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
