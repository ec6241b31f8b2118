import type { SubgraphName } from '../config';

/**
 * AUD-2: the domain event types partners can receive on webhooks, with their wire names
 * (Standard Webhooks `type`). Adding a producer of a new type is one line here plus the
 * service that records it.
 */
export const WEBHOOK_EVENT_WIRE_NAMES = {
  SUBSCRIPTION_CREATED: 'subscription.created',
  SUBSCRIPTION_UPDATED: 'subscription.updated',
  SUBSCRIPTION_RENEWED: 'subscription.renewed',
  SUBSCRIPTION_CANCELLED: 'subscription.cancelled',
  RELATIONSHIP_ACCEPTED: 'relationship.accepted',
  TRANSFER_REQUESTED: 'transfer.requested',
  TRANSFER_COMPLETED: 'transfer.completed',
  EA_MIGRATION: 'ea.migration',
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_WIRE_NAMES;

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_WIRE_NAMES) as WebhookEventType[];

/**
 * Event types that only other subgraphs consume (facts and commands between subgraphs,
 * applied idempotently by their owner); never delivered to partners.
 */
export const INTERNAL_EVENT_TYPES = [
  'RELATIONSHIP_REMOVED',
  // EA-7/EA-8: transfers asks subscriptions to provision a due EA renewal; the answer comes back.
  'EA_RENEWAL_REQUESTED',
  'EA_RENEWAL_COMPLETED',
  'EA_RENEWAL_FAILED',
  // XFR-2: transfers asks subscriptions to move the accepted subscriptions; the answer comes back.
  'TRANSFER_ACCEPTED',
  'TRANSFER_MOVED',
  'TRANSFER_MOVE_FAILED',
] as const;

export type InternalEventType = (typeof INTERNAL_EVENT_TYPES)[number];

export type EventType = WebhookEventType | InternalEventType;

export function isWebhookEventType(type: string): type is WebhookEventType {
  return Object.prototype.hasOwnProperty.call(WEBHOOK_EVENT_WIRE_NAMES, type);
}

/**
 * The subgraph whose units of work record each type. Each subgraph's events are its own stream
 * (source) with its own positions; a consumer reads the streams of the types it applies.
 */
export const EVENT_SOURCES: Record<EventType, SubgraphName> = {
  SUBSCRIPTION_CREATED: 'subscriptions',
  SUBSCRIPTION_UPDATED: 'subscriptions',
  SUBSCRIPTION_RENEWED: 'subscriptions',
  SUBSCRIPTION_CANCELLED: 'subscriptions',
  RELATIONSHIP_ACCEPTED: 'customers',
  RELATIONSHIP_REMOVED: 'customers',
  TRANSFER_REQUESTED: 'transfers',
  TRANSFER_COMPLETED: 'subscriptions',
  EA_MIGRATION: 'subscriptions',
  EA_RENEWAL_REQUESTED: 'transfers',
  EA_RENEWAL_COMPLETED: 'subscriptions',
  EA_RENEWAL_FAILED: 'subscriptions',
  TRANSFER_ACCEPTED: 'transfers',
  TRANSFER_MOVED: 'subscriptions',
  TRANSFER_MOVE_FAILED: 'subscriptions',
};

/** The streams that hold events of these types. */
export function sourcesOf(types: readonly EventType[]): SubgraphName[] {
  return [...new Set(types.map((type) => EVENT_SOURCES[type]))].sort();
}
