import type { Client } from 'pg';

/** What a write phase did: successes per second, CONFLICTs and every other outcome counted. */
export interface WriteResult {
  operation: string;
  perSecond: number;
  ok: number;
  conflicts: number;
  refused: number;
  failed: number;
  lostUpdates: number | string;
}

/** Measures around one write phase (scripts/bench-writes-run.ts: statements, waits, CPU per success). */
export interface PhaseProbe {
  start: () => Promise<void>;
  stop: (operation: string, successes: number) => Promise<void>;
}

type Post = (query: string, variables: Record<string, unknown>) => Promise<{ data?: any; errors?: { extensions?: { code?: string } }[] }>;

/** Concurrent clients (BENCH_CLIENTS, default 10; 1 gives what one write costs with nothing else running). */
export function writeClients(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.BENCH_CLIENTS);
  return Number.isInteger(configured) && configured > 0 ? configured : 10;
}
const CLIENTS = writeClients();

/** Whether the quantity-update phases run after the checkouts (BENCH_UPDATES=0: checkouts alone, e.g. to profile them). */
export function writeUpdates(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BENCH_UPDATES?.trim() !== '0';
}
const OFFER = 'offer-m365-e3-no-teams';
const CART = `mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id } errors { code message } } }`;
const CHECKOUT = `mutation($input: CheckoutCartInput!) { checkoutCart(input: $input) { order { id lines { subscription { id } } } errors { code message rule } } }`;
const UPDATE = `mutation($input: UpdateSubscriptionQuantityInput!) { updateSubscriptionQuantity(input: $input) { subscription { id quantity version } errors { code message rule } } }`;

/** Runs `step` in CLIENTS concurrent loops for `seconds`. */
async function clients(seconds: number, step: (client: number, i: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; performance.now() < end; i++) await step(client, i);
    }),
  );
  return (performance.now() - started) / 1000;
}

function outcome(response: Awaited<ReturnType<Post>>, payload: { errors?: unknown[] } | undefined): 'ok' | 'conflict' | 'refused' | 'failed' {
  if (response.errors?.length) return response.errors[0].extensions?.code === 'CONFLICT' ? 'conflict' : 'failed';
  if (!payload) return 'failed';
  return payload.errors?.length ? 'refused' : 'ok';
}

/**
 * Checkouts (cart + checkout of one line, one customer per client), then quantity updates of
 * five of the bought subscriptions shared by all clients, so they collide, then of one bought
 * subscription per client, so nothing collides: every CONFLICT is counted, and afterwards each
 * subscription's row must show exactly the successful updates ({@link lostUpdate}).
 * `warmupSeconds`: checkouts first for that long, not measured, as `npm run bench` warms each row
 * (a process that had just started spent the first seconds of the first phase on the JIT).
 */
export async function writeBenchmark(post: Post, db: Client, customerIds: string[], seconds: number, probe?: PhaseProbe, warmupSeconds = 0): Promise<WriteResult[]> {
  const bought: string[] = [];
  /** The first subscription each client bought. */
  const boughtBy = new Map<number, string>();
  const checkouts = { ok: 0, conflict: 0, refused: 0, failed: 0 };
  const checkout = async (client: number, counts: typeof checkouts, keep: boolean) => {
    const cart = await post(CART, { input: { customerId: customerIds[client % customerIds.length], lines: [{ offerId: OFFER, quantity: 5, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }] } });
    const cartId = cart.data?.createCart?.cart?.id;
    if (!cartId) {
      counts[outcome(cart, cart.data?.createCart)] += 1;
      return;
    }
    const response = await post(CHECKOUT, { input: { cartId, attestationAccepted: true } });
    const result = outcome(response, response.data?.checkoutCart);
    counts[result] += 1;
    if (result === 'ok' && keep) {
      const id = response.data.checkoutCart.order.lines[0].subscription.id;
      bought.push(id);
      if (!boughtBy.has(client)) boughtBy.set(client, id);
    }
  };
  if (warmupSeconds > 0) {
    const warmup = { ok: 0, conflict: 0, refused: 0, failed: 0 };
    await clients(warmupSeconds, (client) => checkout(client, warmup, false));
  }
  await probe?.start();
  const checkoutSeconds = await clients(seconds, (client) => checkout(client, checkouts, true));
  await probe?.stop('checkoutCart', checkouts.ok);
  const results: WriteResult[] = [
    { operation: 'checkoutCart', perSecond: round(checkouts.ok / checkoutSeconds), ok: checkouts.ok, conflicts: checkouts.conflict, refused: checkouts.refused, failed: checkouts.failed, lostUpdates: '—' },
  ];
  if (!writeUpdates()) return results;
  const targets = bought.slice(0, 5);
  if (!targets.length) return [...results, { operation: 'updateSubscriptionQuantity', perSecond: 0, ok: 0, conflicts: 0, refused: 0, failed: 0, lostUpdates: 'no subscription bought' }];
  // Ten clients on five subscriptions: they collide, and SUB-11 answers one of two CONFLICT.
  results.push(await updates(post, db, 'updateSubscriptionQuantity', targets, (client, i) => targets[(client + i) % targets.length], seconds, probe));
  // Each client on a subscription of its own: what the writes cost when nothing collides.
  const own = Array.from({ length: CLIENTS }, (_, client) => boughtBy.get(client));
  if (own.every((id): id is string => id !== undefined)) {
    results.push(await updates(post, db, 'updateSubscriptionQuantity (own)', own, (client) => own[client], seconds, probe));
  }
  return results;
}

