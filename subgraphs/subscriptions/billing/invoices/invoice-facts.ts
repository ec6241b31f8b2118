import type { Graph } from '../../../../shared/graph-client';
import { catalogPeer, type CatalogOffer } from '../../peers/catalog';
import { customersPeer, type CustomerFacts, type PartnerFacts } from '../../peers/customers';

/** BIL-4: what an invoice line keeps of its customer, offer and partner, read from their owners. */
export interface LineFacts {
  customers: Map<string, CustomerFacts>;
  offers: Map<string, CatalogOffer>;
  partners: Map<string, PartnerFacts>;
}

function byId<T extends { id: string }>(rows: (T | null)[]): Map<string, T> {
  return new Map(rows.filter((row): row is T => Boolean(row)).map((row) => [row.id, row]));
}

/** One call per owner and kind for a batch of lines, made with no transaction open. */
export async function lineFacts(graph: Graph, ids: { customerIds: string[]; offerIds: string[]; partnerIds: string[] }): Promise<LineFacts> {
  const [customers, offers, partners] = await Promise.all([
    customersPeer.customers(graph, ids.customerIds),
    catalogPeer.offers(graph, ids.offerIds),
    customersPeer.partners(graph, ids.partnerIds),
  ]);
  return { customers: byId(customers), offers, partners: byId(partners) };
}
