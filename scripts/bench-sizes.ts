import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import type { SubgraphName } from '../shared/config';
import { encodeCursor } from '../shared/graphql/connection';

/**
 * The reads of a large partner (`npm run bench` with BENCH_SIZES=100,100000): besides the
 * dashboard's first page (a row of scripts/bench.ts at every size), a page 90% deep in the
 * customer list by cursor, `customers { totalCount }`, a customer search by name and one by
 * domain, and the partner-wide subscriptions list (active, soonest term end first). Each is
 * measured at every size, p50/p99 and SQL statements per request; {@link sizeSummary} sets the
 * sizes side by side (p99 at N ÷ p99 at the smallest N; the goal is at most 1.5, with the same
 * statements per request).
 */
export const SIZE_QUERY_NAMES = ['customers deep page', 'customers totalCount', 'customer search (name)', 'customer search (domain)', 'subscriptions list'] as const;

/** The queries of {@link SIZE_QUERY_NAMES} for the partner seeded by {@link seedPartner} with `n` customers. */
export function sizeQueries(partner: string, n: number): { name: string; query: string; owner?: SubgraphName }[] {
  const deep = Math.max(1, Math.floor(n * 0.9));
  const target = Math.max(1, n - 7);
  return [
    { name: SIZE_QUERY_NAMES[0], query: `{ customers(first: 50, after: "${encodeCursor(customerId(partner, deep))}") { edges { node { id companyName } } pageInfo { hasNextPage endCursor } } }` },
    { name: SIZE_QUERY_NAMES[1], query: `{ customers(first: 0) { totalCount } }` },
    { name: SIZE_QUERY_NAMES[2], query: `{ customers(first: 20, filter: { search: "${nameWord(target)}" }) { edges { node { id companyName domain } } } }` },
    { name: SIZE_QUERY_NAMES[3], query: `{ customers(first: 20, filter: { search: "${domainOf(partner, target)}" }) { edges { node { id companyName domain } } } }` },
    {
      name: SIZE_QUERY_NAMES[4],
      query: `{ subscriptions(first: 50, orderBy: TERM_END, filter: { status: ACTIVE }) { edges { node { id termEnd quantity customer { id } offer { name } } } pageInfo { hasNextPage endCursor } } }`,
    },
  ];
}

const serial = (g: number) => String(g).padStart(6, '0');
const customerId = (partner: string, g: number) => `${partner}-c${serial(g)}`;
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
/** The word of customer g's name, and its domain: as the seed's SQL makes them (md5 in both). */
const nameWord = (g: number) => md5(`n${g}`).slice(0, 10);
const domainOf = (partner: string, g: number) => `${md5(`d${partner}${g}`).slice(0, 10)}${g}`;

/**
 * A partner with `n` customers, a relationship each, and five subscriptions per customer (offers
 * in turn, one in twenty suspended, one in ten not renewing, term ends spread over a year), in
 * bulk SQL: COPY-speed inserts with generate_series, not the API (a benchmark is not a test;
 * 100,000 customers through createCustomer would take hours). The relationships' trigger keeps
 * the partner's customer count as the API's writes do. Names and domains are distinct words (from
 * md5), as real ones are: numbered names sharing a long prefix would make every search pattern
 * share most of its trigrams with every customer. Then ANALYZE, as after any bulk load.
 */
export async function seedPartner(db: Client, partner: string, n: number, offers: readonly string[]): Promise<void> {
  await db.query(
    `insert into customers.partner (id, name, type, partner_id, region, mpa_signed, created_at)
     values ($1, $1, 'DIRECT_BILL', $2, 'EUROPE', true, now())`,
    [partner, String(5_000_000 + n)],
  );
  await db.query(
    `insert into customers.customer (id, company_name, domain, country, segment, admin_user_name, admin_password_hash, created_by_partner_id, created_at)
     select $1 || '-c' || lpad(g::text, 6, '0'), 'Bench ' || substr(md5('n' || g), 1, 10) || ' Ltd', substr(md5('d' || $1 || g), 1, 10) || g,
            'DE', 'COMMERCIAL', 'admin', 'x', $1, now()
       from generate_series(1, $2) g`,
    [partner, n],
  );
  await db.query(
    `insert into customers.customer_relationship (id, partner_id, customer_id, status, created_at)
     select 'rel-' || c.id, $1, c.id, 'ACTIVE', now() from customers.customer c where c.created_by_partner_id = $1`,
    [partner],
  );
  await db.query(
    `insert into subscriptions.subscription (id, partner_id, customer_id, offer_id, quantity, status, auto_renew, term_start, term_end, term_duration, billing_frequency, created_at)
     select 'sub-' || c.id || '-' || o.i, $1, c.id, ($2::text[])[o.i], 10 + o.i,
            case when h % 20 = 0 then 'SUSPENDED' else 'ACTIVE' end, h % 10 <> 0,
            now() - interval '1 year' + (h % 365) * interval '1 day', now() + (h % 365) * interval '1 day', 'P1Y', 'MONTHLY', now()
       from customers.customer c cross join generate_series(1, 5) o(i)
       cross join lateral (select abs(hashtext(c.id || o.i)) as h) k
      where c.created_by_partner_id = $1`,
    [partner, offers],
  );
  // The count's rows were updated once per relationship in one statement: vacuum them, as
  // autovacuum would after a bulk load (until then each read steps over their dead versions).
  await db.query('vacuum customers.partner_customer_count');
  await db.query('analyze');
}

type Row = Record<string, string | number>;

/** Per query: p99 and statements per request at each size, and p99 at each size ÷ p99 at the smallest. */
export function sizeSummary(reads: readonly Row[], sizes: readonly number[]): Row[] {
  const summary: Row[] = [];
  const names = [...new Set(reads.map((row) => String(row.query)))];
  for (const name of names) {
    for (const users of [...new Set(reads.map((row) => row.users))]) {
      const rows = sizes.map((n) => reads.find((row) => row.query === name && row.users === users && row.customers === n && row.via === 'gateway'));
      if (rows.some((row) => !row || typeof row.p99 !== 'number')) continue;
      const line: Row = { query: name, users };
      for (const [i, n] of sizes.entries()) {
        line[`p99 ms @${n}`] = rows[i]!.p99;
        line[`sql/req @${n}`] = rows[i]!['sql/req'];
        if (i > 0) line[`p99 ×@${n}`] = Math.round((Number(rows[i]!.p99) / Math.max(1, Number(rows[0]!.p99))) * 100) / 100;
      }
      summary.push(line);
    }
  }
  return summary;
}
