import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { runMutation } from '../../../shared/graphql/payload';
import type { CatalogContext } from '../loaders';
import { importService } from '../services/import.service';
import { ImportOffersInput, ImportOffersPayload } from '../types/import.types';

@Resolver()
export class ImportResolver {
  @Authorized('importOffers')
  @Mutation(() => ImportOffersPayload, { description: 'PLATFORM_OPERATOR: load or update offers, idempotent by provisioning id' })
  importOffers(@Ctx() ctx: CatalogContext, @Arg('input') input: ImportOffersInput): Promise<ImportOffersPayload> {
    return runMutation(ctx, ImportOffersPayload, async (tx) => {
      const offers = await importService.importOffers(tx, input);
      return {
        result: { offers },
        audit: { operation: 'importOffers', resourceType: 'Offer', resourceId: offers.map((o) => o.id).join(',').slice(0, 500), details: { count: offers.length } },
      };
    });
  }
}
