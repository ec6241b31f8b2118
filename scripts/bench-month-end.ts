import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { PgBoss } from 'pg-boss';
import { signDevToken } from '../shared/auth/jwt';
import { JOBS_SCHEMA } from '../shared/jobs/runner';
import { DUE_WORK_QUEUE } from '../subgraphs/subscriptions/jobs/due-work.jobs';
import { benchDatabase } from './bench-database';
import { cpuMs, postgresPids, startStackProcesses, type BenchStack } from './bench-processes';

/**
 * `npm run bench:month-end`: a month-end at volume. For each count of subscriptions processes in
 * BENCH_PROCESSES (default 1,2), a fresh stack as separate processes with its own job workers on:
 * one partner with one customer and a webhook for `SUBSCRIPTION_RENEWED` (a local receiver), one
 * monthly subscription bought through the gateway and BENCH_RENEWALS (default 100000) copies of it
 * made in SQL, all ending at the same instant. The business clock is moved to the instant they
 * fall due and one due-work scan is queued (as the every-minute schedule would queue it); the
 * stack's own jobs renew them, fan the events out to the webhook and deliver them. Reported:
 * renewals per second (first to last renewal), the lag from the due instant to the last renewal,
 * the same for webhook deliveries, and checks that each subscription was renewed once (one audit
 * row, one event, the same ledger lines for every subscription, none twice) and each event
 * delivered, and the CPU per renewal of each kind of process. BENCH_TIMEOUT_SECONDS (default 3600) bounds each run. BENCH_COMPARE=<dir>: another
 * built checkout of this project measured the same way, after this build at each process count.
 */
const N = Number(process.env.BENCH_RENEWALS ?? 100_000);
const PROCESSES = (process.env.BENCH_PROCESSES ?? '1,2').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 3600) * 1000;
const COMPARE = process.env.BENCH_COMPARE ? resolve(process.env.BENCH_COMPARE) : undefined;
/** BENCH_SQL=1: the statements that took the database's time during each run (pg_stat_statements). */
const SQL = process.env.BENCH_SQL === '1';
/**
 * BENCH_IDLE_SECONDS=<s>: before the clock moves, the CPU the stack spends with nothing due (pollers,
 * schedules) is measured for that long, and the CPU per renewal is also given net of it for the
 * run's duration: on a loaded machine a slow run otherwise counts seconds of polling as renewal work.
 */
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 0);
const SECRETS = { gateway: 'bench-gateway-secret', jwt: 'bench-jwt-secret' };
const DAY_MS = 24 * 60 * 60 * 1000;

type Row = Record<string, string | number>;

async function main() {
  const receiver = await startReceiver();
  const rows: Row[] = [];
  try {
    const builds: [string, string | undefined][] = [['this build', undefined], ...(COMPARE ? [['compare', join(COMPARE, 'dist')] as [string, string]] : [])];
    for (const processes of PROCESSES) {
      for (const [build, dist] of builds) {
        // A fresh database each run: the subscriptions of an earlier run would fall due again with these.
        const database = await benchDatabase('bench_month_end', SQL ? ['-c', 'shared_preload_libraries=pg_stat_statements'] : []);
        const db = new Client({ connectionString: database.url });
        await db.connect();
        let stack: BenchStack | undefined;
        try {
          stack = await startStackProcesses(database.url, SECRETS, dist, {
            // Not production: the sandbox clock moves, and the webhook may point at this machine.
            env: { NODE_ENV: 'development', JOBS_ENABLED: 'true' },
            extraSubscriptions: processes - 1,
          });
          const row = { build, ...(await monthEnd(stack, db, database.url, receiver, processes)) };
          rows.push(row);
          console.log(JSON.stringify(row));
        } finally {
          await stack?.stop();
          await db.end();
          await database.drop();
        }
      }
    }
    console.log(`\nMonth-end: ${N} subscriptions of one partner due at the same instant, renewed by the stack's own jobs (pg-boss workers of each subscriptions process).`);
    console.log('renewals/s = renewals ÷ time from first to last renewal; lag = due instant (clock moved, one scan queued) → last renewal / last webhook received; load1 = 1-minute load average at the end.');
    console.table(rows);
  } finally {
    await receiver.close();
  }
}

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<any>;

function gqlAs(stack: BenchStack, token: string): Gql {
  return async (query, variables) => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    const payload = Object.values(body.data ?? {})[0] as { errors?: unknown[] } | null;
    if (payload?.errors?.length) throw new Error(JSON.stringify(payload.errors));
    return body.data;
  };
}

