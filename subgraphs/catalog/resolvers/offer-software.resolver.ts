import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { SoftwareKeyType } from '../../../shared/graphql/enums';
import { Offer } from '../entities/offer.entity';
import { SoftwareProduct, TermBilling } from '../types/software.types';

/** The software facts of an Offer (SW-2, SW-3), as the catalog's data states them. */
@Resolver(() => Offer)
export class OfferSoftwareResolver {
  @FieldResolver(() => SoftwareProduct, { nullable: true, description: 'SW-2: versions, languages, file types / OS and key type of a software product; null for other SKUs' })
  software(@Root() offer: Offer): SoftwareProduct | null {
    if (!offer.isSoftware || !offer.softwareKeyKind) return null;
    return Object.assign(new SoftwareProduct(), {
      versions: offer.softwareVersions,
      languages: offer.softwareLanguages,
      fileTypes: offer.softwareFileTypes,
      keyType: offer.softwareKeyKind as SoftwareKeyType,
      installInstructionsUrl: offer.installInstructionsUrl ?? null,
    });
  }

  @FieldResolver(() => [TermBilling], {
    nullable: true,
    description: 'SW-3: billing frequencies per term duration where the SKU restricts them; null: every listed frequency that fits the term',
  })
  termBilling(@Root() offer: Offer): TermBilling[] | null {
    return offer.termBilling ? offer.termBilling.map((t) => Object.assign(new TermBilling(), t)) : null;
  }
}
