import { registerEnumType } from 'type-graphql';

export enum OfferLifecycle {
  AVAILABLE = 'AVAILABLE',
  END_OF_SALE = 'END_OF_SALE',
  END_OF_SALE_WITH_CONVERSIONS = 'END_OF_SALE_WITH_CONVERSIONS',
}
registerEnumType(OfferLifecycle, {
  name: 'OfferLifecycle',
  description: 'CAT-1, CAT-3: whether an offer can still be bought',
  valuesConfig: {
    AVAILABLE: { description: 'Can be bought' },
    END_OF_SALE: { description: 'No longer sold from the catalog; reachable only by an EA renewal (EA-4)' },
    END_OF_SALE_WITH_CONVERSIONS: { description: 'No longer sold from the catalog, but still an upgrade target' },
  },
});

export enum OfferCategory {
  ENTERPRISE = 'ENTERPRISE',
  SMALL_BUSINESS = 'SMALL_BUSINESS',
  TRIAL = 'TRIAL',
}
registerEnumType(OfferCategory, {
  name: 'OfferCategory',
  description: 'CAT-1: the category of an offer',
  valuesConfig: {
    ENTERPRISE: { description: 'Enterprise offers' },
    SMALL_BUSINESS: { description: 'Small-business offers (CAT-6: at most 300 licences per customer for the suites)' },
    TRIAL: { description: 'Trial offers (CAT-9: 25 licences, one month)' },
  },
});

export enum PublisherType {
  MICROSOFT = 'MICROSOFT',
  ISV = 'ISV',
}
registerEnumType(PublisherType, {
  name: 'PublisherType',
  description: 'CAT-1: who publishes an offer',
  valuesConfig: {
    MICROSOFT: { description: 'Microsoft' },
    ISV: { description: 'An independent software vendor (marketplace SaaS)' },
  },
});

export enum BillingType {
  LICENSE = 'LICENSE',
  USAGE = 'USAGE',
}
registerEnumType(BillingType, {
  name: 'BillingType',
  description: 'CAT-1: how an offer is billed',
  valuesConfig: {
    LICENSE: { description: 'Per licence (seat), for a term' },
    USAGE: { description: 'By consumption' },
  },
});

export enum UpgradeKind {
  LINEAR = 'LINEAR',
  CATEGORY_SWITCH = 'CATEGORY_SWITCH',
  MANY_TO_ONE = 'MANY_TO_ONE',
}
registerEnumType(UpgradeKind, {
  name: 'UpgradeKind',
  description: 'CAT-10',
  valuesConfig: {
    LINEAR: { description: 'Same category, a suite up' },
    CATEGORY_SWITCH: { description: 'To another category that costs more, adds value or removes a constraint' },
    MANY_TO_ONE: { description: 'Two standalone SKUs combined into one higher SKU (UPG-7)' },
  },
});

export enum SuitePersona {
  INFORMATION_WORKER = 'INFORMATION_WORKER',
  FRONTLINE_WORKER = 'FRONTLINE_WORKER',
}
registerEnumType(SuitePersona, {
  name: 'SuitePersona',
  description: 'CAT-11',
  valuesConfig: {
    INFORMATION_WORKER: { description: 'Information workers' },
    FRONTLINE_WORKER: { description: 'Frontline workers' },
  },
});

export enum SuiteSector {
  COMMERCIAL_ENTERPRISE = 'COMMERCIAL_ENTERPRISE',
  COMMERCIAL_SMB = 'COMMERCIAL_SMB',
  GOVERNMENT = 'GOVERNMENT',
  EDUCATION = 'EDUCATION',
}
registerEnumType(SuiteSector, {
  name: 'SuiteSector',
  description: 'CAT-11',
  valuesConfig: {
    COMMERCIAL_ENTERPRISE: { description: 'Commercial enterprise' },
    COMMERCIAL_SMB: { description: 'Commercial small and medium business' },
    EDUCATION: { description: 'Education' },
    GOVERNMENT: { description: 'Government' },
  },
});

export enum AddOnRuleKind {
  /** CAT-7: add-on licenses ≤ the customer's eligible base licenses (all partners, plus the cart). */
  COPILOT_MAX_BASE = 'COPILOT_MAX_BASE',
  /** CAT-7: add-on licenses ≥ `percent` % of the customer's eligible base licenses. */
  MULTI_GEO_MIN_PERCENT = 'MULTI_GEO_MIN_PERCENT',
}
registerEnumType(AddOnRuleKind, {
  name: 'AddOnRuleKind',
  description: 'CAT-7: how an add-on is limited by its base licences',
  valuesConfig: {
    COPILOT_MAX_BASE: { description: 'At most as many licences as the eligible base licences (ADDON_LIMIT_EXCEEDED)' },
    MULTI_GEO_MIN_PERCENT: { description: 'At least a percentage of the eligible base licences, e.g. 5% (ADDON_MINIMUM_NOT_MET)' },
  },
});