async function monthEnd(stack: BenchStack, db: Client, url: string, receiver: Receiver, processes: number): Promise<Row> {
  const operator = gqlAs(stack, await signDevToken({ sub: 'operator', tid: 'platform', roles: ['PLATFORM_OPERATOR'] }, SECRETS.jwt));
  const setClock = (at: Date) => operator(`mutation($n: DateTime!) { setSandboxClock(input: { now: $n }) { now } }`, { n: at.toISOString() });
  // Buy at the start of a day ahead of the business clock: the copies then end together at a midnight still to come.
  const { rows: clock } = await db.query<{ now: Date }>(`select (clock_timestamp() + offset_ms * interval '1 millisecond') as now from platform.business_clock where id = 1`);
  const boughtAt = new Date(Math.floor(clock[0].now.getTime() / DAY_MS) * DAY_MS + DAY_MS + 60 * 60 * 1000);
  await setClock(boughtAt);

  const partner = `ptn-month-end-${processes}`;
  await db.query(`insert into customers.partner (id, name, type, partner_id, region, mpa_signed, created_at) values ($1, $1, 'DIRECT_BILL', $2, 'EUROPE', true, now())`, [
    partner,
    String(6_000_000 + processes),
  ]);
  const gql = gqlAs(stack, await signDevToken({ sub: 'bench', tid: partner, roles: ['ADMIN_AGENT'] }, SECRETS.jwt));
  const domain = `${partner}.example`;
  const { createCustomer } = await gql(`mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } errors { code message } } }`, {
    i: { companyName: 'Month End', country: 'DE', segment: 'COMMERCIAL', domain, agreementAcceptance: { signerName: 'Bench Signer', signerEmail: `signer@${domain}`, acceptedAt: '2026-01-01T00:00:00Z' } },
  });
  await gql(`mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } errors { code message } } }`, { i: { url: receiver.url, events: ['SUBSCRIPTION_RENEWED'] } });
  const { createCart } = await gql(`mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id } errors { code message } } }`, {
    i: { customerId: createCustomer.customer.id, lines: [{ offerId: 'offer-m365-e3-no-teams', quantity: 5, termDuration: 'P1M', billingFrequency: 'MONTHLY' }] },
  });
  const { checkoutCart } = await gql(`mutation($i: CheckoutCartInput!) { checkoutCart(input: $i) { order { lines { subscription { id termEnd } } } errors { code message } } }`, {
    i: { cartId: createCart.cart.id, attestationAccepted: true },
  });
  const template = checkoutCart.order.lines[0].subscription.id as string;

  // The copies, in one transaction: every column as the bought one has it, a new id each (and its license batches).
  const seedStarted = performance.now();
  await db.query('begin');
  await db.query(
    `insert into subscriptions.subscription
     select (jsonb_populate_record(null::subscriptions.subscription, to_jsonb(s) || jsonb_build_object('id', s.id || '_m' || g))).*
       from subscriptions.subscription s, generate_series(2, $2::int) g where s.id = $1`,
    [template, N],
  );
  await db.query(
    `insert into subscriptions.license_batch
     select (jsonb_populate_record(null::subscriptions.license_batch, to_jsonb(b) || jsonb_build_object('id', b.id || '_m' || g, 'subscription_id', b.subscription_id || '_m' || g))).*
       from subscriptions.license_batch b, generate_series(2, $2::int) g where b.subscription_id = $1`,
    [template, N],
  );
  await db.query('commit');
  await db.query('analyze');
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const { rows: term } = await db.query<{ term_end: Date }>('select term_end from subscriptions.subscription where id = $1', [template]);
  const due = new Date(Math.floor(term[0].term_end.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const ids = `(select id from subscriptions.subscription where partner_id = '${partner}')`;
  const before = await ledgerCount(db, ids);
  receiver.reset();

  if (SQL) {
    await db.query('create extension if not exists pg_stat_statements');
    await db.query('select pg_stat_statements_reset()');
  }
  const pids = stack.pids();
  const idleMsPerSecond = IDLE_SECONDS > 0 ? await idleCpu(db, pids) : 0;
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([label, pid]) => [label, cpuMs(pid)]));
  const pgBefore = new Map((await postgresPids(db)).map((pid) => [pid, cpuMs(pid)]));
  // The due instant: the clock reaches it, and the scan the schedule would queue is queued now.
  await setClock(due);
  const started = performance.now();
  const boss = new PgBoss({ connectionString: url, schema: JOBS_SCHEMA, supervise: false, schedule: false, migrate: false });
  await boss.start();
  await boss.send(DUE_WORK_QUEUE, {});
  await boss.stop({ graceful: false });

  let renewed = 0;
  while (performance.now() - started < TIMEOUT_MS) {
    renewed = Number((await db.query(`select count(*)::int as n from subscriptions.subscription where partner_id = $1 and term_start >= $2`, [partner, due])).rows[0].n);
    if (renewed >= N && receiver.ids.size >= N) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // CPU per renewal (its event, fan-out and delivery included) of each kind of process: a figure the machine's load changes less.
  const cpu: Row = {};
  for (const [label, pid] of Object.entries(pids)) {
    const kind = `${label.replace(/-\d+$/, '')} ms`;
    cpu[kind] = Number(cpu[kind] ?? 0) + (cpuMs(pid) - cpuBefore[label]) / N;
  }
  let pgCpu = 0;
  for (const pid of await postgresPids(db)) pgCpu += cpuMs(pid) - (pgBefore.get(pid) ?? 0);
  cpu['postgres ms'] = pgCpu / N;
  const runSeconds = (performance.now() - started) / 1000;
  const total = Object.values(cpu).reduce<number>((sum, ms) => sum + Number(ms), 0);
  if (IDLE_SECONDS > 0) Object.assign(cpu, { 'idle ms/s': idleMsPerSecond, 'net ms': total - (idleMsPerSecond * runSeconds) / N });
  for (const key of Object.keys(cpu)) cpu[key] = Math.round(Number(cpu[key]) * 100) / 100;
  if (SQL) {
    const { rows: top } = await db.query(`select calls, round(total_exec_time::numeric, 0) as total_ms, round(mean_exec_time::numeric, 3) as ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as query
      from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) order by total_exec_time desc limit 25`);
    console.log(`statements by database time, ${processes} process(es), per renewal:`);
    for (const r of top) console.log(`  ${(Number(r.calls) / N).toFixed(2)}× ${r.ms} ms (total ${r.total_ms} ms): ${r.query}`);
  }
  const { rows: audit } = await db.query<{ n: number; d: number; first: Date; last: Date }>(
    `select count(*)::int as n, count(distinct resource_id)::int as d, min(at) as first, max(at) as last
       from platform.audit_record where tenant_id = $1 and operation = 'renewSubscription'`,
    [partner],
  );
  const { rows: events } = await db.query<{ n: number; d: number }>(
    `select count(*)::int as n, count(distinct resource_id)::int as d from platform.outbox_event where tenant_id = $1 and type = 'SUBSCRIPTION_RENEWED'`,
    [partner],
  );
  const { rows: lines } = await db.query<{ per: number; subs: number }>(
    `select per, count(*)::int as subs from (select count(*)::int as per from subscriptions.ledger_entry where subscription_id in ${ids} and at >= $1 group by subscription_id) x group by per order by per`,
    [due],
  );
  const { rows: twice } = await db.query<{ n: number }>(
    `select count(*)::int as n from (select 1 from subscriptions.ledger_entry where subscription_id in ${ids} and at >= $1
       group by subscription_id, kind, charge_type, charge_start having count(*) > 1) x`,
    [due],
  );
  const first = audit[0].first?.getTime() ?? due.getTime();
  const last = audit[0].last?.getTime() ?? due.getTime();
  const span = Math.max((last - first) / 1000, 0.001);
  return {
    processes,
    subscriptions: N,
    'seed s': +seedSeconds.toFixed(1),
    renewed,
    'renewals/s': Math.round(audit[0].n / span),
    'lag s': +((last - due.getTime()) / 1000).toFixed(1),
    'audit rows (distinct)': `${audit[0].n} (${audit[0].d})`,
    'events (distinct)': `${events[0].n} (${events[0].d})`,
    'new ledger lines per subscription': lines.map((l) => `${l.per}×${l.subs}`).join(' ') || '-',
    'ledger lines twice': twice[0].n,
    'ledger before': before,
    'webhooks (distinct)': `${receiver.received} (${receiver.ids.size})`,
    'webhooks/s': receiver.ids.size ? Math.round(receiver.ids.size / Math.max((receiver.last - receiver.first) / 1000, 0.001)) : 0,
    'webhook lag s': receiver.last ? +((receiver.last - started) / 1000).toFixed(1) : '-',
    ...cpu,
    load1: loadavg()[0].toFixed(1),
  };
}

/** CPU of the whole stack (its processes and PostgreSQL) per second of wall time with nothing due, over BENCH_IDLE_SECONDS. */
async function idleCpu(db: Client, pids: Record<string, number>): Promise<number> {
  const sample = async () => {
    let ms = Object.values(pids).reduce((sum, pid) => sum + cpuMs(pid), 0);
    for (const pid of await postgresPids(db)) ms += cpuMs(pid);
    return ms;
  };
  const before = await sample();
  const from = performance.now();
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  return (await sample() - before) / ((performance.now() - from) / 1000);
}

async function ledgerCount(db: Client, ids: string): Promise<number> {
  return Number((await db.query(`select count(*)::int as n from subscriptions.ledger_entry where subscription_id in ${ids}`)).rows[0].n);
}

interface Receiver {
  url: string;
  received: number;
  ids: Set<string>;
  first: number;
  last: number;
  reset: () => void;
  close: () => Promise<void>;
}

/** A partner's webhook endpoint on this machine: counts deliveries and distinct events (webhook-id). */
async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    received: 0,
    ids: new Set(),
    first: 0,
    last: 0,
    reset: () => {
      receiver.received = 0;
      receiver.ids = new Set();
      receiver.first = 0;
      receiver.last = 0;
    },
    close: async () => {},
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const now = performance.now();
      receiver.received += 1;
      receiver.ids.add(String(req.headers['webhook-id']));
      if (!receiver.first) receiver.first = now;
      receiver.last = now;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return receiver;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
