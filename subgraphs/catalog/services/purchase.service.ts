import type { Offer } from '../entities/offer.entity';
import { graphLoaders, type CatalogContext } from '../loaders';
import { offerService } from './offer.service';
import { evaluatePurchase, type Buyer, type PurchaseDecision } from './purchasability.policy';

/** CAT-2, CAT-3, CAT-5, CAT-8: may an offer be bought for a customer, and if not why. */
export class PurchaseService {
  /** Batched: a page of offers asks the customers subgraph once for the customer (and once for the caller's PartnerID). */
  async purchasable(ctx: CatalogContext, offer: Offer, customerId: string): Promise<PurchaseDecision> {
    const customer = await offerService.customer(ctx, customerId);
    const buyer: Buyer = { country: customer.country, segment: customer.segment };
    if (offer.exclusivePartners.length && ctx.identity?.tenantKind === 'PARTNER') {
      buyer.partnerTenantId = ctx.identity.tenantId;
      buyer.partnerId = (await graphLoaders(ctx).partnerId.load(ctx.identity.tenantId)) ?? undefined;
    }
    return evaluatePurchase(offer, buyer);
  }
}

export const purchaseService = new PurchaseService();
