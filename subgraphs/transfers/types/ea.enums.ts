import { registerEnumType } from 'type-graphql';

export enum EaSubscriptionAvailability {
  AVAILABLE = 'AVAILABLE',
  NOT_AVAILABLE_IN_CSP = 'NOT_AVAILABLE_IN_CSP',
  SCHEDULED_BY_YOU = 'SCHEDULED_BY_YOU',
  NOT_AVAILABLE = 'NOT_AVAILABLE',
}
registerEnumType(EaSubscriptionAvailability, { name: 'EaSubscriptionAvailability' });

export enum EaRenewalStatus {
  SCHEDULED = 'SCHEDULED',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  FAILED = 'FAILED',
}
registerEnumType(EaRenewalStatus, { name: 'EaRenewalStatus' });

/** EA-6: the statuses in which a schedule holds its EA subscription (the partial unique index lists the same). */
export const HOLDING_STATUSES: readonly EaRenewalStatus[] = [EaRenewalStatus.SCHEDULED, EaRenewalStatus.PROCESSING, EaRenewalStatus.COMPLETED];
