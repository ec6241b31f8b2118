import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { signDevToken } from '../shared/auth/jwt';
import { SUBGRAPH_NAMES } from '../shared/config';
import { benchDatabase } from './bench-database';
import { cpuMs, postgresPids, startStackProcesses, type BenchStack } from './bench-processes';
import { ROUNDS, roundOrder } from './bench-rounds';
import { writeBenchmark, writeClients, writeCustomers, type PhaseProbe } from './bench-writes';

/**
 * `npm run bench:writes`: the write benchmark alone (scripts/bench-writes.ts: checkouts, then
 * colliding quantity updates, BENCH_CLIENTS (default 10) concurrent clients through the gateway, every CONFLICT counted
 * and lost updates checked), with where each write's time goes: SQL statements per successful
 * write (pg_stat_statements), CPU ms per write of each process (/proc), and what the database's
 * sessions were doing (pg_stat_activity sampled every 20 ms: the average number of sessions in
 * each state or wait event). BENCH_SECONDS (default 10) per phase, BENCH_ROUNDS rounds;
 * BENCH_COMPARE=<dir>: another built checkout measured in the same rounds, interleaved;
 * BENCH_SQL=1: the statements of each phase per successful write; BENCH_PROFILE=<dir>: V8 CPU
 * profiles of every process; BENCH_UPDATES=0: the checkouts alone.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** BENCH_WARMUP_SECONDS (default 5): checkouts, not measured, before each round's phases (as `npm run bench` warms each row). */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const COMPARE = process.env.BENCH_COMPARE ? resolve(process.env.BENCH_COMPARE) : undefined;
const SECRETS = { gateway: 'bench-gateway-secret', jwt: 'bench-jwt-secret' };
const PARTNER = 'ptn-bench-writes';

type Row = Record<string, string | number>;

async function main() {
  const database = await benchDatabase('bench_writes', ['-c', 'shared_preload_libraries=pg_stat_statements']);
  const db = new Client({ connectionString: database.url });
  const stacks: [string, BenchStack][] = [];
  try {
    await db.connect();
    await db.query('create extension if not exists pg_stat_statements');
    await db.query(
      `insert into customers.partner (id, name, type, partner_id, region, mpa_signed, created_at) values ($1, $1, 'DIRECT_BILL', $2, 'EUROPE', true, now())`,
      [PARTNER, '5999999'],
    );
    stacks.push(['this build', await startStackProcesses(database.url, SECRETS)]);
    if (COMPARE) {
      if (!existsSync(join(COMPARE, 'dist', 'gateway', 'main.js'))) throw new Error(`BENCH_COMPARE: ${COMPARE} holds no build`);
      stacks.push(['compare', await startStackProcesses(database.url, SECRETS, join(COMPARE, 'dist'))]);
    }
    const token = await signDevToken({ sub: 'bench', tid: PARTNER, roles: ['ADMIN_AGENT'] }, SECRETS.jwt);
    const results: Row[] = [];
    const profiles: Row[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [label, stack] of roundOrder(stacks, round)) {
        const post = (query: string, variables: Record<string, unknown>) =>
          fetch(stack.gatewayUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query, variables }),
          }).then((r) => r.json() as Promise<{ data?: any; errors?: any[] }>);
        const customers = await writeCustomers(post, PARTNER, `r${round}${label === 'compare' ? 'c' : 't'}`);
        const probe = phaseProbe(db, database.url, stack, (row) => profiles.push({ build: label, round: round + 1, ...row }));
        const rows = await writeBenchmark(post, db, customers, SECONDS, probe, WARMUP);
        for (const row of rows) {
          const shown: Row = { build: label, round: round + 1, ...(row as unknown as Row), load1: loadavg()[0].toFixed(1) };
          results.push(shown);
          console.log(JSON.stringify(shown));
        }
      }
    }
    console.log(`\nWrites through the gateway: ${writeClients()} concurrent client(s) for ${SECONDS} s per phase, after ${WARMUP} s of checkouts not measured; perSecond = successes per second; load1 = the machine's 1-minute load average after the phase.`);
    console.table(results);
    console.log('\nPer successful write: SQL statements (pg_stat_statements, begin/commit excluded), CPU ms of each process, and the average number of database sessions');
    console.log('running (CPU), waiting on a lock (Lock:*), on the client (ClientRead: between statements of an open transaction or idle), or on I/O, sampled every 20 ms.');
    console.table(profiles);
  } finally {
    for (const [, stack] of stacks) await stack.stop();
    await db.end().catch(() => {});
    await database.drop();
  }
}

