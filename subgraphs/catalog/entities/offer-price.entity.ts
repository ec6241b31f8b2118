import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Unit price of a SKU in one market, an exact decimal in the market's currency (CAT-1, CAT-2). */
@Entity({ tableName: 'offer_price' })
export class OfferPrice {
  @PrimaryKey({ type: 'text' })
  offerId!: string;

  @PrimaryKey({ type: 'text' })
  market!: string;

  @Property({ type: 'text' })
  currency!: string;

  /** numeric(14,4), read as a string: never a float. */
  @Property({ type: 'decimal', columnType: 'numeric(14,4)' })
  amount!: string;

  /** CAT-2: prices exclude taxes except in Australia and Brazil. */
  @Property({ type: 'boolean' })
  taxIncluded!: boolean;
}
