import { registerEnumType } from 'type-graphql';

export enum OfferLifecycle {
  AVAILABLE = 'AVAILABLE',
  END_OF_SALE = 'END_OF_SALE',
  END_OF_SALE_WITH_CONVERSIONS = 'END_OF_SALE_WITH_CONVERSIONS',
}
registerEnumType(OfferLifecycle, { name: 'OfferLifecycle' });

export enum OfferCategory {
  ENTERPRISE = 'ENTERPRISE',
  SMALL_BUSINESS = 'SMALL_BUSINESS',
  TRIAL = 'TRIAL',
}
registerEnumType(OfferCategory, { name: 'OfferCategory' });

export enum PublisherType {
  MICROSOFT = 'MICROSOFT',
  ISV = 'ISV',
}
registerEnumType(PublisherType, { name: 'PublisherType' });

export enum BillingType {
  LICENSE = 'LICENSE',
  USAGE = 'USAGE',
}
registerEnumType(BillingType, { name: 'BillingType' });

export enum UpgradeKind {
  LINEAR = 'LINEAR',
  CATEGORY_SWITCH = 'CATEGORY_SWITCH',
  MANY_TO_ONE = 'MANY_TO_ONE',
}
registerEnumType(UpgradeKind, { name: 'UpgradeKind', description: 'CAT-10' });

export enum SuitePersona {
  INFORMATION_WORKER = 'INFORMATION_WORKER',
  FRONTLINE_WORKER = 'FRONTLINE_WORKER',
}
registerEnumType(SuitePersona, { name: 'SuitePersona', description: 'CAT-11' });

export enum SuiteSector {
  COMMERCIAL_ENTERPRISE = 'COMMERCIAL_ENTERPRISE',
  COMMERCIAL_SMB = 'COMMERCIAL_SMB',
  GOVERNMENT = 'GOVERNMENT',
  EDUCATION = 'EDUCATION',
}
registerEnumType(SuiteSector, { name: 'SuiteSector', description: 'CAT-11' });

export enum AddOnRuleKind {
  /** CAT-7: add-on licenses ≤ the customer's eligible base licenses (all partners, plus the cart). */
  COPILOT_MAX_BASE = 'COPILOT_MAX_BASE',
  /** CAT-7: add-on licenses ≥ `percent` % of the customer's eligible base licenses. */
  MULTI_GEO_MIN_PERCENT = 'MULTI_GEO_MIN_PERCENT',
}
registerEnumType(AddOnRuleKind, { name: 'AddOnRuleKind' });
