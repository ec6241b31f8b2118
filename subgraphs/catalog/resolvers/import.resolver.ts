import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { mutate } from '../../../shared/unit-of-work';
import type { CatalogContext } from '../context';
import { importService } from '../services/import.service';
import { ImportOffersInput, ImportOffersPayload } from '../types/import.types';

@Resolver()
export class ImportResolver {
  @Authorized('importOffers')
  @Mutation(() => ImportOffersPayload, { description: 'PLATFORM_OPERATOR: load or update offers, idempotent by provisioning id' })
  importOffers(@Ctx() ctx: CatalogContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: ImportOffersInput): Promise<ImportOffersPayload> {
    return mutate(ctx, ImportOffersPayload, (tx) => importService.importOffers(tx, input));
  }
}
