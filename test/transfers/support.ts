import type { Role } from '../../shared/auth/roles';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, type GraphQLResponse, type TestStack } from '../support/stack';

export const SCHEDULE_FIELDS = 'id status processAt quantity termDuration billingFrequency coterminousWithSubscriptionId submittedAt statusReason subscription { id }';
export const AGREEMENT_FIELDS = `id number endDate inExtendedTerm
  subscriptions { id provisioningId offer { id } quantity endDate availability availabilityReason schedule { ${SCHEDULE_FIELDS} } }`;
export const TRANSFER_FIELDS = `id status direction customer { id } sourcePartnerId targetPartnerId customerEmail createdAt expiresAt answeredAt completedAt failureReason
  items { sourceSubscriptionId targetSubscriptionId }`;

export interface EaLine {
  offerProvisioningId: string;
  quantity: number;
  endDate: string;
  commercial?: boolean;
}

export interface AgreementInput {
  customerId: string;
  number: string;
  endDate: string;
  inExtendedTerm?: boolean;
  renewed?: boolean;
  subscriptions: EaLine[];
}

let counter = 0;
export const agreementNumber = () => `EA-${process.pid}-${Date.now() % 1_000_000}-${(counter += 1)}`;

/** The EA system's data, loaded by the operator. */
export async function importAgreement(t: TestStack, input: AgreementInput): Promise<GraphQLResponse> {
  return t.gql(
    await t.operatorToken(),
    `mutation($input: ImportEnterpriseAgreementInput!) { importEnterpriseAgreement(input: $input) {
      agreement { id number endDate subscriptions { id provisioningId quantity endDate } } errors { code message rule } } }`,
    { input },
  );
}

/** Imports an agreement and returns its EA subscription ids by provisioning id. */
export async function agreement(t: TestStack, input: AgreementInput): Promise<{ id: string; sub: Record<string, string> }> {
  const payload = dataOf(await importAgreement(t, input)).importEnterpriseAgreement;
  if (!payload.agreement) throw new Error(JSON.stringify(payload.errors));
  return { id: payload.agreement.id, sub: Object.fromEntries(payload.agreement.subscriptions.map((s: { id: string; provisioningId: string }) => [s.provisioningId, s.id])) };
}

export async function agreementsOf(t: TestStack, token: string, customerId: string): Promise<any[]> {
  return dataOf(await t.gql(token, `query($id: ID!) { customer(id: $id) { enterpriseAgreements { ${AGREEMENT_FIELDS} } } }`, { id: customerId })).customer.enterpriseAgreements;
}

/** The EA subscription as the caller sees it among the customer's agreements, or undefined. */
export async function eaSubscription(t: TestStack, token: string, customerId: string, eaSubscriptionId: string): Promise<any> {
  return (await agreementsOf(t, token, customerId)).flatMap((a) => a.subscriptions).find((s: { id: string }) => s.id === eaSubscriptionId);
}

export interface ScheduleInput {
  eaSubscriptionId: string;
  termDuration?: string;
  billingFrequency?: string;
  quantity?: number;
  coterminousWithSubscriptionId?: string;
}

export async function schedule(t: TestStack, token: string, input: ScheduleInput): Promise<any> {
  const body = await t.gql(token, `mutation($input: ScheduleEaRenewalInput!) { scheduleEaRenewal(input: $input) { schedule { ${SCHEDULE_FIELDS} } errors { code message rule field } } }`, {
    input: { termDuration: 'P1Y', billingFrequency: 'MONTHLY', quantity: 10, ...input },
  });
  return dataOf(body).scheduleEaRenewal;
}

export async function updateSchedule(t: TestStack, token: string, input: Record<string, unknown>): Promise<any> {
  return dataOf(await t.gql(token, `mutation($input: UpdateEaRenewalInput!) { updateEaRenewal(input: $input) { schedule { ${SCHEDULE_FIELDS} } errors { code message rule field } } }`, { input })).updateEaRenewal;
}

