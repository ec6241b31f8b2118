import type { Role } from '../../shared/auth/roles';
import { onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, type GraphQLResponse, type TestStack } from '../support/stack';

export const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) {
  customer { id companyName country relationshipActive indirectResellerId agreementAccepted }
  adminCredentials { userName temporaryPassword } errors { code message rule field } } }`;
export const UPDATE_CUSTOMER = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) {
  customer { id companyName agreementAccepted agreementAcceptance { signerName signerEmail acceptedAt } } errors { code message rule } } }`;
export const CREATE_REQUEST = `mutation($input: CreateRelationshipRequestInput) { createRelationshipRequest(input: $input) {
  request { id url status indirectResellerId } errors { code message rule } } }`;
export const ACCEPT_REQUEST = `mutation($input: AcceptRelationshipRequestInput!) { acceptRelationshipRequest(input: $input) {
  customer { id } errors { code message rule } } }`;
export const REMOVE_RELATIONSHIP = `mutation($input: RemoveCustomerRelationshipInput!) { removeCustomerRelationship(input: $input) {
  customer { id } errors { code message rule } } }`;
export const REQUEST_PARTNERSHIP = `mutation($input: RequestResellerPartnershipInput!) { requestResellerPartnership(input: $input) {
  invitation { id url emailDraft resellerEmail resellerPartnerId } errors { code message rule } } }`;
export const ACCEPT_PARTNERSHIP = `mutation($input: AcceptResellerPartnershipInput!) { acceptResellerPartnership(input: $input) {
  partnership { id status provider { id } reseller { id } } errors { code message rule } } }`;
export const REMOVE_PARTNERSHIP = `mutation($input: RemoveResellerPartnershipInput!) { removeResellerPartnership(input: $input) {
  removed errors { code message rule } } }`;

let counter = 0;
export const uniqueDomain = (prefix = 'c') => `${prefix}${process.pid}-${Date.now() % 1_000_000}-${(counter += 1)}.example`;

export function customerInput(overrides: Record<string, unknown> = {}) {
  const domain = uniqueDomain();
  return {
    companyName: `Customer ${domain}`,
    country: 'DE',
    segment: 'COMMERCIAL',
    domain,
    agreementAcceptance: { signerName: 'Ada Signer', signerEmail: `ada@${domain}`, acceptedAt: '2026-01-01T00:00:00.000Z' },
    ...overrides,
  };
}

/** Runs a mutation and returns its payload (throws on top-level errors). */
export async function payload(t: TestStack, token: string, query: string, input: unknown): Promise<any> {
  const data = dataOf(await t.gql(token, query, { input }));
  return Object.values(data as Record<string, unknown>)[0];
}

export const customerToken = (t: TestStack, customerId: string, roles: Role[] = ['CUSTOMER_ADMIN']) => t.token(customerId, roles);

/** A provider with an active partnership with a fresh reseller (RES-1), both onboarded. */
export async function partneredReseller(t: TestStack, region = 'EUROPE'): Promise<{ provider: TestPartner; reseller: TestPartner }> {
  const provider = await onboardPartner(t, 'INDIRECT_PROVIDER', region);
  const reseller = await onboardPartner(t, 'INDIRECT_RESELLER', region);
  const invitation = (await payload(t, await provider.token(), REQUEST_PARTNERSHIP, { resellerEmail: 'owner@reseller.example', resellerPartnerId: reseller.partnerId })).invitation;
  const accepted = await payload(t, await reseller.token(), ACCEPT_PARTNERSHIP, { invitationId: invitation.id });
  if (!accepted.partnership) throw new Error(JSON.stringify(accepted.errors));
  return { provider, reseller };
}

export async function count(t: TestStack, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await t.db.query(`select count(*)::int as n from (${sql}) q`, params);
  return rows.rows[0].n;
}

export const ids = (response: GraphQLResponse, field: string): string[] =>
  dataOf(response)[field].edges.map((edge: { node: { id: string } }) => edge.node.id);
