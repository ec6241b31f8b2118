import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { signDevToken } from '../shared/auth/jwt';
import { CONSUMER_BATCH } from '../shared/events/consumers';
import { READ_AFTER_SQL } from '../shared/events/stream';
import { CLAIM_SQL } from '../subgraphs/customers/webhooks/delivery.store';
import { benchDatabase } from './bench-database';
import { startStackInProcess, type RunningStack } from './stack';

/**
 * `npm run bench:events` (AUD-2): how long a new event takes to reach its consumers and its
 * webhook, with the real job workers (pg-boss, woken on commit), first on an outbox holding
 * only the seed's events, then with HISTORY (default 1,000,000) events already applied in the
 * same stream and as many finished webhook deliveries. The event is RELATIONSHIP_ACCEPTED
 * (customers stream): the subscriptions subgraph applies it to its relationship facts and the
 * customers subgraph fans it out to the partner's webhook. The history is written with SQL
 * and every consumer's position moved past it, as years of applied events would leave them.
 * Each row also shows one consumer poll and one delivery claim as PostgreSQL runs them
 * (EXPLAIN ANALYZE, execution time).
 * Fresh database: embedded PostgreSQL unless DATABASE_URL is set.
 */
const HISTORY = Number(process.env.BENCH_HISTORY ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONSUMERS = ['subscriptions.relationships', 'webhooks.fan-out'];

type Gql = (token: string, query: string, variables?: Record<string, unknown>) => Promise<any>;
type Row = Record<string, string | number>;

async function main() {
  process.env.JOBS_ENABLED = 'true';
  const database = await benchDatabase('bench_events');
  const stack = await startStackInProcess(database.url);
  const db = new Client({ connectionString: database.url });
  await db.connect();
  const receiver = await startReceiver();
  const rows: Row[] = [];
  try {
    const gql = graphql(stack);
    const operator = await signDevToken({ sub: 'bench', tid: 'platform', roles: ['PLATFORM_OPERATOR'] });
    const partner = await onboard(gql, operator, 'Bench Partner', 1);
    const owner = await onboard(gql, operator, 'Bench Owner', 2);
    await gql(partner.token, `mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } errors { code message } } }`, {
      i: { url: receiver.url, events: ['RELATIONSHIP_ACCEPTED'] },
    });
    const round = () => relationshipAccepted(gql, db, receiver, partner.token, owner.token);

    rows.push(await measure('empty (the seed and the rounds only)', round, db));
    await writeHistory(db, HISTORY);
    rows.push(await measure(`${HISTORY} applied events and ${HISTORY} finished deliveries`, round, db));
    console.table(rows);
  } finally {
    await receiver.close();
    await db.end();
    await stack.stop();
    await database.drop();
  }
}

/** Rounds of one new event: how long until every consumer applied it, and until the webhook got it. */
async function measure(label: string, round: () => Promise<{ consumedMs: number; webhookMs: number }>, db: Client): Promise<Row> {
  const consumed: number[] = [];
  const webhook: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const result = await round();
    consumed.push(result.consumedMs);
    webhook.push(result.webhookMs);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const max = (values: number[]) => Math.max(...values);
  return {
    outbox: label,
    'consumers, median ms': Math.round(median(consumed)),
    'consumers, max ms': Math.round(max(consumed)),
    'webhook, median ms': Math.round(median(webhook)),
    'webhook, max ms': Math.round(max(webhook)),
    'one poll, ms': await pollMs(db),
    'one delivery claim, ms': await claimMs(db),
    'events in the outbox': await streamSize(db),
  };
}

/**
 * One event through the API: a customer of another partner accepts this partner's relationship
 * request. Times from the mutation's answer (the unit committed) to the consumers' positions
 * passing the event, and to the receiver getting it.
 */
async function relationshipAccepted(gql: Gql, db: Client, receiver: Receiver, partnerToken: string, ownerToken: string) {
  const domain = `bench-${process.pid}-${Math.random().toString(36).slice(2, 10)}.example`;
  const { customer } = await gql(ownerToken, `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } errors { code message } } }`, {
    i: { companyName: `Bench ${domain}`, country: 'DE', segment: 'COMMERCIAL', domain, agreementAcceptance: { signerName: 'Ada Bench', signerEmail: `ada@${domain}`, acceptedAt: '2026-01-01T00:00:00Z' } },
  });
  const { request } = await gql(partnerToken, `mutation { createRelationshipRequest { request { id } errors { code message } } }`);
  const admin = await signDevToken({ sub: `admin-${customer.id}`, tid: customer.id, roles: ['CUSTOMER_ADMIN'] });
  const received = receiver.waitFor(customer.id);
  const head = (await db.query(`select coalesce((select position from platform.outbox_head where source = 'customers'), 0) as position`)).rows[0].position;
  await gql(admin, `mutation($i: AcceptRelationshipRequestInput!) { acceptRelationshipRequest(input: $i) { customer { id } errors { code message } } }`, { i: { requestId: request.id } });
  const committed = performance.now();
  // The event is past the head read before the mutation (found by the primary key, whatever the history).
  const { rows } = await db.query(
    `select position from platform.outbox_event where source = 'customers' and position > $1 and type = 'RELATIONSHIP_ACCEPTED' and resource_id = $2 order by position limit 1`,
    [head, customer.id],
  );
  const position = rows[0].position;
  for (;;) {
    const applied = await db.query(`select count(*)::int as n from platform.consumer_position where source = 'customers' and consumer = any($1) and position >= $2`, [CONSUMERS, position]);
    if (applied.rows[0].n === CONSUMERS.length) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const consumedMs = performance.now() - committed;
  await received;
  return { consumedMs, webhookMs: performance.now() - committed };
}

/**
 * `n` RELATIONSHIP_ACCEPTED events in the customers stream, applied by every consumer (their
 * positions moved past them), and `n` delivered webhook deliveries of a deleted webhook.
 */
async function writeHistory(db: Client, n: number): Promise<void> {
  const started = performance.now();
  const base = Number((await db.query(`select coalesce((select position from platform.outbox_head where source = 'customers'), 0) as position`)).rows[0].position);
  await db.query(
    `insert into platform.outbox_event (source, position, id, type, tenant_id, resource_type, resource_id, data, user_id, occurred_at)
     select 'customers', $2::bigint + g, 'evt_history_' || g, 'RELATIONSHIP_ACCEPTED', 'ptn-history', 'Customer', 'cus-history-' || g,
            jsonb_build_object('v', 1, 'partnerId', 'ptn-history', 'customerId', 'cus-history-' || g, 'indirectResellerId', null), 'history', now()
       from generate_series(1, $1) g`,
    [n, base],
  );
  await db.query(`update platform.outbox_head set position = position + $1 where source = 'customers'`, [n]);
  await db.query(`update platform.consumer_position p set position = h.position from platform.outbox_head h where h.source = p.source and p.source = 'customers'`);
  await db.query(`insert into platform.webhook (id, tenant_id, url, events, secret, created_by, created_at, deleted_at)
                  values ('whk_history', 'ptn-history', 'https://history.example/hooks', '["RELATIONSHIP_ACCEPTED"]', 'whsec_history', 'history', now(), now())`);
  await db.query(
    `insert into platform.webhook_delivery (id, webhook_id, tenant_id, event_id, event_source, event_position, event_type, status, attempts, delivered_at, created_at)
     select 'whd_history_' || g, 'whk_history', 'ptn-history', 'evt_history_' || g, 'customers', $2::bigint + g, 'RELATIONSHIP_ACCEPTED', 'DELIVERED', 1, now(), now()
       from generate_series(1, $1) g`,
    [n, base],
  );
  await db.query('analyze platform.outbox_event');
  await db.query('analyze platform.webhook_delivery');
  console.log(`history of ${n} applied events and ${n} delivered deliveries written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function streamSize(db: Client): Promise<number> {
  return (await db.query(`select count(*)::int as n from platform.outbox_event`)).rows[0].n;
}

/** One consumer's poll at the end of the customers stream, as the database runs it. */
async function pollMs(db: Client): Promise<number> {
  const { rows } = await db.query(`select position from platform.consumer_position where consumer = 'subscriptions.relationships' and source = 'customers'`);
  let index = 0;
  const sql = READ_AFTER_SQL.replace(/\?/g, () => `$${(index += 1)}`);
  const plan = await db.query(`explain (analyze, format json) ${sql}`, ['customers', rows[0].position, CONSUMER_BATCH]);
  return plan.rows[0]['QUERY PLAN'][0]['Execution Time'];
}

/** One claim of due deliveries (none are due between rounds), as the database runs it. */
async function claimMs(db: Client): Promise<number> {
  let index = 0;
  const sql = CLAIM_SQL.replace(/\?/g, () => `$${(index += 1)}`);
  const plan = await db.query(`explain (analyze, format json) ${sql}`, [70_000, new Date().toISOString(), 16]);
  return plan.rows[0]['QUERY PLAN'][0]['Execution Time'];
}

async function onboard(gql: Gql, operator: string, name: string, n: number) {
  const { partner } = await gql(operator, `mutation($i: OnboardPartnerInput!) { onboardPartner(input: $i) { partner { id } errors { code message } } }`, {
    i: { name, type: 'DIRECT_BILL', partnerId: String(7_100_000 + n * 10_000 + (process.pid % 10_000)), region: 'EUROPE', mpaSigned: true },
  });
  return { id: partner.id as string, token: await signDevToken({ sub: `bench-${n}`, tid: partner.id, roles: ['ADMIN_AGENT'] }) };
}

function graphql(stack: RunningStack): Gql {
  return async (token, query, variables) => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    const payload = Object.values(body.data ?? {})[0] as { errors?: unknown[] };
    if (payload?.errors?.length) throw new Error(JSON.stringify(payload.errors));
    return payload;
  };
}

interface Receiver {
  url: string;
  waitFor: (resourceId: string) => Promise<void>;
  close: () => Promise<void>;
}

/** A partner's endpoint answering 200; resolves waiters when a body names their resource. */
async function startReceiver(): Promise<Receiver> {
  const waiting = new Map<string, () => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      res.end('ok');
      const resourceId = JSON.parse(Buffer.concat(chunks).toString('utf8')).data?.resourceId;
      waiting.get(resourceId)?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    waitFor: (resourceId) => new Promise<void>((resolve) => waiting.set(resourceId, resolve)),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
