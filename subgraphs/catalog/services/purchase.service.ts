import type { Offer } from '../entities/offer.entity';
import { graphLoaders, type CatalogContext } from '../loaders';
import { offerService } from './offer.service';
import { evaluatePurchase, type Buyer, type PurchaseDecision } from './purchasability.policy';

/** CAT-2, CAT-3, CAT-4, CAT-5, CAT-8: may an offer be bought for a customer, and if not why. */
export class PurchaseService {
  /**
   * Batched: a page of offers asks the customers subgraph once for the customer (and once for
   * the caller's PartnerID), and for one-per-customer offers the subscriptions subgraph once
   * for what the customer holds.
   */
  async purchasable(ctx: CatalogContext, offer: Offer, customerId: string): Promise<PurchaseDecision> {
    const customer = await offerService.customer(ctx, customerId);
    const buyer: Buyer = { country: customer.country, segment: customer.segment };
    if (offer.exclusivePartners.length && ctx.identity?.tenantKind === 'PARTNER') {
      buyer.partnerTenantId = ctx.identity.tenantId;
      buyer.partnerId = (await graphLoaders(ctx).partnerId.load(ctx.identity.tenantId)) ?? undefined;
    }
    if (offer.onePerCustomer) {
      // CAT-4: an active holding outranks a suspended one (the partner buys nothing either way).
      const held = (await graphLoaders(ctx).holdings.load(customerId)).filter((h) => h.offerId === offer.id);
      buyer.holding = held.find((h) => h.status !== 'SUSPENDED') ?? held[0] ?? null;
    }
    return evaluatePurchase({ ...offer, markets: await offerService.markets(ctx, offer) }, buyer);
  }
}

export const purchaseService = new PurchaseService();
