import { newId } from '../../shared/ids';
import { HOURS_168_MS, proratedCharge, termEndFor } from '../../subgraphs/subscriptions/services/term';
import { dataOf, type GraphQLResponse, type TestStack } from '../support/stack';

export interface SubscriptionRow {
  partnerId: string;
  customerId: string;
  offerId?: string;
  quantity?: number;
  termStart: string;
  termEnd?: string;
  termDuration?: string;
  billingFrequency?: string;
  unitPrice?: string;
  currency?: string;
  status?: string;
  autoRenew?: boolean;
  isTrial?: boolean;
  baseSubscriptionId?: string;
  resellerPartnerId?: string;
  resellerTenantId?: string;
  promotionId?: string;
  friendlyName?: string;
  updateCount?: number;
}

/**
 * Inserts a subscription as checkout would leave it: the row, its first license batch (SUB-2,
 * 168-hour window from the term start) and its first ledger charge (SUB-3).
 */
export async function insertSubscription(t: TestStack, row: SubscriptionRow): Promise<string> {
  const id = newId('sub');
  const start = new Date(row.termStart);
  const duration = row.termDuration ?? 'P1Y';
  const end = row.termEnd ? new Date(row.termEnd) : termEndFor(start, duration);
  const quantity = row.quantity ?? 10;
  const unitPrice = row.unitPrice ?? '10.0000';
  await t.db.query(
    `insert into subscriptions.subscription (id, partner_id, customer_id, offer_id, quantity, status, auto_renew, is_trial, term_start, term_end,
       term_duration, billing_frequency, friendly_name, promotion_id, reseller_partner_id, reseller_tenant_id, base_subscription_id,
       update_count, currency, unit_price, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $9)`,
    [
      id, row.partnerId, row.customerId, row.offerId ?? 'offer-m365-e3-no-teams', quantity, row.status ?? 'ACTIVE', row.autoRenew ?? true,
      row.isTrial ?? false, start.toISOString(), end.toISOString(), duration, row.billingFrequency ?? 'MONTHLY', row.friendlyName ?? null,
      row.promotionId ?? null, row.resellerPartnerId ?? null, row.resellerTenantId ?? null, row.baseSubscriptionId ?? null,
      row.updateCount ?? 0, row.currency ?? 'EUR', unitPrice,
    ],
  );
  await t.db.query(
    `insert into subscriptions.license_batch (id, subscription_id, kind, quantity, added_at, reducible_until) values ($1, $2, 'PURCHASE', $3, $4, $5)`,
    [newId('lb'), id, quantity, start.toISOString(), new Date(start.getTime() + HOURS_168_MS).toISOString()],
  );
  await t.db.query(
    `insert into subscriptions.ledger_entry (id, subscription_id, kind, amount_value, currency, quantity, description, at)
     values ($1, $2, 'CHARGE', $3, $4, $5, 'Initial term charge', $6)`,
    [newId('led'), id, proratedCharge(unitPrice, quantity, duration, start, end, start).toFixed(4), row.currency ?? 'EUR', quantity, start.toISOString()],
  );
  return id;
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
