import type { SubscriptionChangeDetails, SubscriptionEventType } from '../../shared/events/payloads';
import { appendEvents, subscriptionChange } from '../support/events';
import type { TestPartner } from '../support/fixtures';
import { dataOf, type GraphQLResponse, type TestStack } from '../support/stack';
import { setClock } from '../subscriptions/support';

export const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) {
  webhook { id url events createdAt } signingSecret errors { code message } } }`;
export const DELETE_WEBHOOK = `mutation($input: DeleteWebhookInput!) { deleteWebhook(input: $input) { deleted errors { code message } } }`;
export const WEBHOOKS = `query($first: Int, $after: String, $deliveries: Int) { webhooks(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id url events createdAt deliveries(first: $deliveries) { totalCount edges { node {
    eventId eventType status attempts lastResponseStatus nextAttemptAt } } } } } } }`;

export const ALL_TYPES = ['SUBSCRIPTION_CREATED', 'SUBSCRIPTION_UPDATED', 'SUBSCRIPTION_RENEWED', 'TRANSFER_REQUESTED', 'SUBSCRIPTION_CANCELLED', 'RELATIONSHIP_ACCEPTED', 'TRANSFER_COMPLETED', 'EA_MIGRATION'];

export interface CreatedWebhook {
  id: string;
  secret: string;
}

export async function createWebhook(t: TestStack, partner: TestPartner, url: string, events = ALL_TYPES): Promise<CreatedWebhook> {
  const result = dataOf(await t.gql(await partner.token(), CREATE_WEBHOOK, { input: { url, events } })).createWebhook;
  if (!result.webhook) throw new Error(JSON.stringify(result.errors));
  return { id: result.webhook.id, secret: result.signingSecret };
}

export async function listWebhooks(t: TestStack, token: string | undefined, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  return t.gql(token, WEBHOOKS, { deliveries: 50, ...variables });
}

export async function businessNow(t: TestStack): Promise<Date> {
  const { rows } = await t.db.query(`select (clock_timestamp() + offset_ms * interval '1 millisecond') as now from platform.business_clock where id = 1`);
  return new Date(rows[0].now);
}

/** Moves the sandbox clock forward by `ms` from the current business time. */
export async function advance(t: TestStack, ms: number): Promise<void> {
  await setClock(t, new Date((await businessNow(t)).getTime() + ms).toISOString());
}

/** One event of the subscriptions subgraph's stream, at the business time (see appendEvents). */
export async function emitEvent(t: TestStack, tenantId: string, type: SubscriptionEventType = 'SUBSCRIPTION_UPDATED', details: SubscriptionChangeDetails = {}): Promise<string> {
  const [id] = await appendEvents(t, [{ type, tenantId, data: subscriptionChange(details) }]);
  return id;
}

export interface DeliveryRow {
  status: string;
  attempts: number;
  next_attempt_at: Date | null;
  last_response_status: number | null;
  last_response_body: string | null;
  delivered_at: Date | null;
}

export async function deliveryOf(t: TestStack, webhookId: string, eventId: string): Promise<DeliveryRow> {
  const { rows } = await t.db.query(
    `select status, attempts, next_attempt_at, last_response_status, last_response_body, delivered_at
       from platform.webhook_delivery where webhook_id = $1 and event_id = $2`,
    [webhookId, eventId],
  );
  return rows[0];
}
