import { Kind, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { fieldsOnType } from '../../shared/graphql/selection';
import { badInput } from '../../shared/errors';

/** A market argument as a country code (ISO 3166-1 alpha-2), else BAD_USER_INPUT naming `field`. */
export function marketCode(market: string, field: string[] = ['market']): string {
  const code = market.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw badInput('market must be an ISO 3166-1 alpha-2 code', field);
  return code;
}

/** The offer fields that take a market. */
const PRICE_FIELDS = new Set(['price', 'priceDetails']);
/** Arguments that make `price` read the price list (BIL-7) instead of the base price read with the offer. */
const PRICE_LIST_ARGUMENTS = new Set(['termDuration', 'billingFrequency', 'at', 'segment']);

/**
 * The one market in which the query prices the offers it resolves by reference (`price` and
 * `priceDetails` under `... on Offer`), so that the offers and their prices are read in one
 * statement; undefined when it asks none, several, or one that is not a country code (the field
 * then answers its own error).
 */
export function pricedMarket(info: GraphQLResolveInfo): string | undefined {
  let markets = marketArguments.get(info.fieldNodes);
  if (!markets) marketArguments.set(info.fieldNodes, (markets = collect(info)));
  const values = new Set(markets.map((value) => (value.kind === Kind.VARIABLE ? info.variableValues[value.name.value] : value.kind === Kind.STRING ? value.value : undefined)));
  const [market] = values;
  if (values.size !== 1 || typeof market !== 'string') return undefined;
  try {
    return marketCode(market);
  } catch {
    return undefined;
  }
}

type MarketValue = NonNullable<FieldNode['arguments']>[number]['value'];

/** Each query's `market` arguments, read once per query (a reference query asks once per offer). */
const marketArguments = new WeakMap<readonly FieldNode[], MarketValue[]>();

function collect(info: GraphQLResolveInfo): MarketValue[] {
  // A price without its market argument cannot be read with the offer: it counts as another market.
  return fieldsOnType(info, 'Offer', (name) => PRICE_FIELDS.has(name))
    .filter((field) => !field.arguments?.some((argument) => PRICE_LIST_ARGUMENTS.has(argument.name.value)))
    .map((field) => field.arguments?.find((argument) => argument.name.value === 'market')?.value ?? { kind: Kind.NULL });
}
