import { entityRows, representations, type Graph } from '../../../shared/graph-client';
import { AccessDocument, CustomersDocument, PartnersDocument, type AccessQuery, type PartnersQuery } from './customers.generated';

type Row<T> = Extract<NonNullable<T>, { id: string }>;

/** A partner as the customers subgraph knows it. */
export type PartnerFacts = Row<PartnersQuery['_entities'][number]>;
export type CustomerAccessRow = Row<AccessQuery['customers'][number]>;

/** The customers subgraph as the transfers subgraph reads it (customers.graphql), as the caller. */
export const customersPeer = {
  /** The calling partner and the customers as it sees them (null: unknown or not the caller's, ACT-2), in one call. */
  async access(graph: Graph, partnerTenantId: string, customerIds: readonly string[]): Promise<{ partner: PartnerFacts | null; customers: (CustomerAccessRow | null)[] }> {
    const data = await graph.request('customers', AccessDocument, { partner: representations('Partner', [partnerTenantId]), customers: representations('Customer', customerIds) });
    return { partner: entityRows<PartnerFacts>(data.partner)[0] ?? null, customers: entityRows<CustomerAccessRow>(data.customers) };
  },

  /** XFR-1: the partner a PartnerID names, if onboarded. */
  async partnerByPartnerId(graph: Graph, partnerId: string): Promise<PartnerFacts | null> {
    const data = await graph.request('customers', PartnersDocument, { partners: [{ __typename: 'Partner', partnerId }] });
    return entityRows<PartnerFacts>(data._entities)[0] ?? null;
  },

  /** Whether the caller sees the customer (the operator sees every one). */
  async customerKnown(graph: Graph, customerId: string): Promise<boolean> {
    const data = await graph.request('customers', CustomersDocument, { customers: representations('Customer', [customerId]) });
    return Boolean(entityRows(data._entities)[0]);
  },
};
