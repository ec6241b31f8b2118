import { notFound } from '../../../shared/errors';
import type { Offer } from '../entities/offer.entity';
import type { CatalogContext } from '../context';
import { evaluateUpgrade, type UpgradeDecision, type UpgradeSku } from './upgrade.policy';
import type { UpgradeKindCode } from '../seed/upgrades.data';

function sku(offer: Offer): UpgradeSku {
  return {
    id: offer.id,
    provisioningId: offer.provisioningId,
    lifecycle: offer.lifecycle,
    category: offer.category,
    teams: offer.teams ?? null,
    listPrice: offer.listPriceUsd,
    maxQuantity: offer.maxQuantity,
    exchangeable: offer.exchangeable,
  };
}

/** CAT-10: upgrade paths as data, judged by the pure upgrade policy. */
export class UpgradeService {
  async decide(ctx: CatalogContext, source: Offer, target: Offer): Promise<UpgradeDecision> {
    const [forward, backward] = await Promise.all([
      ctx.loaders.pathsFrom.load(source.provisioningId),
      ctx.loaders.pathsFrom.load(target.provisioningId),
    ]);
    const declared = forward.find((p) => p.targetProvisioningId === target.provisioningId)?.kind;
    const reverseDeclared = backward.some((p) => p.targetProvisioningId === source.provisioningId);
    return evaluateUpgrade({ source: sku(source), target: sku(target), declared, reverseDeclared });
  }

  /** The eligible targets of a SKU: its declared paths that the policy accepts (batched for a page). */
  async targets(ctx: CatalogContext, source: Offer): Promise<{ offer: Offer; kind: UpgradeKindCode }[]> {
    const paths = await ctx.loaders.pathsFrom.load(source.provisioningId);
    const targets = await ctx.loaders.offerByProvisioningId.loadMany(paths.map((p) => p.targetProvisioningId));
    const found = targets.filter((t): t is Offer => Boolean(t) && !(t instanceof Error));
    const decisions = await Promise.all(found.map((target) => this.decide(ctx, source, target)));
    return found.flatMap((offer, i) => {
      const { eligible, kind } = decisions[i];
      return eligible && kind ? [{ offer, kind }] : [];
    });
  }

  async eligibility(ctx: CatalogContext, source: Offer, targetOfferId: string): Promise<UpgradeDecision> {
    const target = await ctx.loaders.offer.load(targetOfferId);
    if (!target) throw notFound('Offer', targetOfferId);
    return this.decide(ctx, source, target);
  }
}

export const upgradeService = new UpgradeService();
