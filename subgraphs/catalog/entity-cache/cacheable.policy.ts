import { Kind, type DocumentNode, type SelectionSetNode } from 'graphql';

/**
 * Offer fields whose value is the same for every authenticated caller and for every business time:
 * columns of the offer row, what is derived from them alone, and the base monthly price of a
 * market (`offer_price` has no effective dates). Changed only by importOffers (CAT-1).
 *
 * Not listed, so never cached: `purchasable`, `purchaseVerdict` (depend on the customer and the
 * caller, CAT-2/3/4/5), `upgradeTargets`, `upgradeEligibility` (CAT-10, read other tables),
 * `priceQuote` and `price` with terms (BIL-7: the price list in effect at a business time, with
 * promotions, BIL-5).
 */
const CALLER_AND_TIME_INDEPENDENT = new Set([
  '__typename', 'id', 'name', 'provisioningId', 'productId', 'skuId', 'productFamily', 'publisher', 'isvPublisher', 'billingType',
  'category', 'segments', 'lifecycle', 'termDurations', 'billingFrequencies', 'minQuantity', 'maxQuantity', 'onePerCustomer',
  'prerequisites', 'trialOfferId', 'paidOfferId', 'marketplaceTrialDays', 'setupUrl', 'isSoftware', 'isPerpetual', 'cancellable',
  'azureReservation', 'commercialOnly', 'exchangeable', 'suite', 'addOnRule', 'priceDetails', 'markets', 'isTrial', 'includesTeams',
  'exclusive', 'software', 'termBilling', 'price',
]);

/** `price` is the base price only with `market` alone; any term argument makes it the price list's, in effect at a time. */
const BASE_PRICE_ARGUMENTS = new Set(['market']);

/**
 * Whether a request's answer may be kept by the gateway's entity cache: a query whose one root
 * field is `_entities` and which selects on Offer only fields of {@link CALLER_AND_TIME_INDEPENDENT}
 * (anything else: a named fragment, another type, a field not listed, `price` with terms: no).
 */
export function cacheableEntityFetch(document: DocumentNode): boolean {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || document.definitions.length !== 1) return false;
  const [operation] = operations;
  if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return false;
  const roots = operation.selectionSet.selections;
  if (roots.length !== 1 || roots[0].kind !== Kind.FIELD || roots[0].name.value !== '_entities' || !roots[0].selectionSet) return false;
  return onlyOfferFields(roots[0].selectionSet, false);
}

function onlyOfferFields(selectionSet: SelectionSetNode, onOffer: boolean): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.INLINE_FRAGMENT) return selection.typeCondition?.name.value === 'Offer' && onlyOfferFields(selection.selectionSet, true);
    if (selection.kind !== Kind.FIELD) return false;
    const name = selection.name.value;
    if (name === '__typename') return true;
    if (!onOffer || !CALLER_AND_TIME_INDEPENDENT.has(name)) return false;
    return name !== 'price' || (selection.arguments ?? []).every((argument) => BASE_PRICE_ARGUMENTS.has(argument.name.value));
  });
}
