import type { RequestContext } from '../../../shared/context';
import { glanceAtOwnSubscription, type SubscriptionGlance } from '../lifecycle/subscription-peek';

/**
 * Catalog and customer facts of upgrades, trial conversions and scheduled changes (CAT-10,
 * UPG-*, TRI-3, SCH-1), read through the graph as the caller before the unit opens; the unit
 * re-reads the subscription and refuses facts read for another SKU (CONFLICT, retry).
 */

/** What these changes need to know of an offer. */
export interface CatalogSku {
  id: string;
  provisioningId: string;
  category: string;
  minQuantity: number;
  maxQuantity: number;
  termDurations: string[];
  billingFrequencies: string[];
  /** Trial SKUs: the paid equivalent (TRI-2). */
  paidOfferId?: string | null;
  /** Monthly unit price in the customer's market; null when it is not sold there. */
  price?: { amount: string; currency: string } | null;
}

/** The catalog's verdict on a path source → target (CAT-10). */
export interface Eligibility {
  eligible: boolean;
  kind?: string | null;
  detail?: string | null;
  message?: string | null;
  rule?: string | null;
}

/** The subscription as it stood when the facts were read. */
export interface ChangeFacts {
  subscription: SubscriptionGlance;
  /** The customer's country (the price market); null when the caller may not see the customer (REL-1). */
  market: string | null;
  /** The subscription's offer, and for a trial its paid equivalent (the base of its eligible targets). */
  current: CatalogSku | null;
  /** The SKU eligibility is judged from: the subscription's own, or a trial's paid equivalent (null: it has none). */
  baseOfferId: string | null;
  paidEquivalent: CatalogSku | null;
  /** The requested offer; null when the catalog does not know it. */
  target: CatalogSku | null;
  /** From the current offer (a trial: its paid equivalent) to the target; null when the target is that offer. */
  eligibility: Eligibility | null;
  /** UPG-3: offers the customer still holds through running Enterprise Agreements (another channel). */
  eaHeldOfferIds: string[];
}

const SKU_FIELDS = 'id provisioningId category minQuantity maxQuantity termDurations billingFrequencies paidOfferId';

/**
 * Before the unit: the facts of changing subscription `subscriptionId` to `targetOfferId`
 * (default: the subscription's own SKU, or for a trial its paid equivalent). Null when the
 * caller has no such subscription (the unit answers NOT_FOUND). Three calls at most: the
 * customer's country, the offers, then prices and eligibility.
 */
export async function readChangeFacts(ctx: RequestContext<unknown>, subscriptionId: string, targetOfferId?: string | null): Promise<ChangeFacts | null> {
  const subscription = await glanceAtOwnSubscription(ctx, subscriptionId);
  if (!subscription) return null;
  const [customers, currentRows, held] = await Promise.all([
    ctx.graph.entities<{ country: string }>('customers', 'Customer', [subscription.customerId], 'country'),
    ctx.graph.entities<CatalogSku>('catalog', 'Offer', [subscription.offerId], SKU_FIELDS),
    ctx.graph.entities<{ eaHeldOfferIds: string[] }>('transfers', 'Customer', [subscription.customerId], 'eaHeldOfferIds'),
  ]);
  const market = customers[0]?.country && /^[A-Z]{2}$/.test(customers[0].country) ? customers[0].country : null;
  const current = currentRows[0] ?? null;
  const baseId = subscription.isTrial ? (current?.paidOfferId ?? null) : subscription.offerId;
  const targetId = typeof targetOfferId === 'string' && targetOfferId && targetOfferId.length <= 100 ? targetOfferId : baseId;
  const ids = [...new Set([baseId, targetId].filter((id): id is string => Boolean(id)))];
  const eaHeldOfferIds = held[0]?.eaHeldOfferIds ?? [];
  const facts: ChangeFacts = { subscription, market, current, baseOfferId: baseId, paidEquivalent: null, target: null, eligibility: null, eaHeldOfferIds };
  if (!ids.length) return facts;
  const declarations = ['$r: [_Any!]!'];
  const variables: Record<string, unknown> = { r: ids.map((id) => ({ __typename: 'Offer', id })) };
  let extra = '';
  if (market) {
    declarations.push('$m: String!');
    variables.m = market;
    extra += ' price(market: $m) { amount currency }';
  }
  const offers = await ctx.graph.query<{ _entities: (CatalogSku | null)[] }>('catalog', `query(${declarations.join(', ')}) { _entities(representations: $r) { ... on Offer { ${SKU_FIELDS}${extra} } } }`, variables);
  const byId = new Map(offers._entities.filter((o): o is CatalogSku => Boolean(o)).map((o) => [o.id, o]));
  facts.paidEquivalent = subscription.isTrial && baseId ? (byId.get(baseId) ?? null) : null;
  facts.target = targetId ? (byId.get(targetId) ?? null) : null;
  if (baseId && facts.target && targetId !== baseId) {
    // CAT-10: the catalog owns eligibility; it is asked only about an offer it knows.
    const [base] = await ctx.graph.query<{ _entities: ({ upgradeEligibility: Eligibility } | null)[] }>(
      'catalog',
      'query($r: [_Any!]!, $t: ID!) { _entities(representations: $r) { ... on Offer { upgradeEligibility(targetOfferId: $t) { eligible kind detail message rule } } } }',
      { r: [{ __typename: 'Offer', id: baseId }], t: targetId },
    ).then((data) => data._entities);
    facts.eligibility = base?.upgradeEligibility ?? { eligible: false, message: `${baseId} is not in the catalog`, rule: 'CAT-10' };
  }
  return facts;
}
