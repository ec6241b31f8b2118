import { entityRows, representations, type Graph } from '../../../shared/graph-client';
import { CustomersDocument, PartiesDocument, PartneredResellersDocument, PartnersDocument, VerifyPartnerIdDocument, type CustomersQuery, type PartneredResellersQuery, type PartnersQuery, type VerifyPartnerIdQuery } from './customers.generated';

/**
 * The customers subgraph as the subscriptions subgraph reads it: each fact one way, through the
 * documents of customers.graphql, as the caller (ACT-2 scoping is the owner's).
 */

type Row<Q extends { _entities: unknown[] }> = Extract<NonNullable<Q['_entities'][number]>, { id: string }>;
export type CustomerFacts = Row<CustomersQuery>;
export type PartnerFacts = Row<PartnersQuery>;
export type PartnerIdCheck = VerifyPartnerIdQuery['verifyPartnerId'];

export interface PartneredReseller {
  id: string;
  partnerId: string;
}

/** A customer's country as a price market (ISO 3166-1 alpha-2), else null. */
export function marketOf(customer: Pick<CustomerFacts, 'country'> | null): string | null {
  return customer && /^[A-Z]{2}$/.test(customer.country) ? customer.country : null;
}

export const customersPeer = {
  /** Customers as the caller sees them, in the order asked; null when unknown or without a relationship (ACT-2). */
  async customers(graph: Graph, ids: readonly string[]): Promise<(CustomerFacts | null)[]> {
    if (!ids.length) return [];
    const rows = await graph.request('customers', CustomersDocument, { customers: representations('Customer', ids) });
    return entityRows<CustomerFacts>(rows._entities);
  },

  async customer(graph: Graph, id: string): Promise<CustomerFacts | null> {
    return (await customersPeer.customers(graph, [id]))[0] ?? null;
  },

  /** The price market of a customer (its country); null when the caller may not see it. */
  async market(graph: Graph, customerId: string): Promise<string | null> {
    return marketOf(await customersPeer.customer(graph, customerId));
  },

  /** A checkout's parties, the customer (as the caller sees it) and the calling partner, in one request. */
  async parties(graph: Graph, customerId: string, partnerId: string): Promise<{ customer: CustomerFacts | null; partner: PartnerFacts | null }> {
    const rows = await graph.request('customers', PartiesDocument, { customer: representations('Customer', [customerId]), partner: representations('Partner', [partnerId]) });
    return { customer: entityRows<CustomerFacts>(rows.customer)[0] ?? null, partner: entityRows<PartnerFacts>(rows.partner)[0] ?? null };
  },

  /** Partners by id, in the order asked. */
  async partners(graph: Graph, ids: readonly string[]): Promise<(PartnerFacts | null)[]> {
    if (!ids.length) return [];
    const rows = await graph.request('customers', PartnersDocument, { partners: representations('Partner', ids) });
    return entityRows<PartnerFacts>(rows._entities);
  },

  async partner(graph: Graph, id: string): Promise<PartnerFacts | null> {
    return (await customersPeer.partners(graph, [id]))[0] ?? null;
  },

  /** RES-2: whether a PartnerID is an onboarded reseller with a signed MPA. */
  async verifyPartnerId(graph: Graph, partnerId: string): Promise<PartnerIdCheck> {
    return (await graph.request('customers', VerifyPartnerIdDocument, { partnerId })).verifyPartnerId;
  },

  /** RES-3: every reseller the calling provider is partnered with (at most 20 pages of 100). */
  async partneredResellers(graph: Graph): Promise<PartneredReseller[]> {
    const resellers: PartneredReseller[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { indirectResellers }: PartneredResellersQuery = await graph.request('customers', PartneredResellersDocument, { after });
      resellers.push(...indirectResellers.edges.map((edge) => edge.node));
      if (!indirectResellers.pageInfo.hasNextPage) break;
      after = indirectResellers.pageInfo.endCursor;
    }
    return resellers;
  },
};
