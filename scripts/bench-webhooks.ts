import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { signDevToken } from '../shared/auth/jwt';
import { consumePending } from '../shared/events/consumers';
import type { SubgraphRuntime } from '../shared/jobs/due-queue';
import type { CustomersLoaders } from '../subgraphs/customers/loaders';
import { webhookDeliveries } from '../subgraphs/customers/webhooks/delivery.queue';
import { webhookFanOut } from '../subgraphs/customers/webhooks/fan-out.consumer';
import { webhookService } from '../subgraphs/customers/webhooks/webhook.service';
import { runUnit } from '../shared/unit-of-work';
import { benchDatabase } from './bench-database';
import { startStackInProcess, type RunningStack } from './stack';

/**
 * `npm run bench:webhooks` (AUD-2): how fast one worker delivers webhooks (N outbox events for
 * one webhook, a local receiver answering 200), and the latency of `updateSubscriptionQuantity`
 * through the gateway (sequential calls, p50/p99) when idle and while the worker drains a
 * backlog to a slow receiver: sending happens outside business transactions, so the second
 * row should match the first. Fresh database: embedded PostgreSQL unless DATABASE_URL is set.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const SLOW_RECEIVER_MS = Number(process.env.BENCH_SLOW_MS ?? 200);

type Row = Record<string, string | number>;

async function main() {
  // One worker: the stack's own pg-boss workers would deliver too and blur the measure.
  process.env.JOBS_ENABLED = 'false';
  const database = await benchDatabase('bench_webhooks');
  const stack = await startStackInProcess(database.url);
  const db = new Client({ connectionString: database.url });
  await db.connect();
  const receiver = await startReceiver();
  const rows: Row[] = [];
  try {
    const gql = graphql(stack);
    const { partnerId, token, subscriptionId } = await seed(gql);
    const runtime = stack.subgraphs.customers.runtime as SubgraphRuntime<CustomersLoaders>;
    // Through the service rather than the gateway, so the benchmark does not depend on the composed supergraph file.
    const owner = runtime.contextFor({ userId: 'bench', tenantId: partnerId, tenantKind: 'PARTNER', partnerType: 'DIRECT_BILL', roles: ['ADMIN_AGENT'] });
    await runUnit(owner, (tx) => webhookService.create(tx, { url: receiver.url, events: ['SUBSCRIPTION_UPDATED'] }));

    await emitEvents(db, partnerId, EVENTS);
    let started = performance.now();
    const fannedOut = await consumePending(runtime, webhookFanOut);
    const fanOutMs = performance.now() - started;
    started = performance.now();
    const { webhooksDelivered = 0 } = await webhookDeliveries.run(runtime);
    const deliverMs = performance.now() - started;
    rows.push({ measure: 'fan-out (events → deliveries)', count: fannedOut, seconds: +(fanOutMs / 1000).toFixed(2), perSecond: Math.round(fannedOut / (fanOutMs / 1000)) });
    rows.push({ measure: 'deliveries, one worker, receiver 200', count: webhooksDelivered, seconds: +(deliverMs / 1000).toFixed(2), perSecond: Math.round(webhooksDelivered / (deliverMs / 1000)) });

    const mutate = (quantity: number) =>
      gql(token, `mutation($i: UpdateSubscriptionQuantityInput!) { updateSubscriptionQuantity(input: $i) { subscription { quantity } errors { code } } }`, { i: { subscriptionId, quantity } });
    rows.push({ measure: 'updateSubscriptionQuantity, idle', ...(await latencies(mutate)) });

    receiver.delayMs = SLOW_RECEIVER_MS;
    await emitEvents(db, partnerId, EVENTS);
    await consumePending(runtime, webhookFanOut);
    const draining = webhookDeliveries.run(runtime);
    rows.push({ measure: `updateSubscriptionQuantity, while delivering to a ${SLOW_RECEIVER_MS} ms receiver`, ...(await latencies(mutate)) });
    await draining;
    console.table(rows);
  } finally {
    await receiver.close();
    await db.end();
    await stack.stop();
    await database.drop();
  }
}

type Gql = (token: string, query: string, variables?: Record<string, unknown>) => Promise<any>;

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

/** A partner, a customer and one subscription, made through the API as a partner would. */
async function seed(gql: Gql) {
  const operator = await signDevToken({ sub: 'bench', tid: 'platform', roles: ['PLATFORM_OPERATOR'] });
  const { partner } = await gql(operator, `mutation($i: OnboardPartnerInput!) { onboardPartner(input: $i) { partner { id } errors { code message } } }`, {
    i: { name: 'Bench Partner', type: 'DIRECT_BILL', partnerId: String(7_000_000 + (process.pid % 1_000_000)), region: 'EUROPE', mpaSigned: true },
  });
  const token = await signDevToken({ sub: 'bench', tid: partner.id, roles: ['ADMIN_AGENT'] });
  const { customer } = await gql(token, `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } errors { code message } } }`, {
    i: { companyName: 'Bench GmbH', country: 'DE', segment: 'COMMERCIAL', domain: `bench${process.pid}.example`,
         agreementAcceptance: { signerName: 'Ada Bench', signerEmail: 'ada@bench.example', acceptedAt: '2026-01-01T00:00:00Z' } },
  });
  const { cart } = await gql(token, `mutation($i: CreateCartInput!) { createCart(input: $i) { cart { id } errors { code message } } }`, {
    i: { customerId: customer.id, lines: [{ offerId: 'offer-m365-e3-no-teams', quantity: 10 }] },
  });
  const { order } = await gql(token, `mutation($i: CheckoutCartInput!) { checkoutCart(input: $i) { order { lines { subscription { id } } } errors { code message } } }`, {
    i: { cartId: cart.id, attestationAccepted: true },
  });
  return { partnerId: partner.id as string, token, subscriptionId: order.lines[0].subscription.id as string };
}

/** N SUBSCRIPTION_UPDATED events in the subscriptions stream, at positions taken from its head as units of work take them, in one statement. */
async function emitEvents(db: Client, tenantId: string, n: number) {
  await db.query(
    `with head as (
       insert into platform.outbox_head as h (source, position) values ('subscriptions', $2)
       on conflict (source) do update set position = h.position + excluded.position returning position)
     insert into platform.outbox_event (source, position, id, type, tenant_id, resource_type, resource_id, data, user_id, occurred_at)
     select 'subscriptions', head.position - $2 + g, 'evt_bench_' || md5(random()::text || g), 'SUBSCRIPTION_UPDATED', $1, 'Subscription', 'sub_bench_' || g,
            jsonb_build_object('v', 1, 'status', 'ACTIVE', 'quantity', g, 'offerId', 'offer-bench', 'customerId', 'cus-bench', 'autoRenew', true,
                               'termStart', '2026-01-01T00:00:00.000Z', 'termEnd', '2026-12-31T23:59:59.999Z'), 'bench',
            clock_timestamp() + (select offset_ms from platform.business_clock where id = 1) * interval '1 millisecond'
       from head, generate_series(1, $2) g`,
    [tenantId, n],
  );
}

/** Sequential calls alternating the quantity (up, then back down within the 168-hour window). */
async function latencies(call: (quantity: number) => Promise<unknown>): Promise<Row> {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await call(i % 2 === 0 ? 11 : 10).catch(() => (errors += 1));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => +times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)].toFixed(1);
  return { count: CALLS, p50ms: at(0.5), p99ms: at(0.99), errors };
}

async function startReceiver() {
  const receiver = { url: '', delayMs: 0, close: async () => {} };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => res.end('ok'), receiver.delayMs));
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
