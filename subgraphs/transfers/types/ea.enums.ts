import { registerEnumType } from 'type-graphql';

export enum EaSubscriptionAvailability {
  AVAILABLE = 'AVAILABLE',
  NOT_AVAILABLE_IN_CSP = 'NOT_AVAILABLE_IN_CSP',
  SCHEDULED_BY_YOU = 'SCHEDULED_BY_YOU',
  NOT_AVAILABLE = 'NOT_AVAILABLE',
}
registerEnumType(EaSubscriptionAvailability, {
  name: 'EaSubscriptionAvailability',
  description: 'EA-3: whether the caller can renew an EA subscription to CSP',
  valuesConfig: {
    AVAILABLE: { description: 'Can be renewed to CSP' },
    NOT_AVAILABLE: { description: 'Another partner scheduled it (that partner is never named)' },
    NOT_AVAILABLE_IN_CSP: { description: 'The SKU is not sold in CSP or is not commercial: take the manual path (EA-9)' },
    SCHEDULED_BY_YOU: { description: 'The caller has scheduled its renewal' },
  },
});

export enum EaRenewalStatus {
  SCHEDULED = 'SCHEDULED',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  FAILED = 'FAILED',
}
registerEnumType(EaRenewalStatus, {
  name: 'EaRenewalStatus',
  description: 'EA-5, EA-8: state of a renewal schedule',
  valuesConfig: {
    SCHEDULED: { description: 'Waiting for its processing time (EA-7); can still be edited or cancelled' },
    PROCESSING: { description: 'Being processed now' },
    COMPLETED: { description: 'The CSP subscription was created (EA-8)' },
    CANCELLED: { description: 'Cancelled by the partner, or because the agreement was renewed in the EA channel (EA-2)' },
    FAILED: { description: 'The renewal could not be made; nothing was created (see `statusReason`)' },
  },
});

/** EA-6: the statuses in which a schedule holds its EA subscription (the partial unique index lists the same). */
export const HOLDING_STATUSES: readonly EaRenewalStatus[] = [EaRenewalStatus.SCHEDULED, EaRenewalStatus.PROCESSING, EaRenewalStatus.COMPLETED];
