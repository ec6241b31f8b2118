import type { Offer } from '../entities/offer.entity';
import { graphLoaders } from '../loaders';
import type { CatalogContext } from '../context';
import { offerService } from './offer.service';
import { evaluatePurchase, type Buyer, type OfferHolding, type PurchaseDecision } from './purchasability.policy';

/** CAT-4: a live subscription the customer holds, with its offer. */
export type HeldOffer = OfferHolding & { offerId: string };

/** CAT-2, CAT-3, CAT-4, CAT-5, CAT-8: may an offer be bought for a customer, and if not why. */
export class PurchaseService {
  /**
   * Batched: a page of offers asks the customers subgraph once for the customer (and once for
   * the caller's PartnerID), and for one-per-customer offers the subscriptions subgraph once
   * for what the customer holds, unless the caller gave the holdings (the subscriptions
   * subgraph itself, which owns them: no call back to it).
   */
  async purchasable(ctx: CatalogContext, offer: Offer, customerId: string, givenHoldings?: readonly HeldOffer[], givenBuyer?: { country: string; segment: string }): Promise<PurchaseDecision> {
    // The internal verdict may bring the customer's facts (read as the caller by the subgraph asking).
    const customer = givenBuyer ?? (await offerService.customer(ctx, customerId));
    const partner = offer.exclusivePartners.length && ctx.identity?.tenantKind === 'PARTNER' ? ctx.identity.tenantId : undefined;
    // Asked together, so every offer of a page joins the same batches (one call or statement each).
    const [partnerId, holdings, markets] = await Promise.all([
      partner ? graphLoaders(ctx).partnerId.load(partner) : undefined,
      offer.onePerCustomer ? (givenHoldings ?? graphLoaders(ctx).holdings.load(customerId)) : undefined,
      offerService.markets(ctx, offer),
    ]);
    const buyer: Buyer = { country: customer.country, segment: customer.segment };
    if (partner) {
      buyer.partnerTenantId = partner;
      buyer.partnerId = partnerId ?? undefined;
    }
    if (holdings) {
      // CAT-4: an active holding outranks a suspended one, the caller's own outranks another partner's.
      const held = holdings.filter((h) => h.offerId === offer.id);
      const rank = (h: (typeof held)[number]) => (h.status === 'SUSPENDED' ? 2 : 0) + (h.subscriptionId ? 0 : 1);
      buyer.holding = [...held].sort((a, b) => rank(a) - rank(b))[0] ?? null;
    }
    return evaluatePurchase({ ...offer, markets }, buyer);
  }
}

export const purchaseService = new PurchaseService();
