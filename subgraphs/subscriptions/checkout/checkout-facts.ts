import { requireIdentity } from '../../../shared/context';
import { notFound } from '../../../shared/errors';
import { readModels } from '../../../shared/db/read-model';
import { Cart } from '../entities/cart.entity';
import type { SubscriptionsContext } from '../context';
import type { CheckoutRequest } from './checkout-request';
import { checkoutCatalogFacts, partyFacts, type CatalogOffer, type PartyFacts } from './facts.service';
import { fingerprintOf } from './idempotency';
import type { MonthlyTermPrice } from '../../../shared/pricing/price-quotes';

/** What checkout knows from the customers subgraph and the catalog, and which cart it was read for. */
export interface CheckoutFacts {
  /** ORD-7 fingerprint of the cart the facts were read for; the unit refuses to use them for another. */
  fingerprint: string;
  parties: PartyFacts;
  offers: Map<string, CatalogOffer>;
  /** Every offer id the catalog was asked about: the cart's and those of the customer's live subscriptions. */
  askedOfferIds: string[];
  additionalResellers: string[];
  /** BIL-5, BIL-7: the catalog's quote per cart line (by position), with the promotion for new purchases; null where none. */
  prices: (MonthlyTermPrice | null)[];
}

/**
 * Before the checkout unit (no transaction, no lock): the cart as it stands, then one call to
 * the customers subgraph (REL-1/3/6, ORD-2/3, RES-2/3) and one to the catalog for the cart's
 * offers and those the customer already holds (CAT-3/4/5/6/7/8) with the lines' quotes
 * (BIL-5/7). Null for a cart that is no longer open: it needs no facts, the unit replays its
 * order or refuses it.
 */
export async function readCheckoutFacts(ctx: SubscriptionsContext, request: CheckoutRequest): Promise<CheckoutFacts | null> {
  const identity = requireIdentity(ctx);
  const { cartId, additionalResellers } = request;
  // A read model (nothing managed): the unit locks and reads the cart afresh, and its fingerprint
  // of the lines must match this one's.
  const [cart] = await readModels(ctx.em, Cart, { id: cartId }, { fields: ['id', 'status', 'customerId', 'lines'], limit: 1 });
  if (!cart) throw notFound('Cart', cartId);
  if (cart.status !== 'OPEN') return null;
  // CAT-6/CAT-7: every partner's live subscriptions of the customer count (an unscoped read);
  // the request's loader keeps them, so the catalog's CAT-4 question reuses this one read.
  const resellerNames = [...cart.lines.flatMap((l) => (l.resellerPartnerId ? [l.resellerPartnerId] : [])), ...additionalResellers];
  const [live, parties] = await Promise.all([
    ctx.loaders.customerOfferHoldings.load(cart.customerId),
    partyFacts(ctx, cart.customerId, identity.tenantId, resellerNames, identity.partnerType === 'INDIRECT_PROVIDER'),
  ]);
  const askedOfferIds = [...new Set([...cart.lines.map((l) => l.offerId), ...live.map((s) => s.offerId)])];
  // REL-1: without a relationship the catalog has nothing to judge.
  const { offers, prices } = parties.customer
    ? await checkoutCatalogFacts(ctx, askedOfferIds, parties.customer, cart.lines)
    : { offers: new Map<string, CatalogOffer>(), prices: cart.lines.map(() => null) };
  return { fingerprint: fingerprintOf(cart), parties, offers, askedOfferIds, additionalResellers, prices };
}
