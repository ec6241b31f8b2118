import { registerEnumType } from 'type-graphql';

export enum EaSubscriptionAvailability {
  AVAILABLE = 'AVAILABLE',
  NOT_AVAILABLE_IN_CSP = 'NOT_AVAILABLE_IN_CSP',
  SCHEDULED_BY_YOU = 'SCHEDULED_BY_YOU',
  NOT_AVAILABLE = 'NOT_AVAILABLE',
}
registerEnumType(EaSubscriptionAvailability, { name: 'EaSubscriptionAvailability' });
