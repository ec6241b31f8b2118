import type { Identity, PartnerType, Role, TenantKind } from './roles';

/**
 * SPEC §10 (ACT-3), as data: who may run each operation. Every mutation of every subgraph
 * carries `@Authorized('<operation>')` and the one authChecker looks the operation up here.
 */
export interface OperationRule {
  /** Roles allowed (besides GLOBAL_ADMIN when `globalAdmin`). */
  roles: readonly Role[];
  /** SPEC §10: GLOBAL_ADMIN may do everything not marked "only". */
  globalAdmin: boolean;
  /** Kind of tenant the caller must belong to. */
  tenantKind: TenantKind;
  /** ACT-1: partner types that may run it (partner operations only). */
  partnerTypes?: readonly PartnerType[];
  /** Sandbox-only operations are refused when NODE_ENV=production. */
  sandboxOnly?: boolean;
}

const TRANSACTING: readonly PartnerType[] = ['DIRECT_BILL', 'INDIRECT_PROVIDER'];
const PROVIDER: readonly PartnerType[] = ['INDIRECT_PROVIDER'];

const customerManagement: OperationRule = {
  roles: ['ADMIN_AGENT', 'SALES_AGENT', 'ACCOUNT_ADMIN'],
  globalAdmin: true,
  tenantKind: 'PARTNER',
  partnerTypes: TRANSACTING,
};
const resellerManagement: OperationRule = {
  roles: ['SALES_AGENT', 'ADMIN_AGENT'],
  globalAdmin: true,
  tenantKind: 'PARTNER',
  partnerTypes: PROVIDER,
};
const commerce: OperationRule = {
  roles: ['ADMIN_AGENT', 'SALES_AGENT', 'HELPDESK_AGENT', 'BILLING_ADMIN'],
  globalAdmin: true,
  tenantKind: 'PARTNER',
  partnerTypes: TRANSACTING,
};
const adminAgentOnly: OperationRule = { roles: ['ADMIN_AGENT'], globalAdmin: false, tenantKind: 'PARTNER', partnerTypes: TRANSACTING };
const operatorOnly: OperationRule = { roles: ['PLATFORM_OPERATOR'], globalAdmin: false, tenantKind: 'PLATFORM' };
/** AUD-2: every partner type receives events about its own business. */
const webhookAdmin: OperationRule = { roles: ['ADMIN_AGENT'], globalAdmin: true, tenantKind: 'PARTNER' };

export const ROLE_MATRIX = {
  // customers subgraph
  onboardPartner: operatorOnly,
  createCustomer: customerManagement,
  updateCustomer: customerManagement,
  createRelationshipRequest: customerManagement,
  removeCustomerRelationship: customerManagement,
  acceptRelationshipRequest: { roles: ['CUSTOMER_ADMIN'], globalAdmin: false, tenantKind: 'CUSTOMER' },
  requestResellerPartnership: resellerManagement,
  removeResellerPartnership: resellerManagement,
  acceptResellerPartnership: { roles: ['ADMIN_AGENT'], globalAdmin: false, tenantKind: 'PARTNER', partnerTypes: ['INDIRECT_RESELLER'] },
  setSandboxClock: { ...operatorOnly, sandboxOnly: true },
  createWebhook: webhookAdmin,
  deleteWebhook: webhookAdmin,
  viewWebhooks: webhookAdmin,
  // catalog subgraph
  importOffers: operatorOnly,
  /** BIL-7: PUT /catalog/price-list. */
  importPriceList: operatorOnly,
  /** BIL-5 */
  importPromotions: operatorOnly,
  /** BIL-5, SPEC §10: promotion eligibility, like invoices, for BILLING_ADMIN and ADMIN_AGENT (and GLOBAL_ADMIN) of any partner. */
  promotionEligibility: { roles: ['BILLING_ADMIN', 'ADMIN_AGENT'], globalAdmin: true, tenantKind: 'PARTNER' },
  // subscriptions subgraph
  /** BIL-3/BIL-4/BIL-8: invoices and their reconciliation files. */
  viewInvoices: { roles: ['BILLING_ADMIN', 'ADMIN_AGENT'], globalAdmin: true, tenantKind: 'PARTNER' },
  createCart: commerce,
  updateCart: commerce,
  deleteCart: commerce,
  checkoutCart: commerce,
  updateSubscriptionQuantity: commerce,
  setSubscriptionAutoRenew: commerce,
  suspendSubscription: commerce,
  reactivateSubscription: commerce,
  cancelSubscription: commerce,
  upgradeSubscription: commerce,
  scheduleRenewalChange: commerce,
  removeScheduledChange: commerce,
  convertTrial: commerce,
  exportSubscriptions: commerce,
  setSubscriptionReseller: resellerManagement,
  setSupportContact: resellerManagement,
  setSubscriptionFriendlyName: commerce,
  generateSoftwareKeys: adminAgentOnly,
  cancelSoftwarePurchase: adminAgentOnly,
  softwareActivityLog: {
    roles: ['ACCOUNT_ADMIN', 'REFERRALS_ADMIN', 'MARKETING_CONTENT_ADMIN'],
    globalAdmin: true,
    tenantKind: 'PARTNER',
  },
  processDueWork: { ...operatorOnly, sandboxOnly: true },
  /** The operator reads due work that keeps failing (not sandbox-only: production needs it most). */
  viewDueWorkFailures: operatorOnly,
  // transfers subgraph
  viewEnterpriseAgreements: { roles: ['ADMIN_AGENT', 'SALES_AGENT', 'ACCOUNT_ADMIN'], globalAdmin: true, tenantKind: 'PARTNER', partnerTypes: TRANSACTING },
  importEnterpriseAgreement: operatorOnly,
  scheduleEaRenewal: adminAgentOnly,
  updateEaRenewal: adminAgentOnly,
  cancelEaRenewal: adminAgentOnly,
  createTransferRequest: { roles: ['ADMIN_AGENT'], globalAdmin: true, tenantKind: 'PARTNER', partnerTypes: TRANSACTING },
  acceptTransferRequest: { roles: ['ADMIN_AGENT'], globalAdmin: true, tenantKind: 'PARTNER', partnerTypes: TRANSACTING },
  rejectTransferRequest: { roles: ['ADMIN_AGENT'], globalAdmin: true, tenantKind: 'PARTNER', partnerTypes: TRANSACTING },
  cancelTransferRequest: { roles: ['ADMIN_AGENT'], globalAdmin: true, tenantKind: 'PARTNER', partnerTypes: TRANSACTING },
} satisfies Record<string, OperationRule>;

export type Operation = keyof typeof ROLE_MATRIX;

export type Decision = 'ALLOW' | 'UNAUTHENTICATED' | 'FORBIDDEN';

/** ACT-3: the decision for one caller and one operation; pure, so the matrix is unit-tested. */
export function decide(operation: Operation, identity: Identity | undefined, production = false): Decision {
  if (!identity) return 'UNAUTHENTICATED';
  const rule: OperationRule = ROLE_MATRIX[operation];
  if (rule.sandboxOnly && production) return 'FORBIDDEN';
  if (identity.tenantKind !== rule.tenantKind) return 'FORBIDDEN';
  if (rule.partnerTypes && (!identity.partnerType || !rule.partnerTypes.includes(identity.partnerType))) return 'FORBIDDEN';
  const allowed = identity.roles.some((role) => rule.roles.includes(role) || (rule.globalAdmin && role === 'GLOBAL_ADMIN'));
  return allowed ? 'ALLOW' : 'FORBIDDEN';
}
