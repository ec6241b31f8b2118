import type { SubscriptionsContext } from '../context';
import type { CustomerFacts, OfferFacts, PartnerFacts, ResellerFacts } from './checkout.policy';
import { resellerDirectory } from '../lifecycle/subscription-resellers';

/**
 * Facts owned by other subgraphs, asked through the graph as the caller (never through their
 * tables): one call to the customers subgraph and one to the catalog per checkout.
 */

const OFFER_FIELDS =
  'id provisioningId category lifecycle publisher segments markets termDurations billingFrequencies minQuantity maxQuantity onePerCustomer prerequisites isTrial marketplaceTrialDays setupUrl addOnRule { kind percent } isSoftware isPerpetual termBilling { termDuration billingFrequencies }';

/** An offer as the cart needs it to validate lines (no market yet). */
export interface CatalogOffer extends Omit<OfferFacts, 'price'> {
  termDurations: string[];
  billingFrequencies: string[];
  isTrial?: boolean;
  price?: { amount: string; currency: string } | null;
  /** ORD-6: the publisher's setup link (marketplace SaaS), when the catalog has one. */
  setupUrl?: string | null;
  /** ORD-6: days of the marketplace free trial, when the offer has one. */
  marketplaceTrialDays?: number | null;
  /** SW-1: software; perpetual software is bought as an order line without a subscription. */
  isSoftware?: boolean;
  /** SW-3: billing frequencies per term, where the SKU restricts them. */
  termBilling?: { termDuration: string; billingFrequencies: string[] }[] | null;
}

/**
 * Offers by id; unknown ids are absent. For a customer, each also carries its price in the
 * customer's market and the catalog's purchasability verdict (CAT-3/5/8) — one call.
 */
export async function catalogOffers(
  ctx: SubscriptionsContext,
  ids: string[],
  forCustomer?: { id: string; market: string },
): Promise<Map<string, CatalogOffer>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const variables: Record<string, unknown> = { r: unique.map((id) => ({ __typename: 'Offer', id })) };
  let extra = '';
  let declarations = '$r: [_Any!]!';
  if (forCustomer) {
    declarations += ', $market: String!, $customerId: ID!';
    variables.market = forCustomer.market;
    variables.customerId = forCustomer.id;
    extra = ' price(market: $market) { amount currency } purchasable(customerId: $customerId) { allowed reason detail message rule }';
  }
  const data = await ctx.graph.query<{ _entities: (CatalogOffer | null)[] }>(
    'catalog',
    `query(${declarations}) { _entities(representations: $r) { ... on Offer { ${OFFER_FIELDS}${extra} } } }`,
    variables,
  );
  const map = new Map<string, CatalogOffer>();
  for (const row of data._entities) if (row) map.set(row.id, row);
  return map;
}

export interface PartyFacts {
  customer: CustomerFacts | null;
  partner: PartnerFacts & { partnerId: string; mpaSigned: boolean };
  /** Keyed by PartnerID as named in the cart or input. */
  resellers: Record<string, ResellerFacts & { tenantId?: string }>;
}

interface Verification {
  partnerId: string;
  valid: boolean;
  name?: string | null;
  reason?: string | null;
}

/**
 * REL-1/3/6, ORD-2/3: the customer as the caller sees it (null without a relationship), the
 * caller itself, and the verification (RES-2) and partnership (RES-3) of every named reseller.
 */
export async function partyFacts(
  ctx: SubscriptionsContext,
  customerId: string,
  partnerTenantId: string,
  namedResellers: string[],
  askPartnerships: boolean,
): Promise<PartyFacts> {
  const names = [...new Set(namedResellers)];
  const variables: Record<string, unknown> = {
    r: [
      { __typename: 'Customer', id: customerId },
      { __typename: 'Partner', id: partnerTenantId },
    ],
  };
  const declarations = ['$r: [_Any!]!'];
  const fields = [
    `_entities(representations: $r) {
      ... on Customer { id country segment agreementAccepted relationshipActive }
      ... on Partner { id type partnerId region mpaSigned }
    }`,
  ];
  names.forEach((name, index) => {
    declarations.push(`$p${index}: String!`);
    variables[`p${index}`] = name;
    fields.push(`v${index}: verifyPartnerId(partnerId: $p${index}) { partnerId valid name reason }`);
  });
  // RES-3: the caller's partnered resellers, read the one way they are read (every page).
  const [data, partnered] = await Promise.all([
    ctx.graph.query<Record<string, unknown>>('customers', `query(${declarations.join(', ')}) { ${fields.join('\n')} }`, variables),
    names.length && askPartnerships ? resellerDirectory.partneredResellers(ctx) : Promise.resolve([]),
  ]);
  const [customer, partner] = data._entities as [CustomerFacts | null, PartyFacts['partner'] | null];
  if (!partner) throw new Error('the calling partner is not known to the customers subgraph');
  const resellers: PartyFacts['resellers'] = {};
  names.forEach((name, index) => {
    const verification = data[`v${index}`] as Verification;
    const node = partnered.find((n) => n.partnerId === name);
    resellers[name] = { valid: verification.valid, partnered: Boolean(node), reason: verification.reason, tenantId: node?.id };
  });
  return { customer, partner, resellers };
}
