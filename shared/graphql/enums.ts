import { registerEnumType } from 'type-graphql';
import { REGIONS } from '../regions';

/** Enums of API.md shared by several subgraphs (values are binding). */
export enum PartnerTypeEnum {
  DIRECT_BILL = 'DIRECT_BILL',
  INDIRECT_PROVIDER = 'INDIRECT_PROVIDER',
  INDIRECT_RESELLER = 'INDIRECT_RESELLER',
}
registerEnumType(PartnerTypeEnum, { name: 'PartnerType' });

export enum Segment {
  COMMERCIAL = 'COMMERCIAL',
  EDUCATION = 'EDUCATION',
  GOVERNMENT = 'GOVERNMENT',
  NONPROFIT = 'NONPROFIT',
}
registerEnumType(Segment, { name: 'Segment' });

export const RegionEnum = Object.fromEntries(REGIONS.map((r) => [r, r])) as { [K in (typeof REGIONS)[number]]: K };
registerEnumType(RegionEnum, { name: 'Region' });

export enum BillingFrequency {
  MONTHLY = 'MONTHLY',
  ANNUAL = 'ANNUAL',
  TRIENNIAL = 'TRIENNIAL',
}
registerEnumType(BillingFrequency, { name: 'BillingFrequency' });

export enum SubscriptionStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  EXPIRED = 'EXPIRED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SubscriptionStatus, { name: 'SubscriptionStatus' });