/** Statements, CPU and the database's wait events around one phase. */
function phaseProbe(db: Client, url: string, stack: BenchStack, report: (row: Row) => void): PhaseProbe {
  let statements = 0;
  let cpu: Record<string, number> = {};
  let pg = new Map<number, number>();
  let sampling: Promise<void> | undefined;
  let running = false;
  let samples = 0;
  const waits = new Map<string, number>();
  let sampler = new Client({ connectionString: url });
  return {
    start: async () => {
      if (process.env.BENCH_SQL === '1') await db.query('select pg_stat_statements_reset()');
      statements = await statementCount(db);
      cpu = Object.fromEntries(Object.entries(stack.pids()).map(([label, pid]) => [label, cpuMs(pid)]));
      pg = new Map((await postgresPids(db)).map((pid) => [pid, cpuMs(pid)]));
      waits.clear();
      samples = 0;
      running = true;
      sampler = new Client({ connectionString: url });
      await sampler.connect();
      sampling = (async () => {
        while (running) {
          const { rows } = await sampler.query<{ what: string; n: string }>(
            `select case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'CPU') else coalesce(state, '?') || ' (' || coalesce(wait_event, '-') || ')' end as what, count(*) as n
               from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and state <> 'idle' group by 1`,
          );
          for (const row of rows) waits.set(row.what, (waits.get(row.what) ?? 0) + Number(row.n));
          samples += 1;
          await new Promise((done) => setTimeout(done, 20));
        }
      })();
    },
    stop: async (operation, successes) => {
      running = false;
      await sampling;
      await sampler.end().catch(() => {});
      const per = (value: number) => (successes ? Math.round((value / successes) * 100) / 100 : 0);
      const row: Row = { operation, successes, 'sql/write': per((await statementCount(db)) - statements) };
      const pids = stack.pids();
      for (const label of ['gateway', ...SUBGRAPH_NAMES]) row[`${label} ms`] = per(cpuMs(pids[label]) - cpu[label]);
      let pgCpu = 0;
      for (const pid of await postgresPids(db)) pgCpu += cpuMs(pid) - (pg.get(pid) ?? 0);
      row['postgres ms'] = per(pgCpu);
      const sessions = [...waits].sort((a, b) => b[1] - a[1]).slice(0, 6);
      row.sessions = sessions.map(([what, n]) => `${what} ${(n / Math.max(samples, 1)).toFixed(2)}`).join(', ');
      report(row);
      console.log(JSON.stringify(row));
      if (process.env.BENCH_SQL === '1') {
        const { rows } = await db.query(`select calls, round(mean_exec_time::numeric, 3) as ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query from pg_stat_statements
          where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_stat%' order by calls desc limit 40`);
        console.log(`statements of ${operation}, per successful write:`);
        for (const r of rows) console.log(`  ${per(Number(r.calls))}× ${r.ms} ms: ${r.query}`);
      }
    },
  };
}

async function statementCount(db: Client): Promise<number> {
  const { rows } = await db.query(`select coalesce(sum(calls), 0)::bigint as n from pg_stat_statements
    where dbid = (select oid from pg_database where datname = current_database())
      and query !~* '^\\s*(begin|commit|rollback|savepoint|release|start transaction)' and query not like '%pg_stat%'`);
  return Number(rows[0].n);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
