import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { signDevToken } from '../shared/auth/jwt';
import { projectRoot } from '../shared/config';
import { sqlStatementCount } from '../shared/db/sql-stats';
import { benchDatabase } from './bench-database';
import { startStackInProcess } from './stack';

/**
 * `npm run bench:dashboard`: a partner dashboard query through the gateway against N
 * customers × 5 subscriptions (N = 10, 100, 1000). Reports SQL statements per request
 * (must not grow with N) and, with autocannon in a separate process at 10 connections,
 * requests per second and p50/p99 latency. Uses a fresh database (embedded PostgreSQL
 * unless DATABASE_URL names a server to create it on).
 */
const QUERY = `{ customers(first: 50) { edges { node { companyName subscriptions(first: 10) { edges { node { quantity status offer { name price(market: "DE") { amount } } } } } } } } }`;
const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const OFFERS = ['offer-m365-e3-no-teams', 'offer-power-bi-pro', 'offer-m365-business-premium', 'offer-m365-apps-enterprise', 'offer-ems-e3'];

async function main() {
  const database = await benchDatabase('bench');
  const databaseUrl = database.url;
  const stack = await startStackInProcess(databaseUrl);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const rows: Record<string, string | number>[] = [];
  try {
    for (const n of SIZES) {
      const partner = `ptn-bench-${n}`;
      await seed(db, partner, n);
      const token = await signDevToken({ sub: 'bench', tid: partner, roles: ['ADMIN_AGENT'] });
      const post = () =>
        fetch(stack.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: QUERY }),
        }).then((r) => r.json() as Promise<{ errors?: unknown }>);
      const warm = await post();
      if (warm.errors) throw new Error(JSON.stringify(warm.errors));
      const before = sqlStatementCount();
      await post();
      const statements = sqlStatementCount() - before;
      const load = await autocannon(stack.gatewayUrl, token);
      rows.push({ customers: n, subscriptions: n * 5, sqlPerRequest: statements, rps: load.rps, p50ms: load.p50, p99ms: load.p99, errors: load.errors });
      console.log(JSON.stringify(rows.at(-1)));
    }
    console.table(rows);
  } finally {
    await db.end();
    await stack.stop();
    await database.drop();
  }
}

/** N customers with relationships and five subscriptions each, in bulk SQL. */
async function seed(db: Client, partner: string, n: number) {
  await db.query(
    `insert into customers.partner (id, name, type, partner_id, region, mpa_signed, created_at)
     values ($1, $1, 'DIRECT_BILL', $2, 'EUROPE', true, now())`,
    [partner, String(5_000_000 + n)],
  );
  await db.query(
    `insert into customers.customer (id, company_name, domain, country, segment, admin_user_name, admin_password_hash, created_by_partner_id, created_at)
     select $1 || '-c' || lpad(g::text, 5, '0'), 'Bench Customer ' || g, $1 || '-c' || g || '.example', 'DE', 'COMMERCIAL', 'admin', 'x', $1, now()
       from generate_series(1, $2) g`,
    [partner, n],
  );
  await db.query(
    `insert into customers.customer_relationship (id, partner_id, customer_id, status, created_at)
     select 'rel-' || c.id, $1, c.id, 'ACTIVE', now() from customers.customer c where c.created_by_partner_id = $1`,
    [partner],
  );
  await db.query(
    `insert into subscriptions.subscription (id, partner_id, customer_id, offer_id, quantity, status, term_start, term_end, term_duration, billing_frequency, created_at)
     select 'sub-' || c.id || '-' || o.i, $1, c.id, ($2::text[])[o.i], 10 + o.i, 'ACTIVE', now(), now() + interval '1 year', 'P1Y', 'MONTHLY', now()
       from customers.customer c cross join generate_series(1, 5) o(i) where c.created_by_partner_id = $1`,
    [partner, OFFERS],
  );
}

function autocannon(url: string, token: string): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const bin = join(projectRoot(), 'node_modules', 'autocannon', 'autocannon.js');
  const args = [bin, '-c', '10', '-d', String(DURATION), '-m', 'POST', '-H', 'content-type=application/json', '-H', `authorization=Bearer ${token}`, '-b', JSON.stringify({ query: QUERY }), '-j', url];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const result = JSON.parse(out);
      resolve({ rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx });
    });
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
