import { dataOf, type GraphQLResponse, type TestStack } from '../support/stack';

export interface Purchase {
  /** The buying partner (its ADMIN_AGENT checks out). */
  partnerId: string;
  customerId: string;
  /** Default `offer-m365-e3-no-teams`, priced by the catalog in the customer's market. */
  offerId?: string;
  quantity?: number;
  termDuration?: string;
  billingFrequency?: string;
  /** ORD-2: the indirect reseller of an indirect provider's purchase. */
  resellerPartnerId?: string;
  /** ORD-1: end the new subscription with this one (an add-on ends with its base on its own, SUB-9). */
  coterminousWithSubscriptionId?: string;
  /**
   * The business-clock instant of the checkout, which is the term start: the clock moves forward
   * to it (it never moves back); several purchases at one instant share it. Default: now.
   */
  at?: string;
  /** SUB-7: false turns autorenew off after the purchase (setSubscriptionAutoRenew). */
  autoRenew?: boolean;
  /** SUB-6: suspended by its partner after the purchase. */
  suspended?: boolean;
}

/** How late a purchase may run after its `at` and still count as made then (the clock runs on). */
const SAME_INSTANT_MS = 60_000;

/**
 * Moves the business clock forward to `at` for something done then; when the clock already reads
 * `at` (a moment later: it runs on), it stays. Throws when `at` is further in the past.
 */
export async function clockAt(t: TestStack, at: string): Promise<void> {
  const target = new Date(at);
  const now = await businessNow(t);
  if (now < target) await setClock(t, at);
  else if (now.getTime() - target.getTime() > SAME_INSTANT_MS) throw new Error(`the business clock (${now.toISOString()}) is already past ${at}`);
}

/**
 * A subscription bought the way partners buy: the business clock moved to `at`, a cart created
 * and checked out through the gateway (price from the catalog, SUB-2 window and SUB-3 charge from
 * checkout); then autorenew or suspension set through their mutations. Returns its id.
 */
export async function subscribeAt(t: TestStack, purchase: Purchase): Promise<string> {
  if (purchase.at) await clockAt(t, purchase.at);
  const token = await t.token(purchase.partnerId, ['ADMIN_AGENT']);
  const line = {
    offerId: purchase.offerId ?? 'offer-m365-e3-no-teams',
    quantity: purchase.quantity ?? 10,
    // Default: the catalog's (P1Y billed monthly where the offer allows it).
    termDuration: purchase.termDuration,
    billingFrequency: purchase.billingFrequency,
    resellerPartnerId: purchase.resellerPartnerId,
    coterminousWithSubscriptionId: purchase.coterminousWithSubscriptionId,
  };
  const created = dataOf(
    await t.gql(token, 'mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id } errors { code message rule } } }', {
      input: { customerId: purchase.customerId, lines: [line] },
    }),
  ).createCart;
  if (!created.cart) throw new Error(`createCart: ${JSON.stringify(created.errors)}`);
  const checkedOut = dataOf(
    await t.gql(token, 'mutation($input: CheckoutCartInput!) { checkoutCart(input: $input) { order { lines { subscription { id } } } errors { code message rule } } }', {
      input: { cartId: created.cart.id, attestationAccepted: true },
    }),
  ).checkoutCart;
  if (!checkedOut.order) throw new Error(`checkoutCart: ${JSON.stringify(checkedOut.errors)}`);
  const id: string = checkedOut.order.lines[0].subscription.id;
  if (purchase.autoRenew === false) {
    const { errors } = dataOf(await mutate(t, token, 'setSubscriptionAutoRenew', { subscriptionId: id, enabled: false })).setSubscriptionAutoRenew;
    if (errors.length) throw new Error(JSON.stringify(errors));
  }
  if (purchase.suspended) {
    const { errors } = dataOf(await mutate(t, token, 'suspendSubscription', { subscriptionId: id })).suspendSubscription;
    if (errors.length) throw new Error(JSON.stringify(errors));
  }
  return id;
}

/** The business clock now (sandbox time), as every subgraph reads it. */
export async function businessNow(t: TestStack): Promise<Date> {
  const { rows } = await t.db.query(`select (clock_timestamp() + coalesce((select offset_ms from platform.business_clock where id = 1), 0) * interval '1 millisecond') as now`);
  return new Date(rows[0].now);
}

export async function setClock(t: TestStack, iso: string): Promise<void> {
  const body = await t.gql(await t.operatorToken(), 'mutation($n: DateTime!) { setSandboxClock(input: { now: $n }) { now } }', { n: iso });
  dataOf(body);
}

export async function processDueWork(t: TestStack): Promise<Record<string, number>> {
  const body = await t.gql(
    await t.operatorToken(),
    'mutation { processDueWork { report { renewed expired ended converted eaRenewed transfersExpired webhooksDelivered } errors { code message } } }',
  );
  return dataOf(body).processDueWork.report;
}

export const SUBSCRIPTION_FIELDS = `id status quantity autoRenew isTrial termStart termEnd version resellerPartnerId supportContactId
  expiredAt graceUntil endedAt cancelledAt
  reducibleLicenses { quantity until reason } ledger { kind amount { amount currency } at }`;

/** Runs a lifecycle mutation `name(input)` returning `{ subscription { … } errors { … } }` (+ extra). */
export async function mutate(t: TestStack, token: string, name: string, input: Record<string, unknown>, extra = ''): Promise<GraphQLResponse> {
  const inputType = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
  return t.gql(token, `mutation($input: ${inputType}!) { ${name}(input: $input) { subscription { ${SUBSCRIPTION_FIELDS} } ${extra} errors { code message rule field } } }`, { input });
}

export async function getSubscription(t: TestStack, token: string, id: string): Promise<any> {
  return dataOf(await t.gql(token, `query($id: ID!) { subscription(id: $id) { ${SUBSCRIPTION_FIELDS} } }`, { id })).subscription;
}
