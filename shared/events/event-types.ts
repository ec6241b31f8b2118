import type { SubgraphName } from '../config';
import type { EventPayloads } from './payloads';

export type { EventPayloads } from './payloads';

/** Every event type (shared/events/payloads.ts gives each one's payload). */
export type EventType = keyof EventPayloads;

/** The payload of one type (a union of its versions, when it has several). */
export type EventPayload<T extends EventType> = EventPayloads[T];

interface EventDefinition<T extends EventType> {
  /** The subgraph whose units of work record it: its stream (source). */
  source: SubgraphName;
  /** The version producers write now. */
  version: EventPayloads[T]['v'];
  /** AUD-2: partners receive it on webhooks under this Standard Webhooks `type`. */
  webhook?: string;
  /** The subgraphs whose consumers apply it, besides the webhook fan-out of a webhook type. */
  consumers?: readonly SubgraphName[];
}

/**
 * The event map: for each type, who records it, its current version and, for partners' webhooks,
 * its wire name. Adding a type is one line here, its payload in payloads.ts, and the service
 * that records it.
 */
export const EVENTS = {
  SUBSCRIPTION_CREATED: { source: 'subscriptions', version: 1, webhook: 'subscription.created' },
  SUBSCRIPTION_UPDATED: { source: 'subscriptions', version: 1, webhook: 'subscription.updated' },
  SUBSCRIPTION_RENEWED: { source: 'subscriptions', version: 1, webhook: 'subscription.renewed' },
  SUBSCRIPTION_CANCELLED: { source: 'subscriptions', version: 1, webhook: 'subscription.cancelled' },
  RELATIONSHIP_ACCEPTED: { source: 'customers', version: 1, webhook: 'relationship.accepted', consumers: ['subscriptions'] },
  TRANSFER_REQUESTED: { source: 'transfers', version: 1, webhook: 'transfer.requested' },
  TRANSFER_COMPLETED: { source: 'subscriptions', version: 1, webhook: 'transfer.completed' },
  EA_MIGRATION: { source: 'subscriptions', version: 1, webhook: 'ea.migration' },
  INVOICE_READY: { source: 'subscriptions', version: 1, webhook: 'invoice.ready' },
  // Facts and commands between subgraphs, applied idempotently by their owner; never sent to partners.
  RELATIONSHIP_REMOVED: { source: 'customers', version: 1, consumers: ['subscriptions'] },
  // EA-7/EA-8: transfers asks subscriptions to provision a due EA renewal; the answer comes back.
  EA_RENEWAL_REQUESTED: { source: 'transfers', version: 1, consumers: ['subscriptions'] },
  EA_RENEWAL_COMPLETED: { source: 'subscriptions', version: 1, consumers: ['transfers'] },
  EA_RENEWAL_FAILED: { source: 'subscriptions', version: 1, consumers: ['transfers'] },
  // XFR-2: transfers asks subscriptions to move the accepted subscriptions; the answer comes back.
  TRANSFER_ACCEPTED: { source: 'transfers', version: 1, consumers: ['subscriptions'] },
  TRANSFER_MOVED: { source: 'subscriptions', version: 1, consumers: ['transfers'] },
  TRANSFER_MOVE_FAILED: { source: 'subscriptions', version: 1, consumers: ['transfers'] },
  // The catalog's offers or price list changed: the gateway's entity cache follows them (no subgraph consumes them).
  OFFERS_IMPORTED: { source: 'catalog', version: 1 },
  PRICE_LIST_IMPORTED: { source: 'catalog', version: 1 },
} as const satisfies { [T in EventType]: EventDefinition<T> };

/** AUD-2: the types partners can receive on webhooks. */
export type WebhookEventType = { [T in EventType]: (typeof EVENTS)[T] extends { webhook: string } ? T : never }[EventType];

/** The types only other subgraphs consume. */
export type InternalEventType = Exclude<EventType, WebhookEventType>;

export const EVENT_TYPES = Object.keys(EVENTS) as EventType[];

export function isWebhookEventType(type: string): type is WebhookEventType {
  return Object.prototype.hasOwnProperty.call(EVENTS, type) && 'webhook' in EVENTS[type as EventType];
}

export const WEBHOOK_EVENT_TYPES = EVENT_TYPES.filter(isWebhookEventType);

/** Standard Webhooks `type` of each webhook event type. */
export const WEBHOOK_EVENT_WIRE_NAMES = Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, EVENTS[type].webhook])) as { [T in WebhookEventType]: (typeof EVENTS)[T]['webhook'] };

/** The subgraph whose consumer turns every webhook type into deliveries (AUD-2). */
export const WEBHOOK_FAN_OUT: SubgraphName = 'customers';

/**
 * The subgraphs whose consumers apply events of these types: whose event queues a commit of
 * them wakes. The subgraphs' consumers are held to it (test/platform/event-consumers.spec.ts).
 */
export function consumersOf(types: readonly string[]): SubgraphName[] {
  const known = types.filter((type): type is EventType => Object.prototype.hasOwnProperty.call(EVENTS, type));
  const consumers = known.flatMap((type) => [...(isWebhookEventType(type) ? [WEBHOOK_FAN_OUT] : []), ...((EVENTS[type] as EventDefinition<typeof type>).consumers ?? [])]);
  return [...new Set(consumers)].sort();
}

/** The subgraph whose stream holds each type. */
export function sourceOf(type: EventType): SubgraphName {
  return EVENTS[type].source;
}

/** The streams that hold events of these types. */
export function sourcesOf(types: readonly EventType[]): SubgraphName[] {
  return [...new Set(types.map(sourceOf))].sort();
}
