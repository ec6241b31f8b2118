import { ACCEPT_REQUEST, CREATE_REQUEST, customerToken, payload, REMOVE_RELATIONSHIP } from '../customers/helpers';
import { signDevToken } from '../../shared/auth/jwt';
import { numberedPlaceholders } from '../../shared/db/prepared';
import { recordStatementsWithParams } from '../../shared/db/sql-stats';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';

/**
 * The reads a partner with 100,000 customers makes as often as one with 100 (docs/platform.md,
 * "Large partners"): the dashboard's first page, a page deep in the customer list by cursor, the
 * customer count, a search by name or domain, and the partner-wide subscriptions list. Their
 * timings are measured by `npm run bench` (BENCH_SIZES); here, what makes them independent of
 * the number of rows: the statements each request runs, and the plan of each statement.
 */
const READS = {
  dashboard: `{ customers(first: 50) { edges { node { companyName subscriptions(first: 10) { edges { node { quantity status offer { name price(market: "DE") { amount } } } } } } } } }`,
  deepPage: `query($after: String) { customers(first: 2, after: $after) { edges { node { id companyName } } pageInfo { hasNextPage endCursor } } }`,
  totalCount: `{ customers(first: 1) { totalCount } }`,
  search: `query($search: String) { customers(first: 20, filter: { search: $search }) { edges { node { id companyName domain } } } }`,
  subscriptions: `query($after: String) { subscriptions(first: 3, orderBy: TERM_END, filter: { status: ACTIVE }, after: $after) {
    edges { node { id termEnd quantity customer { id } offer { name } } } pageInfo { endCursor } } }`,
  // The operator's list (ACT-2: the platform identity sees every partner's subscriptions).
  operatorTermEnd: `query($after: String) { subscriptions(first: 3, orderBy: TERM_END, filter: { status: ACTIVE }, after: $after) {
    edges { node { id termEnd quantity customer { id } offer { name } } } pageInfo { endCursor } } }`,
  operatorTermEndAll: `query($after: String) { subscriptions(first: 3, orderBy: TERM_END, after: $after) {
    edges { node { id termEnd quantity customer { id } offer { name } } } pageInfo { endCursor } } }`,
  operatorCreated: `query($after: String) { subscriptions(first: 3, orderBy: CREATED, after: $after) {
    edges { node { id termEnd quantity customer { id } offer { name } } } pageInfo { endCursor } } }`,
};
type Read = keyof typeof READS;
/** Reads the programme operator makes: with its token, the same whichever partner is large. */
const OPERATOR_READS = new Set<Read>(['operatorTermEnd', 'operatorTermEndAll', 'operatorCreated']);

/** Tables whose rows grow with a partner's customers: no plan may read them whole. */
const PARTNER_TABLES = new Set(['customer', 'customer_relationship', 'subscription', 'partner_customer_count']);

/** The row counts the planner is told of (a partner with 100,000 customers and 500,000 subscriptions). */
const AT_SCALE = { 'customers.customer': 100_000, 'customers.customer_relationship': 100_000, 'subscriptions.subscription': 500_000 };

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** The scans of partner tables in a plan, with the bitmap index scans under them. */
function scans(node: PlanNode, out: PlanNode[] = [], underPartnerTable = false): PlanNode[] {
  const partnerTable = Boolean(node['Relation Name'] && PARTNER_TABLES.has(node['Relation Name']));
  if (partnerTable || (underPartnerTable && node['Node Type'] === 'Bitmap Index Scan')) out.push(node);
  for (const child of node.Plans ?? []) scans(child, out, partnerTable || (underPartnerTable && node['Node Type'] === 'BitmapOr'));
  return out;
}

/** Whether a plan sorts rows (a list read in index order never does). */
function sorts(node: PlanNode): boolean {
  return /Sort$/.test(node['Node Type']) || (node.Plans ?? []).some(sorts);
}

/**
 * What makes each read independent of the number of rows, as an index and its condition in the
 * plan: the search through the trigram indexes; the deep page starting inside the partner's
 * relationships at its cursor; the count from the kept count; the subscription list starting at
 * its cursor's (term end, id); each customer's subscriptions found by customer.
 */
