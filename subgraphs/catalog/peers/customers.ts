import { entityRows, representations, type Graph } from '../../../shared/graph-client';
import { CustomersDocument, PartnerIdsDocument, type CustomersQuery, type PartnerIdsQuery } from './customers.generated';

type Row<Q extends { _entities: unknown[] }> = Extract<NonNullable<Q['_entities'][number]>, { id: string }>;

/** The customer facts the catalog needs (CAT-2, CAT-3). */
export type CustomerFacts = Row<CustomersQuery>;

/** The customers subgraph as the catalog reads it (customers.graphql), as the caller. */
export const customersPeer = {
  /** Customers by id, in the order asked; null for a customer the caller may not see (ACT-2). */
  async customers(graph: Graph, ids: readonly string[]): Promise<(CustomerFacts | null)[]> {
    if (!ids.length) return [];
    return entityRows<CustomerFacts>((await graph.request('customers', CustomersDocument, { customers: representations('Customer', ids) }))._entities);
  },

  /** CAT-5: partners' PartnerIDs, in the order asked. */
  async partnerIds(graph: Graph, ids: readonly string[]): Promise<(string | null)[]> {
    if (!ids.length) return [];
    const rows = entityRows<Row<PartnerIdsQuery>>((await graph.request('customers', PartnerIdsDocument, { partners: representations('Partner', ids) }))._entities);
    return rows.map((row) => row?.partnerId ?? null);
  },
};
