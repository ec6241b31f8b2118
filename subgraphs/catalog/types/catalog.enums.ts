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