/**
 * One phase of quantity updates: each client updates the subscription `pick` names for its i-th
 * call; every CONFLICT is counted, and afterwards each subscription's row must show exactly the
 * successful updates ({@link lostUpdate}).
 */
async function updates(
  post: Post,
  db: Client,
  operation: string,
  targets: string[],
  pick: (client: number, i: number) => string,
  seconds: number,
  probe: PhaseProbe | undefined,
): Promise<WriteResult> {
  const initial = await versions(db, targets);
  const wins = new Map<string, State[]>(targets.map((id) => [id, []]));
  const counts = { ok: 0, conflict: 0, refused: 0, failed: 0 };
  await probe?.start();
  const elapsed = await clients(seconds, async (client, i) => {
    const subscriptionId = pick(client, i);
    const quantity = 1 + ((client * 7 + i * 13) % 40);
    const response = await post(UPDATE, { input: { subscriptionId, quantity } });
    const result = outcome(response, response.data?.updateSubscriptionQuantity);
    counts[result] += 1;
    if (result === 'ok') wins.get(subscriptionId)!.push(response.data.updateSubscriptionQuantity.subscription);
  });
  await probe?.stop(operation, counts.ok);
  const final = await versions(db, targets);
  const lost = targets.filter((id) => lostUpdate(initial.get(id)!, final.get(id)!, wins.get(id)!)).length;
  return { operation, perSecond: round(counts.ok / elapsed), ok: counts.ok, conflicts: counts.conflict, refused: counts.refused, failed: counts.failed, lostUpdates: lost };
}

type State = { version: number; quantity: number };
type Row = State & { lines: number };

/**
 * Whether the successful answers `wins` of one subscription fail to account for its row moving
 * from `initial` to `final` (SUB-11). A success that changed the quantity moved the row one
 * version; a success asking for the quantity the subscription already had changed nothing and
 * answers the version it found (two clients asking the same quantity at once: one moves the
 * row, the other may then find it there). So: every version from initial + 1 to final was
 * answered, no other version beyond initial was, the answers at one version agree on the
 * quantity (an answer at the initial version names the initial quantity), the row holds the
 * quantity answered at its final version, and each version moved left one ledger line.
 */
export function lostUpdate(initial: Row, final: Row, wins: readonly State[]): boolean {
  if (final.lines - initial.lines !== final.version - initial.version) return true;
  const at = new Map<number, number>([[initial.version, initial.quantity]]);
  for (const win of wins) {
    if (win.version < initial.version || win.version > final.version) return true;
    if (at.has(win.version) && at.get(win.version) !== win.quantity) return true;
    at.set(win.version, win.quantity);
  }
  for (let version = initial.version + 1; version <= final.version; version++) if (!at.has(version)) return true;
  return at.get(final.version) !== final.quantity;
}

/** Each subscription's row, and its ledger lines (one per change of the quantity, SUB-2/SUB-3). */
async function versions(db: Client, ids: string[]): Promise<Map<string, Row>> {
  const { rows } = await db.query<{ id: string; version: number; quantity: number; lines: number }>(
    'select s.id, s.version, s.quantity, (select count(*)::int from subscriptions.ledger_entry l where l.subscription_id = s.id) as lines from subscriptions.subscription s where s.id = any($1)',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { version: Number(r.version), quantity: Number(r.quantity), lines: Number(r.lines) }]));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** One customer per write client, created through the gateway (agreement accepted). */
export async function writeCustomers(post: Post, partner: string, prefix = 'w'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const domain = `${partner}-${prefix}${i}.example`;
    const response = await post(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } errors { code message } } }`, {
      input: { companyName: `Write ${i}`, country: 'DE', segment: 'COMMERCIAL', domain, agreementAcceptance: { signerName: 'Bench Signer', signerEmail: `signer@${domain}`, acceptedAt: '2026-01-01T00:00:00Z' } },
    });
    const id = (response.data as any)?.createCustomer?.customer?.id;
    if (!id) throw new Error(`createCustomer failed: ${JSON.stringify(response)}`);
    ids.push(id);
  }
  return ids;
}
