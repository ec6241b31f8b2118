import { getMetadataStorage } from 'type-graphql';
import { SUBGRAPHS } from '../../subgraphs';
import { buildSchemaOf } from '../subgraph';
import { decide, ROLE_MATRIX, type Operation } from './role-matrix';
import { ALL_ROLES, PARTNER_ROLES, type Identity, type PartnerType, type Role, type TenantKind } from './roles';

/** SPEC §10 restated row by row, independent of ROLE_MATRIX, to check it. */
const SPEC_ROWS: [Operation[], Role[], 'GA' | 'ONLY', TenantKind, PartnerType[]?][] = [
  [['createCustomer', 'updateCustomer', 'createRelationshipRequest', 'removeCustomerRelationship'], ['ADMIN_AGENT', 'SALES_AGENT', 'ACCOUNT_ADMIN'], 'GA', 'PARTNER', ['DIRECT_BILL', 'INDIRECT_PROVIDER']],
  [['acceptRelationshipRequest'], ['CUSTOMER_ADMIN'], 'ONLY', 'CUSTOMER'],
  [['requestResellerPartnership', 'removeResellerPartnership', 'setSubscriptionReseller', 'setSupportContact'], ['SALES_AGENT', 'ADMIN_AGENT'], 'GA', 'PARTNER', ['INDIRECT_PROVIDER']],
  [['acceptResellerPartnership'], ['ADMIN_AGENT'], 'ONLY', 'PARTNER', ['INDIRECT_RESELLER']],
  [
    ['createCart', 'updateCart', 'deleteCart', 'checkoutCart', 'updateSubscriptionQuantity', 'setSubscriptionAutoRenew', 'suspendSubscription', 'reactivateSubscription', 'cancelSubscription', 'setSubscriptionFriendlyName', 'upgradeSubscription', 'scheduleRenewalChange', 'removeScheduledChange', 'convertTrial', 'exportSubscriptions'],
    ['ADMIN_AGENT', 'SALES_AGENT', 'HELPDESK_AGENT', 'BILLING_ADMIN'],
    'GA',
    'PARTNER',
    ['DIRECT_BILL', 'INDIRECT_PROVIDER'],
  ],
  [['createTransferRequest', 'acceptTransferRequest', 'rejectTransferRequest', 'cancelTransferRequest'], ['ADMIN_AGENT'], 'GA', 'PARTNER', ['DIRECT_BILL', 'INDIRECT_PROVIDER']],
  [['generateSoftwareKeys', 'cancelSoftwarePurchase', 'scheduleEaRenewal', 'updateEaRenewal', 'cancelEaRenewal'], ['ADMIN_AGENT'], 'ONLY', 'PARTNER', ['DIRECT_BILL', 'INDIRECT_PROVIDER']],
  [['softwareActivityLog'], ['ACCOUNT_ADMIN', 'REFERRALS_ADMIN', 'MARKETING_CONTENT_ADMIN'], 'GA', 'PARTNER'],
  [['createWebhook', 'deleteWebhook', 'viewWebhooks'], ['ADMIN_AGENT'], 'GA', 'PARTNER'],
  [['viewEnterpriseAgreements'], ['ADMIN_AGENT', 'SALES_AGENT', 'ACCOUNT_ADMIN'], 'GA', 'PARTNER', ['DIRECT_BILL', 'INDIRECT_PROVIDER']],
  [['promotionEligibility', 'viewInvoices'], ['BILLING_ADMIN', 'ADMIN_AGENT'], 'GA', 'PARTNER'],
  [['onboardPartner', 'importOffers', 'importPriceList', 'importPromotions', 'importEnterpriseAgreement', 'setSandboxClock', 'processDueWork', 'viewDueWorkFailures'], ['PLATFORM_OPERATOR'], 'ONLY', 'PLATFORM'],
];

const KIND_OF_ROLE = (role: Role): TenantKind => (PARTNER_ROLES as readonly string[]).includes(role) ? 'PARTNER' : role === 'CUSTOMER_ADMIN' ? 'CUSTOMER' : 'PLATFORM';
const PARTNER_TYPES: PartnerType[] = ['DIRECT_BILL', 'INDIRECT_PROVIDER', 'INDIRECT_RESELLER'];

describe('SPEC §10 role matrix (ACT-3)', () => {
  it('restates every operation of the matrix', () => {
    const covered = SPEC_ROWS.flatMap(([ops]) => ops).sort();
    expect(covered).toEqual(Object.keys(ROLE_MATRIX).sort());
  });

  for (const [operations, roles, ga, kind, types] of SPEC_ROWS) {
    for (const operation of operations) {
      it(`${operation}: allowed exactly for ${roles.join(', ')}${ga === 'GA' ? ' and GLOBAL_ADMIN' : ' (only)'}`, () => {
        for (const role of ALL_ROLES) {
          for (const partnerType of KIND_OF_ROLE(role) === 'PARTNER' ? PARTNER_TYPES : [undefined]) {
            const identity: Identity = { userId: 'u', tenantId: 't', tenantKind: KIND_OF_ROLE(role), partnerType, roles: [role] };
            const roleOk = roles.includes(role) || (ga === 'GA' && role === 'GLOBAL_ADMIN');
            const typeOk = !types || (partnerType !== undefined && types.includes(partnerType));
            const expected = roleOk && typeOk && identity.tenantKind === kind ? 'ALLOW' : 'FORBIDDEN';
            expect([operation, role, partnerType, decide(operation, identity)]).toEqual([operation, role, partnerType, expected]);
          }
        }
        expect(decide(operation, undefined)).toBe('UNAUTHENTICATED');
      });
    }
  }

  it('refuses sandbox-only operations in production', () => {
    const operator: Identity = { userId: 'o', tenantId: 'platform', tenantKind: 'PLATFORM', roles: ['PLATFORM_OPERATOR'] };
    expect(decide('setSandboxClock', operator, true)).toBe('FORBIDDEN');
    expect(decide('setSandboxClock', operator, false)).toBe('ALLOW');
  });

  it('every mutation of every subgraph carries @Authorized with its matrix operation', async () => {
    for (const definition of Object.values(SUBGRAPHS)) {
      const schema = await buildSchemaOf(definition);
      const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
      const authorized = getMetadataStorage().authorizedFields;
      for (const mutation of mutations) {
        const entry = authorized.find((a) => a.fieldName === mutation && a.roles.length > 0);
        expect([mutation, entry?.roles]).toEqual([mutation, [mutation]]);
        expect(ROLE_MATRIX).toHaveProperty(mutation);
      }
    }
  });
});
