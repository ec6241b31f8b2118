import type { BillingFrequency, SubscriptionStatus } from '../graphql/enums';

/**
 * The payload (`data`) of every event type, as producers record it, consumers apply it and
 * partners' webhooks receive it. Each carries its version `v`. A change that adds an optional
 * field keeps the version; any other change is a new version, and the type becomes the union of
 * every version still in a stream (retention decides for how long), so consumers narrow on `v`
 * (docs/platform.md). Dates are ISO 8601 strings (JSON).
 */

// --- subscriptions (webhooks: subscription.created / updated / renewed / cancelled) ---

/** A subscription after the change, as every SUBSCRIPTION_* event shows it. */
export type SubscriptionSnapshot = {
  status: SubscriptionStatus;
  quantity: number;
  offerId: string;
  customerId: string;
  autoRenew: boolean;
  termStart: string;
  termEnd: string;
};

/** A saved scheduled change as events describe it (SCH-1): only what it sets. */
export type ScheduledChangeDescription = {
  offerId?: string;
  quantity?: number;
  termDuration?: string;
  billingFrequency?: BillingFrequency;
  termEnd?: string;
  coterminousWithSubscriptionId?: string;
};

/** What a change adds to the snapshot, by transition (each event carries only its own). */
export type SubscriptionChangeDetails = {
  /** Creation: where the subscription comes from. */
  origin?: string;
  orderId?: string | null;
  resellerPartnerId?: string | null;
  isTrial?: boolean;
  upgradedFrom?: string;
  convertedFrom?: string;
  convertedInto?: string;
  upgradedInto?: string;
  targetOfferId?: string;
  movedLicenses?: number;
  addedLicenses?: number;
  previousOfferId?: string;
  previousQuantity?: number;
  previousTermEnd?: string;
  /** Quantity changes (SUB-2), and an audit row for "no change". */
  quantity?: number;
  enabled?: boolean;
  withBase?: string;
  refund?: string;
  currency?: string;
  transferId?: string | null;
  targetPartnerId?: string | null;
  supportContactId?: string | null;
  friendlyName?: string | null;
  previousFriendlyName?: string | null;
  scheduledChange?: ScheduledChangeDescription | boolean | null;
  licenseReassignment?: 'AUTOMATIC' | 'MANUAL' | null;
  recoveredBy?: string;
};

export type SubscriptionChanged = { v: 1 } & SubscriptionSnapshot & SubscriptionChangeDetails;

/** The events of the subscription state machine. */
export type SubscriptionEventType = 'SUBSCRIPTION_CREATED' | 'SUBSCRIPTION_UPDATED' | 'SUBSCRIPTION_RENEWED' | 'SUBSCRIPTION_CANCELLED';

/** EA-8: the CSP subscription made from an EA renewal. */
export type EaMigration = {
  v: 1;
  customerId: string;
  agreementNumber: string;
  eaSubscriptionId: string;
  scheduleId: string;
  provisioningId: string;
  offerId: string;
  orderId: string;
  quantity: number;
  termStart: string;
  termEnd: string;
};

/** XFR-2: both partners learn that the subscriptions moved. */
export type TransferCompleted = {
  v: 1;
  transferId: string;
  customerId: string;
  sourcePartnerId: string;
  targetPartnerId: string;
  items: TransferredItem[];
};

export type TransferredItem = { sourceSubscriptionId: string; targetSubscriptionId: string };

/** EA-8: the answer to EA_RENEWAL_REQUESTED when the subscription exists. */
export type EaRenewalCompleted = { v: 1; scheduleId: string; subscriptionId: string; orderId: string; completedAt: string };

/** EA-8: the answer when nothing could be made. */
export type EaRenewalFailed = { v: 1; scheduleId: string; reason: string };

/** XFR-2: the answer to TRANSFER_ACCEPTED when every subscription moved. */
export type TransferMoved = { v: 1; transferId: string; items: TransferredItem[]; movedAt: string };

/** XFR-2: the answer when nothing moved. */
export type TransferMoveFailed = { v: 1; transferId: string; reason: string };

