import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Offer } from '../entities/offer.entity';
import type { CatalogContext } from '../context';
import { purchaseService } from '../services/purchase.service';
import { upgradeService } from '../services/upgrade.service';
import { suiteOf } from '../services/upgrade.policy';
import { AddOnRuleKind, SuitePersona, SuiteSector, UpgradeKind } from '../types/catalog.enums';
import { AddOnRule, Purchasability, Suite, UpgradeEligibility, UpgradePath } from '../types/catalog.types';
import { OfferHoldingInput, PurchaseBuyerInput } from '../types/offer-holding.input';
import { Internal } from '../../../shared/graphql/federation';

/** The rule-bearing fields of Offer: purchasability (CAT-2/3/5/8), upgrades (CAT-10), taxonomy (CAT-11), add-ons (CAT-7). */
@Resolver(() => Offer)
export class OfferRulesResolver {
  @FieldResolver(() => Purchasability, {
    nullable: true,
    description: "Whether the catalog lets this customer buy the offer, from the customer's country and segment; NOT_FOUND for a customer the caller may not see",
  })
  async purchasable(@Ctx() ctx: CatalogContext, @Root() offer: Offer, @Arg('customerId', () => ID, { description: 'Id of the customer who would buy it' }) customerId: string): Promise<Purchasability> {
    return Object.assign(new Purchasability(), await purchaseService.purchasable(ctx, offer, customerId));
  }

  /**
   * CAT-4 without a call back: the subscriptions subgraph, which owns holdings, supplies them with
   * the question (internal); with `buyer`, also the customer's country and segment it has just read
   * as the caller, so the catalog asks the customers subgraph nothing.
   */
  @Internal()
  @FieldResolver(() => Purchasability, { nullable: true, description: "Whether the catalog lets this customer buy the offer, judged with the customer's live subscriptions as given" })
  async purchaseVerdict(
    @Ctx() ctx: CatalogContext,
    @Root() offer: Offer,
    @Arg('customerId', () => ID, { description: 'Id of the customer who would buy it' }) customerId: string,
    @Arg('holdings', () => [OfferHoldingInput], { description: "CAT-4: the customer's live subscriptions through every partner" }) holdings: OfferHoldingInput[],
    @Arg('buyer', () => PurchaseBuyerInput, { nullable: true, description: "CAT-2, CAT-3: the customer's country and segment as the asking subgraph read them; absent: read from the customers subgraph" })
    buyer?: PurchaseBuyerInput | null,
  ): Promise<Purchasability> {
    const held = holdings.map((h) => ({ offerId: h.offerId, subscriptionId: h.subscriptionId ?? null, status: h.status }));
    return Object.assign(new Purchasability(), await purchaseService.purchasable(ctx, offer, customerId, held, buyer ?? undefined));
  }

  @FieldResolver(() => [UpgradePath], { description: 'CAT-10: eligible upgrade targets with their kind' })
  async upgradeTargets(@Ctx() ctx: CatalogContext, @Root() offer: Offer): Promise<UpgradePath[]> {
    const targets = await upgradeService.targets(ctx, offer);
    return targets.map((t) => Object.assign(new UpgradePath(), { offer: t.offer, kind: t.kind as UpgradeKind }));
  }

  @FieldResolver(() => UpgradeEligibility, { description: 'CAT-10: is this SKU → target an eligible upgrade, and if not why' })
  async upgradeEligibility(@Ctx() ctx: CatalogContext, @Root() offer: Offer, @Arg('targetOfferId', () => ID, { description: 'Id of the offer to upgrade to' }) targetOfferId: string): Promise<UpgradeEligibility> {
    return Object.assign(new UpgradeEligibility(), await upgradeService.eligibility(ctx, offer, targetOfferId));
  }

  @FieldResolver(() => Suite, { nullable: true, description: 'CAT-11: persona and sector of a suite; null for SKUs that are not suites' })
  suite(@Root() offer: Offer): Suite | null {
    const entry = suiteOf(offer.provisioningId);
    if (!entry) return null;
    return Object.assign(new Suite(), {
      persona: entry.persona as SuitePersona,
      sector: entry.sector as SuiteSector,
      minimumLicenses: offer.minQuantity,
    });
  }

  @FieldResolver(() => AddOnRule, { nullable: true, description: 'CAT-7: the quantity rule of an add-on, checked at checkout' })
  addOnRule(@Root() offer: Offer): AddOnRule | null {
    if (!offer.addOnRule) return null;
    return Object.assign(new AddOnRule(), { kind: offer.addOnRule as AddOnRuleKind, percent: offer.addOnPercent ?? undefined });
  }
}
