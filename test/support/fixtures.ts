import type { PartnerType, Role } from '../../shared/auth/roles';
import { dataOf, type TestStack } from './stack';

let counter = 0;
const unique = () => `${process.pid}${Date.now() % 100000}${(counter += 1)}`;

export interface TestPartner {
  id: string;
  partnerId: string;
  token: (roles?: Role[]) => Promise<string>;
}

/** Onboards a partner through the gateway, as the operator would. */
export async function onboardPartner(t: TestStack, type: PartnerType = 'DIRECT_BILL', region = 'EUROPE', mpaSigned = true): Promise<TestPartner> {
  const partnerId = String(1_000_000 + Math.floor(Math.random() * 8_999_999));
  const data = dataOf(
    await t.gql(
      await t.operatorToken(),
      `mutation($input: OnboardPartnerInput!) { onboardPartner(input: $input) { partner { id partnerId } errors { code message } } }`,
      { input: { name: `Partner ${unique()}`, type, partnerId, region, mpaSigned } },
    ),
  );
  const partner = data.onboardPartner.partner;
  if (!partner) throw new Error(JSON.stringify(data.onboardPartner.errors));
  return { id: partner.id, partnerId: partner.partnerId, token: (roles = ['ADMIN_AGENT']) => t.token(partner.id, roles) };
}

export interface CustomerInput {
  companyName?: string;
  country?: string;
  segment?: string;
  domain?: string;
  indirectResellerId?: string;
  agreementAcceptance?: { signerName: string; signerEmail: string; acceptedAt: string } | null;
}

/** Creates a customer for a partner through the gateway; agreement accepted unless told otherwise. */
export async function createCustomer(t: TestStack, partner: TestPartner, input: CustomerInput = {}): Promise<{ id: string; domain: string }> {
  const domain = input.domain ?? `c${unique()}.example`;
  const data = dataOf(
    await t.gql(
      await partner.token(),
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id domain } errors { code message rule } } }`,
      {
        input: {
          companyName: input.companyName ?? `Customer ${domain}`,
          country: input.country ?? 'DE',
          segment: input.segment ?? 'COMMERCIAL',
          domain,
          indirectResellerId: input.indirectResellerId,
          agreementAcceptance:
            input.agreementAcceptance === null
              ? undefined
              : (input.agreementAcceptance ?? { signerName: 'Ada Signer', signerEmail: `ada@${domain}`, acceptedAt: '2026-01-01T00:00:00Z' }),
        },
      },
    ),
  );
  if (!data.createCustomer.customer) throw new Error(JSON.stringify(data.createCustomer.errors));
  return data.createCustomer.customer;
}
