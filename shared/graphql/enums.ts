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

/** SW-2: the kind of product key a software product gets; KMS keys are never issued. */
export enum SoftwareKeyType {
  /** A multiple-activation key (MAK). */
  MULTIPLE_ACTIVATION = 'MULTIPLE_ACTIVATION',
  /** The product needs no product key. */
  NONE = 'NONE',
}
registerEnumType(SoftwareKeyType, { name: 'SoftwareKeyType', description: 'SW-2: multiple-activation keys only, never KMS' });

/** CAT-10: the kind of an upgrade path (the catalog's upgrade policy decides which paths exist). */
export enum UpgradeKind {
  LINEAR = 'LINEAR',
  CATEGORY_SWITCH = 'CATEGORY_SWITCH',
  MANY_TO_ONE = 'MANY_TO_ONE',
}
registerEnumType(UpgradeKind, { name: 'UpgradeKind', description: 'CAT-10' });

/** UPG-2/TRI-3: a change now (mid-term) or at the end of the term (a scheduled change, SCH-1). */
export enum Timing {
  NOW = 'NOW',
  AT_RENEWAL = 'AT_RENEWAL',
}
registerEnumType(Timing, { name: 'Timing' });
