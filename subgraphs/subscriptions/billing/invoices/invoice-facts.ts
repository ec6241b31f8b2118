import type { Graph } from '../../../../shared/graph-client';

type Customer = { id: string; companyName?: string | null; domain?: string | null; country?: string | null };
type Offer = { id: string; name?: string | null; productFamily?: string | null; productId?: string | null; skuId?: string | null };
type Partner = { id: string; partnerId?: string | null };

/** BIL-4: what an invoice line keeps of its customer, offer and partner, read from their owners. */
export interface LineFacts {
  customers: Map<string, Customer>;
  offers: Map<string, Offer>;
  partners: Map<string, Partner>;
}

function byId<T extends { id: string }>(rows: (T | null)[]): Map<string, T> {
  return new Map(rows.filter((row): row is T => Boolean(row)).map((row) => [row.id, row]));
}

/** One `_entities` call per owner for a batch of lines, made with no transaction open. */
export async function lineFacts(graph: Graph, ids: { customerIds: string[]; offerIds: string[]; partnerIds: string[] }): Promise<LineFacts> {
  const [customers, offers, partners] = await Promise.all([
    ids.customerIds.length ? graph.entities<Customer>('customers', 'Customer', ids.customerIds, 'id companyName domain country') : [],
    ids.offerIds.length ? graph.entities<Offer>('catalog', 'Offer', ids.offerIds, 'id name productFamily productId skuId') : [],
    ids.partnerIds.length ? graph.entities<Partner>('customers', 'Partner', ids.partnerIds, 'id partnerId') : [],
  ]);
  return { customers: byId(customers), offers: byId(offers), partners: byId(partners) };
}