const BOUNDED_BY: Record<Read, RegExp[]> = {
  dashboard: [/^customer_relationship_active .*partner_id = /, /^subscription_customer_partner .*customer_id = /],
  deepPage: [/^customer_relationship_active .*customer_id > /],
  totalCount: [/^partner_customer_count_pkey .*partner_id = /],
  search: [/^customer_(company_name|domain)_trgm .*~~\*/],
  subscriptions: [/^subscription_partner_status_term_end .*ROW\(term_end, id\) > ROW\(/],
  operatorTermEnd: [/^subscription_status_term_end .*ROW\(term_end, id\) > ROW\(/],
  operatorTermEndAll: [/^subscription_term_end .*ROW\(term_end, id\) > ROW\(/],
  operatorCreated: [/^subscription_pkey .*id > /],
};

interface Sized {
  partner: TestPartner;
  customers: { id: string; domain: string; companyName: string }[];
}

describe('large partners: reads independent of the number of customers', () => {
  const t = useStack();
  const sized: Record<'small' | 'large', Sized> = {} as never;

  async function partnerWith(count: number, tag: string): Promise<Sized> {
    const partner = await onboardPartner(t);
    const customers: Sized['customers'] = [];
    for (let i = 0; i < count; i++) {
      const companyName = `${tag} Holding ${i} ${i % 2 ? 'Contoso' : 'Fabrikam'}`;
      const customer = await createCustomer(t, partner, { companyName });
      customers.push({ ...customer, companyName });
      const { payload: bought } = await buy(t, partner, customer.id, [
        { offerId: 'offer-m365-e3-no-teams', quantity: 2 },
        { offerId: 'offer-power-bi-pro', quantity: 1, termDuration: 'P1M', billingFrequency: 'MONTHLY' },
      ]);
      expect(bought.errors).toEqual([]);
    }
    return { partner, customers };
  }

  /** The token a read is made with: the partner's, or the operator's for its own reads. */
  const tokenFor = (read: Read, size: 'small' | 'large') =>
    OPERATOR_READS.has(read) ? signDevToken({ sub: 'operator', tid: 'platform', roles: ['PLATFORM_OPERATOR'] }) : sized[size].partner.token();

  /** Variables of each read for a partner: a cursor 90% deep, a search for one customer's name or domain. */
  async function variablesOf(read: Read, { partner, customers }: Sized, token: string): Promise<Record<string, unknown>> {
    if (read === 'deepPage') {
      const all = dataOf(await t.gql(token, `{ customers(first: 100) { edges { cursor } } }`)).customers.edges;
      return { after: all[Math.floor(all.length * 0.9) - 1].cursor };
    }
    if (read === 'search') return { search: customers[customers.length - 1].domain.slice(0, 12) };
    if (read === 'subscriptions' || OPERATOR_READS.has(read)) {
      const first = dataOf(await t.gql(token, READS[read], {})).subscriptions;
      return { after: first.pageInfo.endCursor };
    }
    void partner;
    return {};
  }

  beforeAll(async () => {
    sized.small = await partnerWith(3, 'Small');
    sized.large = await partnerWith(12, 'Large');
  });

  it.each(Object.keys(READS) as Read[])('ACT-2: %s runs the same SQL statements for a partner with 3 customers and one with 12', async (read) => {
    const counts: number[] = [];
    for (const size of ['small', 'large'] as const) {
      const token = await tokenFor(read, size);
      const variables = await variablesOf(read, sized[size], token);
      await t.gql(token, READS[read], variables); // warm-up: tenant lookup cache, prepared statements
      const { body, statements } = await t.countedGql(token, READS[read], variables);
      expect(body.errors).toBeUndefined();
      counts.push(statements);
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  });

  /*
   * A test database holds a few dozen rows: PostgreSQL reads a table that small whole whatever
   * the indexes, because that is cheaper. Seeding the 100,000 rows at which it stops doing so
   * through the API would take far longer than a test may, so the planner is told the sizes
   * instead: within a transaction that is rolled back, the tables' statistics say 100,000
   * customers and relationships and 500,000 subscriptions, 90% of them this partner's
   * (PostgreSQL's pg_restore_relation_stats / pg_restore_attribute_stats, which pg_dump uses to
   * carry statistics over; no row is written). Each statement the request ran is then explained
   * as the planner would plan it at that size, for the large partner and for a small one beside
   * it, with the request's values and as the one generic plan of a prepared statement (a search
   * is never prepared): no sequential scan of a partner table, the indexes that make the read
   * independent of N, and an estimated cost that stays put when the statistics say ten times as
   * many rows (while reading the partner's relationships, what counting them did, costs ten times
   * as much).
   */
  /** Statistics of 100,000 customers and relationships and 500,000 subscriptions, 90% of them the large partner's. */
  async function tellPlannerTheSizes(scale = 1) {
    for (const [table, rows] of Object.entries(AT_SCALE)) {
      // The table and each of its indexes (a partial index is sized from its own statistics), at their real pages.
      const { rows: relations } = await t.db.query(
        `select n.nspname as schema, c.relname as name, greatest(1, pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.oid = $1::regclass or c.oid in (select indexrelid from pg_index where indrelid = $1::regclass)`,
        [table],
      );
      for (const relation of relations) {
        await t.db.query(`select pg_restore_relation_stats('schemaname', $1::text, 'relname', $2::text, 'relpages', $3::integer, 'reltuples', $4::real)`, [relation.schema, relation.name, relation.pages, rows * scale]);
      }
    }
    const partner = sized.large.partner.id;
    const columns: [table: string, column: string, values: string[], freqs: number[], distinct: number][] = [
      ['customers.customer_relationship', 'partner_id', [partner], [0.9], 1000 * scale],
      ['customers.customer_relationship', 'status', ['ACTIVE'], [1], 1],
      ['subscriptions.subscription', 'partner_id', [partner], [0.9], 1000 * scale],
      ['subscriptions.subscription', 'status', ['ACTIVE', 'SUSPENDED', 'EXPIRED', 'CANCELLED'], [0.85, 0.05, 0.05, 0.05], 4],
    ];
    for (const [table, column, values, freqs, distinct] of columns) {
      const [schemaname, relname] = table.split('.');
      const common = values.length ? `, 'most_common_vals', $5::text, 'most_common_freqs', $6::real[]` : '';
      await t.db.query(
        `select pg_restore_attribute_stats('schemaname', $1::text, 'relname', $2::text, 'attname', $3::text, 'inherited', false,
           'null_frac', 0::real, 'avg_width', 36, 'n_distinct', $4::real${common})`,
        [schemaname, relname, column, distinct, ...(values.length ? [`{${values.join(',')}}`, freqs] : [])],
      );
    }
  }

  /**
   * The plans of the statements one request of `read` ran for `who`: as planned for the request's
   * values, or (`generic`) as the one plan PostgreSQL may keep for every value of a prepared
   * statement (what it runs after a few executions when that plan looks no dearer).
   */
  async function plansOf(read: Read, who: 'large' | 'small', generic: boolean, scale = 1) {
    const token = await tokenFor(read, who);
    const variables = await variablesOf(read, sized[who], token);
    const { result, statements } = await recordStatementsWithParams(() => t.gql(token, READS[read], variables));
    expect(result.errors).toBeUndefined();
    const explained: { sql: string; cost: number; scans: PlanNode[]; sorted: boolean }[] = [];
    let partnerRowsCost = 0;
    await t.db.query('begin');
    try {
      await tellPlannerTheSizes(scale);
      const explain = async (sql: string, params: unknown[]) => (await t.db.query(`explain (format json) ${sql}`, params)).rows[0]['QUERY PLAN'][0].Plan;
      // The yardstick: reading the large partner's relationships once, as counting them did.
      partnerRowsCost = (await explain(`select count(*) from customers.customer_relationship where partner_id = $1 and status = 'ACTIVE'`, [sized.large.partner.id]))['Total Cost'];
      if (generic) await t.db.query('set local plan_cache_mode = force_generic_plan');
      for (const [i, statement] of statements.filter((s) => /^\s*select/i.test(s.sql)).entries()) {
        const text = numberedPlaceholders(statement.sql)!;
        const params = statement.params as unknown[];
        if (!generic) {
          const plan = await explain(text, params);
          explained.push({ sql: statement.sql, cost: plan['Total Cost'], scans: scans(plan), sorted: sorts(plan) });
          continue;
        }
        await t.db.query(`prepare read_${i} as ${text}`);
        const plan = await explain(`execute read_${i}(${params.map(literal).join(', ')})`, []);
        explained.push({ sql: statement.sql, cost: plan['Total Cost'], scans: scans(plan), sorted: sorts(plan) });
      }
    } finally {
      await t.db.query('rollback');
      if (generic) await t.db.query('deallocate all');
    }
    return { partnerRowsCost, partnerScans: explained.filter((e) => e.scans.length) };
  }

  /** A value as an SQL literal (EXECUTE takes no bind parameters). */
  function literal(value: unknown): string {
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value instanceof Date) return t.db.escapeLiteral(value.toISOString());
    if (Array.isArray(value)) return t.db.escapeLiteral(`{${value.map((item) => JSON.stringify(String(item))).join(',')}}`);
    return t.db.escapeLiteral(String(value));
  }

  // The large partner's plans for its values and the one generic plan (the same for every partner: a
  // search is never prepared); a small partner's plans for its values, beside the large one.
  // The operator's reads do not depend on the partner: planned once for its values and once generic.
  const PLANS = (Object.keys(READS) as Read[]).flatMap((read) => [
    [read, 'large', false] as const,
    ...(read === 'search' ? [] : [[read, 'large', true] as const]),
    ...(OPERATOR_READS.has(read) ? [] : [[read, 'small', false] as const]),
  ]);

  it.each(PLANS)('ACT-2: %s of the %s partner (generic plan: %s): EXPLAIN at 100,000 customers / 500,000 subscriptions shows no sequential scan of a partner\'s rows, the indexes that bound the read, and a cost that does not grow with 10 times the rows', async (read, who, generic) => {
    const { partnerRowsCost, partnerScans } = await plansOf(read, who, generic);
    const tenfold = await plansOf(read, who, generic, 10);
    expect(partnerScans.length).toBeGreaterThan(0);
    expect(tenfold.partnerRowsCost).toBeGreaterThan(5 * partnerRowsCost); // the yardstick does grow
    for (const [i, { sql, cost, scans: nodes, sorted }] of partnerScans.entries()) {
      expect({ sql, seqScans: nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name']) }).toEqual({ sql, seqScans: [] });
      // The planner's cost of each statement stays put when the partner has ten times the rows, and
      // stays below reading the partner's relationships once.
      // (Not a search: the planner prices a `%…%` pattern as matching a fixed share of the rows,
      // however selective it is; that the trigram indexes serve it is what is checked below.)
      const grown = tenfold.partnerScans[i]?.cost ?? Infinity;
      // (Nor the operator's generic plan: with no partner in its condition, the planner prices a page
      // of `limit $n` as a tenth of all rows; what bounds the read is that it walks the index in the
      // list's order from the cursor and stops at the page, with no sort, which is checked instead.)
      if (OPERATOR_READS.has(read)) expect({ sql, sorted }).toEqual({ sql, sorted: false });
      const flat = read === 'search' || (OPERATOR_READS.has(read) && generic) || grown <= cost * 1.5 + 1;
      expect({ sql, cost, grown, flat, belowOneRead: cost < partnerRowsCost }).toEqual({ sql, cost, grown, flat: true, belowOneRead: true });
    }
    const indexes = partnerScans.flatMap((e) => e.scans.filter((node) => node['Index Name']).map((node) => `${node['Index Name']} ${node['Index Cond'] ?? ''}`));
    // A small partner's own rows are few: reading them by partner is as good as any bound.
    if (who === 'small') return;
    for (const bound of BOUNDED_BY[read]) expect([read, String(bound), indexes.some((index) => bound.test(index))]).toEqual([read, String(bound), true]);
  });

  it('customers { totalCount } reads the kept count of the partner, never its customers, and stays exact through creation, concurrent creation, acceptance and removal (REL-1, REL-2)', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token();
    const total = async () => dataOf(await t.gql(token, READS.totalCount)).customers.totalCount as number;
    const listed = async () => dataOf(await t.gql(token, `{ customers(first: 100) { edges { node { id } } } }`)).customers.edges.length as number;
    expect(await total()).toBe(0);
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await createCustomer(t, partner));
    // Concurrent writes of one partner: none lost.
    mine.push(...(await Promise.all(Array.from({ length: 6 }, () => createCustomer(t, partner)))));
    expect([await total(), await listed()]).toEqual([9, 9]);
    // REL-2: an existing customer of another partner accepts this partner's request.
    const other = await onboardPartner(t);
    const shared = await createCustomer(t, other);
    const request = (await payload(t, token, CREATE_REQUEST, {})).request;
    expect((await payload(t, await customerToken(t, shared.id), ACCEPT_REQUEST, { requestId: request.id })).errors).toEqual([]);
    expect([await total(), await listed()]).toEqual([10, 10]);
    expect(dataOf(await t.gql(await other.token(), READS.totalCount)).customers.totalCount).toBe(1);
    // REL-7: a relationship without subscriptions is removed.
    expect((await payload(t, token, REMOVE_RELATIONSHIP, { customerId: mine[0].id })).errors).toEqual([]);
    expect([await total(), await listed()]).toEqual([9, 9]);

    const { body, sql } = await t.countedGql(token, READS.totalCount);
    expect(dataOf(body).customers.totalCount).toBe(9);
    expect(sql.filter((statement) => /partner_customer_count/.test(statement))).toHaveLength(1);
    expect(sql.filter((statement) => /count\(/i.test(statement) && /customer_relationship/.test(statement))).toEqual([]);
    // A filtered list counts what it matches, on every page (the cursor does not count).
    expect(dataOf(await t.gql(token, `query($s: String) { customers(filter: { search: $s }) { totalCount } }`, { s: mine[1].domain })).customers.totalCount).toBe(1);
    const searched = `query($after: String) { customers(first: 2, after: $after, filter: { search: "Customer" }) { totalCount pageInfo { endCursor } edges { node { id } } } }`;
    const firstPage = dataOf(await t.gql(token, searched)).customers;
    const secondPage = dataOf(await t.gql(token, searched, { after: firstPage.pageInfo.endCursor })).customers;
    expect([firstPage.totalCount, secondPage.totalCount, secondPage.edges.length]).toEqual([9, 9, 2]);
    // So does a partner's whole list.
    const whole = `query($after: String) { customers(first: 4, after: $after) { totalCount pageInfo { endCursor } } }`;
    expect(dataOf(await t.gql(token, whole, { after: dataOf(await t.gql(token, whole)).customers.pageInfo.endCursor })).customers.totalCount).toBe(9);
  });
});
