import type { Graph } from '../../../shared/graph-client';

/** A catalog offer as EA renewals need it (EA-3, EA-4, EA-5). */
export interface OfferFacts {
  id: string;
  provisioningId: string;
  segments: string[];
  lifecycle: string;
  termDurations: string[];
  billingFrequencies: string[];
  minQuantity: number;
  maxQuantity: number;
  /** SW-3: billing frequencies per term where the SKU restricts them. */
  termBilling?: { termDuration: string; billingFrequencies: string[] }[] | null;
  price?: { amount: string; currency: string } | null;
}

const FIELDS = 'id provisioningId segments lifecycle termDurations billingFrequencies minQuantity maxQuantity termBilling { termDuration billingFrequencies }';

/**
 * EA-3/EA-4: the catalog offer of each provisioning id, end-of-sale ones included; absent when
 * CSP has no such SKU. One call to the catalog, an exact match per id.
 */
export async function offersByProvisioningId(graph: Graph, provisioningIds: readonly string[]): Promise<Map<string, OfferFacts>> {
  const unique = [...new Set(provisioningIds)];
  if (!unique.length) return new Map();
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const fields = unique.map((id, index) => {
    variables[`s${index}`] = id;
    declarations.push(`$s${index}: String!`);
    return `o${index}: offers(first: 100, filter: { search: $s${index}, includeEndOfSale: true }) { edges { node { ${FIELDS} } } }`;
  });
  const data = await graph.query<Record<string, { edges: { node: OfferFacts }[] }>>('catalog', `query(${declarations.join(', ')}) { ${fields.join('\n')} }`, variables);
  const found = new Map<string, OfferFacts>();
  unique.forEach((id, index) => {
    const match = data[`o${index}`].edges.map((edge) => edge.node).find((offer) => offer.provisioningId === id);
    if (match) found.set(id, match);
  });
  return found;
}

/** One offer by id, with its price in `market` when asked; null when the catalog no longer has it. */
export async function offerById(graph: Graph, offerId: string, market?: string): Promise<OfferFacts | null> {
  const data = await graph.query<{ _entities: (OfferFacts | null)[] }>(
    'catalog',
    `query($r: [_Any!]!, $market: String!, $priced: Boolean!) { _entities(representations: $r) {
      ... on Offer { ${FIELDS} price(market: $market) @include(if: $priced) { amount currency } }
    } }`,
    { r: [{ __typename: 'Offer', id: offerId }], market: market ?? '', priced: Boolean(market) },
  );
  return data._entities[0] ?? null;
}

/** EA-3: a SKU is commercial when the catalog sells it to commercial customers. */
export function isCommercialOffer(offer: OfferFacts): boolean {
  return offer.segments.includes('COMMERCIAL');
}
