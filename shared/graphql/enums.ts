import { registerEnumType } from 'type-graphql';
import { REGIONS } from '../regions';

/** Enums of API.md shared by several subgraphs (values are binding). */
export enum PartnerTypeEnum {
  DIRECT_BILL = 'DIRECT_BILL',
  INDIRECT_PROVIDER = 'INDIRECT_PROVIDER',
  INDIRECT_RESELLER = 'INDIRECT_RESELLER',
}
registerEnumType(PartnerTypeEnum, {
  name: 'PartnerType',
  description: 'The kind of partner tenant',
  valuesConfig: {
    DIRECT_BILL: { description: 'Buys from the programme and bills its customers directly' },
    INDIRECT_PROVIDER: { description: 'Sells through indirect resellers, which it names on transactions (ORD-2)' },
    INDIRECT_RESELLER: { description: 'Sells through an indirect provider' },
  },
});

export enum Segment {
  COMMERCIAL = 'COMMERCIAL',
  EDUCATION = 'EDUCATION',
  GOVERNMENT = 'GOVERNMENT',
  NONPROFIT = 'NONPROFIT',
}
registerEnumType(Segment, {
  name: 'Segment',
  description: 'The customer segment; offers are shown per segment (CAT-2)',
  valuesConfig: {
    COMMERCIAL: { description: 'Commercial companies' },
    EDUCATION: { description: 'Educational institutions' },
    GOVERNMENT: { description: 'Government and public sector' },
    NONPROFIT: { description: 'Non-profit organisations' },
  },
});

export const RegionEnum = Object.fromEntries(REGIONS.map((r) => [r, r])) as { [K in (typeof REGIONS)[number]]: K };
registerEnumType(RegionEnum, {
  name: 'Region',
  description: 'REL-3: CSP region; a partner transacts only with customers whose country is in its region',
  valuesConfig: {
    ASIA_PACIFIC: { description: 'Asia Pacific' },
    EUROPE: { description: 'Europe' },
    LATIN_AMERICA: { description: 'Latin America' },
    MIDDLE_EAST_AFRICA: { description: 'Middle East & Africa' },
    NORTH_AMERICA: { description: 'North America' },
  },
});

export enum BillingFrequency {
  MONTHLY = 'MONTHLY',
  ANNUAL = 'ANNUAL',
  TRIENNIAL = 'TRIENNIAL',
}
registerEnumType(BillingFrequency, {
  name: 'BillingFrequency',
  description: 'How often a subscription is charged (SW-3: the frequencies allowed per term are catalog data)',
  valuesConfig: {
    MONTHLY: { description: 'Charged every month' },
    ANNUAL: { description: 'Charged once a year' },
    TRIENNIAL: { description: 'Charged once for three years' },
  },
});

export enum SubscriptionStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  EXPIRED = 'EXPIRED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SubscriptionStatus, {
  name: 'SubscriptionStatus',
  description: 'SUB-1: state of a subscription',
  valuesConfig: {
    PENDING: { description: 'Being provisioned or renewed' },
    ACTIVE: { description: 'Running; users have access' },
    SUSPENDED: { description: 'Access blocked, billing continues (SUB-6)' },
    EXPIRED: { description: 'The term ended without renewal (SUB-7: 30-day grace until `graceUntil`; data gone once `endedAt` is set)' },
    CANCELLED: { description: 'Cancelled; final (SUB-5)' },
  },
});

/** SW-2: the kind of product key a software product gets; KMS keys are never issued. */
export enum SoftwareKeyType {
  /** A multiple-activation key (MAK). */
  MULTIPLE_ACTIVATION = 'MULTIPLE_ACTIVATION',
  /** The product needs no product key. */
  NONE = 'NONE',
}
registerEnumType(SoftwareKeyType, {
  name: 'SoftwareKeyType',
  description: 'SW-2: multiple-activation keys only, never KMS',
  valuesConfig: {
    MULTIPLE_ACTIVATION: { description: 'A multiple-activation key (MAK)' },
    NONE: { description: 'The product needs no product key (see `note`)' },
  },
});

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
registerEnumType(Timing, {
  name: 'Timing',
  description: 'UPG-2, TRI-3: when a change takes effect',
  valuesConfig: {
    NOW: { description: 'At once, mid-term' },
    AT_RENEWAL: { description: 'At the next renewal, as a scheduled change (SCH-1)' },
  },
});

/** BIL-5: the purchase events a promotion may apply to (never a trial conversion, TRI-3). */
export enum PromotionTarget {
  NEW_PURCHASE = 'NEW_PURCHASE',
  RENEWAL = 'RENEWAL',
  EA_RENEWAL = 'EA_RENEWAL',
}
registerEnumType(PromotionTarget, {
  name: 'PromotionTarget',
  description: 'BIL-5: which purchases a promotion applies to; a trial conversion never gets one (TRI-3)',
  valuesConfig: {
    NEW_PURCHASE: { description: 'A new subscription bought from the catalog' },
    RENEWAL: { description: 'A subscription renewing into a new term (SUB-7)' },
    EA_RENEWAL: { description: 'A subscription created by an Enterprise Agreement renewal (EA-8)' },
  },
});

/** BIL-3: what an invoice line (a ledger entry) is for, as Partner Center's reconciliation file names it. */
export enum ChargeType {
  NEW = 'NEW',
  RENEW = 'RENEW',
  CYCLE_CHARGE = 'CYCLE_CHARGE',
  ADD_QUANTITY = 'ADD_QUANTITY',
  REMOVE_QUANTITY = 'REMOVE_QUANTITY',
  CANCEL = 'CANCEL',
  UPGRADE = 'UPGRADE',
  TRANSFER_IN = 'TRANSFER_IN',
  TRANSFER_OUT = 'TRANSFER_OUT',
  CONVERSION = 'CONVERSION',
  PERPETUAL_PURCHASE = 'PERPETUAL_PURCHASE',
  PERPETUAL_REFUND = 'PERPETUAL_REFUND',
}
registerEnumType(ChargeType, {
  name: 'ChargeType',
  description: 'BIL-1/BIL-2/BIL-3: why money moved',
  valuesConfig: {
    NEW: { description: 'The first billing period of a new subscription' },
    RENEW: { description: 'The first billing period of a renewed term (SUB-7)' },
    CYCLE_CHARGE: { description: 'A later billing period of the term (BIL-1)' },
    ADD_QUANTITY: { description: 'Licenses added, to the end of the current period (BIL-2)' },
    REMOVE_QUANTITY: { description: 'Licenses removed within their window: the unused days credited (BIL-2)' },
    CANCEL: { description: 'Cancellation within its window: the unused days credited (BIL-2)' },
    UPGRADE: { description: 'The old SKU credited and the new one charged for the rest of the period (BIL-2)' },
    TRANSFER_IN: { description: 'A subscription received from another partner, charged for the rest of the period (BIL-2)' },
    TRANSFER_OUT: { description: 'A subscription moved to another partner, credited for the rest of the period (BIL-2)' },
    CONVERSION: { description: 'A trial converted to paid (TRI-2, TRI-3)' },
    PERPETUAL_PURCHASE: { description: 'Perpetual software bought (SW-5)' },
    PERPETUAL_REFUND: { description: 'Perpetual software cancelled within 30 days: 100% credit (SW-5)' },
  },
});