// --- customers ---

/** REL-2 (webhook relationship.accepted), applied to the subscriptions subgraph's relationship facts. */
export type RelationshipAccepted = { v: 1; partnerId: string; customerId: string; indirectResellerId: string | null };

/** REL-7: applied to the subscriptions subgraph's relationship facts. */
export type RelationshipRemoved = { v: 1; partnerId: string; customerId: string };

// --- transfers ---

/** XFR-1 (webhook transfer.requested). */
export type TransferRequested = {
  v: 1;
  customerId: string;
  customerEmail: string;
  sourcePartnerId: string;
  targetPartnerId: string;
  expiresAt: string;
};

/** XFR-2: the command to move the accepted subscriptions (tenants are partners' tenant ids, partner ids their PartnerIDs). */
export type TransferAccepted = {
  v: 1;
  transferId: string;
  customerId: string;
  sourceTenantId: string;
  sourcePartnerId: string;
  targetTenantId: string;
  targetPartnerId: string;
  subscriptionIds: string[];
};

/** EA-7/EA-8: the command to provision a due EA renewal, with everything provisioning needs. */
export type EaRenewalRequested = {
  v: 1;
  scheduleId: string;
  partnerId: string;
  customerId: string;
  /** The user who scheduled it (the order's creator). */
  userId: string;
  eaSubscriptionId: string;
  agreementNumber: string;
  eaEndDate: string;
  provisioningId: string;
  offerId: string;
  /** Monthly unit price the term is billed at (after promotion, BIL-5). */
  unitPrice: string;
  currency: string;
  /** BIL-5: the monthly list price and the promotion, when one applies to this EA renewal (absent in older events). */
  listUnitPrice?: string | null;
  promotionId?: string | null;
  quantity: number;
  termDuration: string;
  billingFrequency: BillingFrequency;
  coterminousWithSubscriptionId: string | null;
  /** EA-8: the EA end, or null for an expired agreement (the term starts when processed). */
  termStart: string | null;
};

// --- billing ---

/** BIL-3 (webhook invoice.ready): a monthly invoice closed; it never changes again. */
export type InvoiceReady = {
  v: 1;
  invoiceId: string;
  number: number;
  currency: string;
  periodStart: string;
  periodEnd: string;
  /** Exact sum of its lines, in the currency's digits. */
  total: string;
  lines: number;
  closedAt: string;
};

// --- catalog ---

/** CAT-1: the operator imported offers (importOffers); the gateway's entity cache empties itself on it. */
export type OffersImported = { v: 1; count: number };

/** BIL-7: the operator imported the price list (PUT /catalog/price-list); the gateway's entity cache empties itself on it. */
export type PriceListImported = { v: 1; rows: number; created: number; updated: number; unchanged: number; errors: number };

/** Every event type and its payload. */
export type EventPayloads = {
  SUBSCRIPTION_CREATED: SubscriptionChanged;
  SUBSCRIPTION_UPDATED: SubscriptionChanged;
  SUBSCRIPTION_RENEWED: SubscriptionChanged;
  SUBSCRIPTION_CANCELLED: SubscriptionChanged;
  RELATIONSHIP_ACCEPTED: RelationshipAccepted;
  RELATIONSHIP_REMOVED: RelationshipRemoved;
  TRANSFER_REQUESTED: TransferRequested;
  TRANSFER_ACCEPTED: TransferAccepted;
  TRANSFER_COMPLETED: TransferCompleted;
  TRANSFER_MOVED: TransferMoved;
  TRANSFER_MOVE_FAILED: TransferMoveFailed;
  EA_MIGRATION: EaMigration;
  EA_RENEWAL_REQUESTED: EaRenewalRequested;
  EA_RENEWAL_COMPLETED: EaRenewalCompleted;
  EA_RENEWAL_FAILED: EaRenewalFailed;
  INVOICE_READY: InvoiceReady;
  OFFERS_IMPORTED: OffersImported;
  PRICE_LIST_IMPORTED: PriceListImported;
};