export async function cancelSchedule(t: TestStack, token: string, scheduleId: string): Promise<any> {
  return dataOf(await t.gql(token, `mutation($input: CancelEaRenewalInput!) { cancelEaRenewal(input: $input) { schedule { ${SCHEDULE_FIELDS} } errors { code message rule } } }`, { input: { scheduleId } })).cancelEaRenewal;
}

export async function transferMutation(t: TestStack, token: string, name: string, input: Record<string, unknown>): Promise<any> {
  const inputType = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
  return dataOf(await t.gql(token, `mutation($input: ${inputType}!) { ${name}(input: $input) { transfer { ${TRANSFER_FIELDS} } errors { code message rule field } } }`, { input }))[name];
}

export async function transfers(t: TestStack, token: string, filter: Record<string, unknown> = {}): Promise<any[]> {
  const body = await t.gql(token, `query($filter: TransferRequestFilter) { transferRequests(first: 100, filter: $filter) { totalCount edges { node { ${TRANSFER_FIELDS} } } } }`, { filter });
  return dataOf(body).transferRequests.edges.map((edge: { node: unknown }) => edge.node);
}

/** Gives `partner` a relationship with an existing customer (REL-2: request, accepted by the customer's admin). */
export async function relate(t: TestStack, partner: TestPartner, customerId: string): Promise<void> {
  const request = dataOf(await t.gql(await partner.token(), 'mutation { createRelationshipRequest(input: {}) { request { id } errors { code message } } }')).createRelationshipRequest.request;
  const accepted = dataOf(
    await t.gql(await t.token(customerId, ['CUSTOMER_ADMIN'] as Role[]), 'mutation($input: AcceptRelationshipRequestInput!) { acceptRelationshipRequest(input: $input) { customer { id } errors { code message } } }', {
      input: { requestId: request.id },
    }),
  ).acceptRelationshipRequest;
  if (!accepted.customer) throw new Error(JSON.stringify(accepted.errors));
}

export async function removeRelationship(t: TestStack, partner: TestPartner, customerId: string): Promise<any> {
  return dataOf(
    await t.gql(await partner.token(), 'mutation($input: RemoveCustomerRelationshipInput!) { removeCustomerRelationship(input: $input) { customer { id } errors { code message rule } } }', {
      input: { customerId },
    }),
  ).removeCustomerRelationship;
}

/** Two European direct-bill partners that both have a relationship with one German customer. */
export async function twoPartnersOneCustomer(t: TestStack): Promise<{ a: TestPartner; b: TestPartner; customerId: string }> {
  const a = await onboardPartner(t);
  const b = await onboardPartner(t);
  const customerId = (await createCustomer(t, a)).id;
  await relate(t, b, customerId);
  return { a, b, customerId };
}

export async function rows(t: TestStack, sql: string, params: unknown[] = []): Promise<any[]> {
  return (await t.db.query(sql, params)).rows;
}

export async function count(t: TestStack, sql: string, params: unknown[] = []): Promise<number> {
  return (await t.db.query(`select count(*)::int as n from (${sql}) q`, params)).rows[0].n;
}

export const AUDIT = `query($from: DateTime, $to: DateTime) { auditRecords(from: $from, to: $to, first: 100) { edges { node { operation resourceType resourceId userId at } } } }`;

export async function auditOf(t: TestStack, token: string, from: string, to: string): Promise<{ operation: string; resourceType: string; resourceId: string }[]> {
  return dataOf(await t.gql(token, AUDIT, { from, to })).auditRecords.edges.map((edge: { node: any }) => edge.node);
}

/** The caller's schedule as the eaRenewalSchedule query shows it (visible without the customer, EA-8). */
export async function scheduleById(t: TestStack, token: string, id: string): Promise<any> {
  return dataOf(await t.gql(token, `query($id: ID!) { eaRenewalSchedule(id: $id) { ${SCHEDULE_FIELDS} completedAt } }`, { id })).eaRenewalSchedule;
}
