import Decimal from 'decimal.js';
import type { GraphQLResponse, TestStack } from '../support/stack';
import { dataOf } from '../support/stack';
import { SUBSCRIPTION_FIELDS } from './support';

/** Subscription fields the upgrade, scheduled-change and trial tests read. */
export const UPGRADE_FIELDS = `${SUBSCRIPTION_FIELDS} offer { id } termDuration billingFrequency cancellationDeadline licenseBatches { quantity removed kind reducibleUntil }
  scheduledChange { offer { id } quantity termDuration billingFrequency customTermEnd } upgradeOptions { offer { id } kind }`;

export function upgradeSubscription(t: TestStack, token: string, input: Record<string, unknown>): Promise<GraphQLResponse> {
  return t.gql(
    token,
    `mutation($input: UpgradeSubscriptionInput!) { upgradeSubscription(input: $input) {
      source { ${UPGRADE_FIELDS} } target { ${UPGRADE_FIELDS} } licenseReassignment warnings errors { code message rule field } } }`,
    { input },
  );
}

export function scheduleRenewalChange(t: TestStack, token: string, input: Record<string, unknown>): Promise<GraphQLResponse> {
  return t.gql(token, `mutation($input: ScheduleRenewalChangeInput!) { scheduleRenewalChange(input: $input) { subscription { ${UPGRADE_FIELDS} } errors { code message rule field } } }`, { input });
}

export function removeScheduledChange(t: TestStack, token: string, subscriptionId: string): Promise<GraphQLResponse> {
  return t.gql(token, `mutation($input: RemoveScheduledChangeInput!) { removeScheduledChange(input: $input) { subscription { ${UPGRADE_FIELDS} } errors { code message rule field } } }`, {
    input: { subscriptionId },
  });
}

export function convertTrial(t: TestStack, token: string, input: Record<string, unknown>): Promise<GraphQLResponse> {
  return t.gql(token, `mutation($input: ConvertTrialInput!) { convertTrial(input: $input) { subscription { ${UPGRADE_FIELDS} } trial { ${UPGRADE_FIELDS} } errors { code message rule field } } }`, { input });
}

export async function readSubscription(t: TestStack, token: string, id: string): Promise<any> {
  return dataOf(await t.gql(token, `query($id: ID!) { subscription(id: $id) { ${UPGRADE_FIELDS} } }`, { id })).subscription;
}

/** The catalog's monthly unit price of an offer in a market, as partners see it. */
export async function priceOf(t: TestStack, token: string, offerId: string, market = 'DE'): Promise<{ amount: string; currency: string }> {
  return dataOf(await t.gql(token, 'query($id: ID!, $m: String!) { offer(id: $id) { price(market: $m) { amount currency } } }', { id: offerId, m: market })).offer.price;
}

/** SUB-3 daily proration as the ledger shows it: `quantity` licenses at a monthly price for `days` of a `termDays`-day year term. */
export function prorated(monthly: string, quantity: number, months: number, days: number, termDays: number): string {
  return new Decimal(monthly).mul(quantity).mul(months).mul(days).div(termDays).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Everything a change of these kinds writes, for "a refusal leaves nothing" assertions. */
export async function rowCounts(t: TestStack): Promise<Record<string, number>> {
  const { rows } = await t.db.query(`select
      (select count(*) from subscriptions.subscription)::int as subscriptions,
      (select coalesce(sum(quantity - removed), 0) from subscriptions.license_batch)::int as licenses,
      (select count(*) from subscriptions.ledger_entry)::int as ledger,
      (select count(*) from subscriptions.scheduled_change)::int as scheduled,
      (select coalesce(sum(version), 0) from subscriptions.subscription)::int as versions,
      (select count(*) from platform.audit_record)::int as audits,
      (select count(*) from platform.outbox_event)::int as events`);
  return rows[0];
}

/** The webhook events (AUD-2) recorded for a subscription, oldest first. */
export async function eventsOf(t: TestStack, subscriptionId: string): Promise<{ type: string; data: any }[]> {
  return (await t.db.query(`select type, data from platform.outbox_event where resource_id = $1 order by position`, [subscriptionId])).rows;
}

/** The audit operations (AUD-1) recorded for a subscription, oldest first. */
export async function auditsOf(t: TestStack, subscriptionId: string): Promise<string[]> {
  return (await t.db.query(`select operation from platform.audit_record where resource_id = $1 order by at, id`, [subscriptionId])).rows.map((r) => r.operation);
}
